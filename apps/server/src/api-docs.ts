import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Swagger UI's own files, shipped in the swagger-ui-dist package: nothing loads from a CDN. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png']);

function page(prefix: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>carhub API</title>
<link rel="stylesheet" href="${prefix}/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="${prefix}/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${prefix}/assets/swagger-ui-bundle.js"></script>
<script src="${prefix}/init.js"></script>
</body>
</html>
`;
}

// A file, not an inline script, so the page runs under helmet's `script-src 'self'` unchanged.
function initScript(documentUrl: string): string {
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    // Its default sends the document to validator.swagger.io.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;
}

/**
 * An interactive reference rendering the OpenAPI document at `documentUrl`, served under the
 * prefix this plugin is registered with.
 */
export async function apiDocs(app: FastifyInstance, { documentUrl }: { documentUrl: string }) {
  const html = page(app.prefix);
  const script = initScript(documentUrl);
  // Under a prefix, '/' answers both /docs and /docs/.
  app.get(
    '/',
    // helmet's CSP stays as it is but for one directive: upgrade-insecure-requests makes a browser
    // fetch the page's own scripts over https, so over plain http on anything but localhost
    // (a LAN address, a container) the page would stay blank.
    { helmet: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } },
    (_request, reply) => reply.type('text/html; charset=utf-8').send(html),
  );
  app.get('/init.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script));
  await app.register(fastifyStatic, {
    root: swaggerUiDir,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    // The package also holds a demo page pointing at a public petstore: serve only what the page uses.
    allowedPath: (pathName) => ASSETS.has(pathName),
  });
}
