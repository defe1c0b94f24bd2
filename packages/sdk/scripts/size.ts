import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/*
 * The SDK's own weight in an app: dist/index.js minified and gzipped, with its peers left
 * out (an app that uses tRPC has them anyway). `pnpm --filter @carhub/sdk size` builds first.
 */

const sdkRoot = new URL('..', import.meta.url).pathname;
const entry = `${sdkRoot}dist/index.js`;
if (!existsSync(entry)) {
  console.error('dist/index.js is missing: run `pnpm --filter @carhub/sdk build` first.');
  process.exit(1);
}

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  external: ['@trpc/client', '@trpc/server', 'superjson'],
  write: false,
  logLevel: 'silent',
});
const code = result.outputFiles[0]?.contents;
if (!code) throw new Error('esbuild produced no output');
const gzipped = gzipSync(code, { level: 9 }).length;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
console.log(
  `@carhub/sdk: ${kB(code.length)} minified, ${kB(gzipped)} minified + gzipped (${code.length} / ${gzipped} bytes; @trpc/client, @trpc/server and superjson external)`,
);
