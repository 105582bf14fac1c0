'use strict';
/*
 * Sign-in shared by the query IDE and the report page. The token lives in this tab's
 * sessionStorage only (gone when the tab closes) and is sent to this gateway's
 * /graphql as Authorization: Bearer. In development the gateway also issues short-lived
 * development tokens from POST /dev/token; the page learns that from data-dev-tokens.
 */
(function () {
  const STORAGE_KEY = 'durchstarten.token';
  const DEV_VIEWERS = [
    ['analyst', 'kreis'],
    ['caseworker', 'kreis'],
    ['analyst', 'agentur'],
    ['coach', 'klausenhof'],
    ['coach', 'fachwerk'],
    ['agent', 'agentur'],
    ['dpo', 'kreis'],
    ['admin', 'kreis'],
  ];
  const listeners = [];

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  /** The token's claims, read for display only: the gateway verifies it on every request. */
  function claimsOf(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      const claims = JSON.parse(json);
      return claims && typeof claims === 'object' ? claims : null;
    } catch {
      return null;
    }
  }

  function token() {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (!stored) return null;
    const claims = claimsOf(stored);
    if (claims && typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return stored;
  }

  /** Who the page is signed in as: { sub, org, roles, exp } or null. */
  function viewer() {
    const current = token();
    const claims = current && claimsOf(current);
    if (!claims) return null;
    return {
      sub: String(claims.sub || ''),
      org: String(claims.org || ''),
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
      exp: typeof claims.exp === 'number' ? claims.exp : null,
    };
  }

  function changed() {
    for (const listener of listeners) listener(viewer());
  }

  /** POST to /graphql with the token; resolves to the GraphQL response body. */
  async function graphql(query, variables, operationName) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const current = token();
    if (current) headers.authorization = 'Bearer ' + current;
    const response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: variables || undefined, operationName: operationName || undefined }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      body = { errors: [{ message: 'The gateway answered HTTP ' + response.status + ' without a GraphQL response.' }] };
    }
    if (response.status === 401 && current) {
      // An expired or refused token: sign out so the page asks for a new one.
      sessionStorage.removeItem(STORAGE_KEY);
      changed();
    }
    return body;
  }

  async function signIn(raw) {
    const value = String(raw || '')
      .trim()
      .replace(/^(authorization:\s*)?bearer\s+/i, '');
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
      throw new Error('That is not a JWT: paste the token (three parts separated by dots), with or without "Bearer ".');
    }
    const claims = claimsOf(value);
    if (!claims) throw new Error('The token cannot be read: its middle part is not JSON.');
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) throw new Error('The token has expired.');
    const previous = sessionStorage.getItem(STORAGE_KEY);
    sessionStorage.setItem(STORAGE_KEY, value);
    const answer = await graphql('query SignInCheck { __typename }');
    if (answer.errors && answer.errors.length) {
      if (previous) sessionStorage.setItem(STORAGE_KEY, previous);
      else sessionStorage.removeItem(STORAGE_KEY);
      throw new Error('The gateway refused the token: ' + answer.errors[0].message);
    }
    changed();
  }

  function signOut() {
    sessionStorage.removeItem(STORAGE_KEY);
    changed();
  }

  async function developmentToken(role, org) {
    const response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, org }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.token) throw new Error(body.error || 'No development token (HTTP ' + response.status + ').');
    return body.token;
  }

  function time(seconds) {
    return new Date(seconds * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  /** Renders the sign-in bar into `container` and keeps it current. */
  function mount(container) {
    const devTokens = document.body.dataset.devTokens === 'on';
    const render = () => {
      container.replaceChildren();
      const who = viewer();
      const message = el('span', { class: 'signin-message', role: 'status', 'aria-live': 'polite' });
      const fail = (error) => {
        message.textContent = error.message;
        message.classList.add('error');
      };
      if (who) {
        const signOutButton = el('button', { type: 'button', id: 'sign-out', text: 'Sign out' });
        signOutButton.addEventListener('click', signOut);
        container.append(
          el('span', {
            id: 'signed-in-as',
            class: 'signed-in',
            text: 'Signed in as ' + who.roles.join(', ') + '@' + who.org + (who.exp ? ' until ' + time(who.exp) : ''),
          }),
          signOutButton,
        );
        return;
      }
      const form = el('form', { id: 'sign-in', class: 'signin-form' });
      const input = el('input', {
        id: 'token',
        name: 'token',
        type: 'password',
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: 'Bearer token (JWT)',
        'aria-label': 'Bearer token',
      });
      form.append(input, el('button', { type: 'submit', text: 'Sign in' }));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        signIn(input.value).catch(fail);
      });
      container.append(form);
      if (devTokens) {
        const dev = el('form', { id: 'dev-token', class: 'signin-form dev' });
        const select = el('select', { id: 'dev-role', name: 'viewer', 'aria-label': 'Development role' });
        for (const [role, org] of DEV_VIEWERS) select.append(el('option', { value: role + '@' + org, text: role + '@' + org }));
        dev.append(
          el('span', { class: 'dev-label', text: 'Development:' }),
          select,
          el('button', { type: 'submit', text: 'Get development token' }),
        );
        dev.addEventListener('submit', (event) => {
          event.preventDefault();
          const [role, org] = select.value.split('@');
          developmentToken(role, org).then(signIn).catch(fail);
        });
        container.append(dev);
      }
      container.append(message);
    };
    listeners.push(render);
    render();
  }

  window.Workplace = {
    token,
    viewer,
    graphql,
    signIn,
    signOut,
    mount,
    onChange: (listener) => listeners.push(listener),
  };
})();
