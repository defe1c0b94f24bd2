import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev`: Vite serves the console with hot reload and hands every API path to the server
// (API_URL, default the server's own default address), so the browser sees one origin.
// biome-ignore lint/style/noProcessEnv: the dev server's two settings, read where they are used
const api = process.env.API_URL ?? 'http://localhost:3000';
const apiPaths = ['/trpc', '/api', '/media', '/docs', '/openapi.json', '/healthz', '/readyz'];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      // Forms validate with the API's own zod schemas; their modules import the database
      // package for server-side helpers only, which must not reach the browser.
      // The SDK from its source: no build step before the console's.
      '@carhub/sdk': fileURLToPath(new URL('../../packages/sdk/src/index.ts', import.meta.url)),
      '@carhub/db': fileURLToPath(new URL('./src/lib/no-database.ts', import.meta.url)),
    },
  },
  server: {
    // biome-ignore lint/style/noProcessEnv: see above
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api }])),
  },
  build: { outDir: 'dist', sourcemap: false },
});
