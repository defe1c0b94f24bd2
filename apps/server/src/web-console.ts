import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `pnpm --filter @carhub/web build` writes the console. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The console's own URLs: each answers its index.html, and the router in the browser takes
 * over. /api, /trpc, /docs, /media and the health checks keep their own answers and 404s.
 */
export const CONSOLE_ROUTES = [
  '/',
  '/login',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/terms',
  '/privacy',
  '/bookings',
  '/garage',
  '/garage/:id',
  '/cars/:id',
  '/notifications',
  '/settings',
  '/admin',
  '/admin/*',
] as const;

export interface WebConsoleOptions {
  dir?: string;
  requireTerms: boolean;
  showroomTimeZone: string;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Settings the console needs before its first call, as <meta> tags: an inline script would
 * need the CSP loosened.
 */
export function consoleHtml(template: string, options: Omit<WebConsoleOptions, 'dir'>): string {
  const tags = [
    `<meta name="carhub:require-terms" content="${options.requireTerms}">`,
    `<meta name="carhub:showroom-tz" content="${escapeAttribute(options.showroomTimeZone)}">`,
  ].join('\n    ');
  return template.replace('</head>', `    ${tags}\n  </head>`);
}

/**
 * Serves the built console from the API's own origin, so the browser's session cookie and
 * the Origin check work as they are. Returns false (and serves nothing) when it isn't built.
 */
export function registerWebConsole(app: FastifyInstance, options: WebConsoleOptions): boolean {
  const dir = options.dir ?? WEB_DIST_DIR;
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const html = consoleHtml(readFileSync(indexFile, 'utf8'), options);

  // A plugin, so its routes are added once helmet is loaded and get its per-route options.
  app.register(async (scope) => {
    // Vite puts a content hash in every asset's name: a new build means new names.
    await scope.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
      // The build writes .br and .gz copies of every script and stylesheet.
      preCompressed: true,
    });
    for (const url of CONSOLE_ROUTES) {
      scope.get(
        url,
        // As for /docs: upgrade-insecure-requests would blank the page over plain http on a LAN
        // address; every other directive of helmet's CSP stays as it is.
        { helmet: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } },
        (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html),
      );
    }
    // Any other path nothing else answers: a browser gets the console's own "not found" page
    // (with a 404); every other client gets the server's usual 404.
    scope.get(
      '/*',
      { helmet: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } },
      (request, reply) =>
        request.headers.accept?.includes('text/html')
          ? reply.code(404).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html)
          : reply.callNotFound(),
    );
  });
  return true;
}
