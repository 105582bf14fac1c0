'use strict';
/* The query IDE: GraphiQL on this gateway's /graphql with the signed-in token. */
(function () {
  const DEFAULT_QUERY = `# Sign in above, then run with ▶ or Ctrl-Enter.
query Municipalities {
  municipalities { id name bank }
}
`;
  const host = document.getElementById('graphiql');
  const root = ReactDOM.createRoot(host);

  // GraphiQL asks for the schema at once; without a token that would only show a 401.
  const fetcher = (params) => {
    if (!Workplace.token()) {
      return Promise.resolve({ errors: [{ message: 'Not signed in: sign in with a token above first.' }] });
    }
    // Right after an edit GraphiQL can still send the name of the operation that was there before.
    const name = params.operationName;
    const named =
      !!name &&
      /^[_A-Za-z][_0-9A-Za-z]*$/.test(name) &&
      new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(params.query);
    return Workplace.graphql(params.query, params.variables, named ? name : undefined);
  };

  function render() {
    // Says on the page when GraphiQL has the schema of the signed-in role (for people and for tests);
    // a schema that arrives for an earlier instance does not count.
    const token = Workplace.token();
    host.dataset.schema = token ? 'loading' : 'none';
    root.render(
      React.createElement(GraphiQL, {
        // A new token may mean another role and so another schema view: mount afresh.
        key: token || 'signed-out',
        fetcher,
        defaultQuery: DEFAULT_QUERY,
        // Queries and tabs stay in this tab only; GraphiQL never stores responses.
        storage: window.sessionStorage,
        isHeadersEditorEnabled: false,
        shouldPersistHeaders: false,
        onSchemaChange: (schema) => {
          if (schema && token && token === Workplace.token()) host.dataset.schema = 'loaded';
        },
      }),
    );
  }

  Workplace.mount(document.getElementById('signin'));
  Workplace.onChange(render);
  render();
})();
