/**
 * Builds the server for production: apps/server/dist/main.mjs, our TypeScript (the server and
 * the workspace packages it imports) compiled into one ES module by esbuild. Dependencies are
 * not bundled: each import is left pointing at the file the package resolves to in this
 * checkout's node_modules (native code, WebAssembly and assets stay where they are), so the
 * build runs where it was made. `pnpm --filter @carhub/server build`; `pnpm start` builds it
 * when it is missing or stale (ensure-built.ts).
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
export const BUILT_ENTRY = fileURLToPath(new URL('../dist/main.mjs', import.meta.url));

/** Bare imports of packages become imports of their resolved files; workspace packages are compiled in. */
const dependenciesInPlace: Plugin = {
  name: 'dependencies-in-place',
  setup(plugin) {
    plugin.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@carhub/')) return undefined;
      const resolved = await plugin.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.external ? args.path : resolved.path, external: true };
    });
  },
};

export async function buildServer(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
    outfile: BUILT_ENTRY,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [dependenciesInPlace],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildServer();
