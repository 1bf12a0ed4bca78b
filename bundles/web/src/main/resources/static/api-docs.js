/*
 * The node's OpenAPI description (GET /api/v1/openapi.yaml) rendered by Swagger UI, read through the console as the
 * logged-in user. "Try it out" goes through the console too: a call to /api/v1/... is sent to /ordertower/api/v1/...
 * with the console's session and its CSRF header, so it runs with that user's roles, as the REST port would.
 */
(function () {
  'use strict';
  const ROOT = '/ordertower';
  const SPEC = ROOT + '/api/v1/openapi.yaml';

  function throughConsole(req) {
    const url = new URL(req.url, window.location.origin);
    if (url.origin === window.location.origin && url.pathname.startsWith('/api/v1/')) {
      url.pathname = ROOT + url.pathname;
      req.url = url.toString();
    }
    if (req.method && req.method.toUpperCase() !== 'GET') {
      req.headers['X-OrderTower-Console'] = '1';
    }
    req.credentials = 'same-origin';
    return req;
  }

  fetch(SPEC, { credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
    if (res.status === 401) {
      document.getElementById('api-docs-login').hidden = false;
      return;
    }
    window.ui = SwaggerUIBundle({
      url: SPEC,
      dom_id: '#api-docs',
      deepLinking: true,
      requestInterceptor: throughConsole,
    });
  });
})();
