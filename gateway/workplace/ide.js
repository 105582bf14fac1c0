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
    return Workplace.graphql(params.query, params.variables, params.operationName);
  };

  function render() {
    root.render(
      React.createElement(GraphiQL, {
        // A new token may mean another role and so another schema view: mount afresh.
        key: Workplace.token() || 'signed-out',
        fetcher,
        defaultQuery: DEFAULT_QUERY,
        // Queries and tabs stay in this tab only; GraphiQL never stores responses.
        storage: window.sessionStorage,
        isHeadersEditorEnabled: false,
        shouldPersistHeaders: false,
      }),
    );
  }

  Workplace.mount(document.getElementById('signin'));
  Workplace.onChange(render);
  render();
})();
