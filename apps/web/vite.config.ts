import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Writes .br and .gz beside each script and stylesheet, which the server sends to browsers that take them. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'carhub-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const assets = join(fileURLToPath(new URL('.', import.meta.url)), outDir, 'assets');
      if (!existsSync(assets)) return;
      for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
        const body = readFileSync(join(assets, name));
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(body));
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

// `pnpm dev`: Vite serves the console with hot reload and hands every API path to the server
// (API_URL, default the server's own default address), so the browser sees one origin.
// biome-ignore lint/style/noProcessEnv: the dev server's two settings, read where they are used
const api = process.env.API_URL ?? 'http://localhost:3000';
const apiPaths = ['/trpc', '/api', '/media', '/docs', '/openapi.json', '/healthz', '/readyz'];

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  resolve: {
    alias: [
      // The SDK from its source: no build step before the console's.
      { find: /^@carhub\/sdk$/, replacement: source('../../packages/sdk/src/index.ts') },
      { find: /^@carhub\/sdk\/react$/, replacement: source('../../packages/sdk/src/react.ts') },
      // Forms validate with the API's own zod schemas; their modules import the database
      // package for server-side helpers only, which must not reach the browser.
      { find: /^@carhub\/db$/, replacement: source('./src/lib/no-database.ts') },
    ],
  },
  server: {
    // biome-ignore lint/style/noProcessEnv: see above
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api }])),
  },
  build: { outDir: 'dist', sourcemap: false },
});
