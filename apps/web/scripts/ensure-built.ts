/**
 * Builds the console when apps/web/dist is missing or older than any of its sources (the
 * console, the SDK, the API schemas its forms use). `pnpm start` runs this first (through
 * apps/server/scripts/ensure-built.ts, which builds the server too, in the same process).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const repo = join(web, '../..');
const built = join(web, 'dist/index.html');
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  join(repo, 'packages/sdk/src'),
  join(repo, 'packages/api/src/routers'),
  join(repo, 'packages/api/src/domain'),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Whether `built` is missing or older than any file under `sources` (files or folders). */
export function isStale(built: string, sources: readonly string[]): boolean {
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((source) => newest(source) > builtAt);
}

export function consoleIsStale(): boolean {
  return isStale(built, sources);
}

/** Builds the console when it is stale; exits the process if the build fails. */
export function ensureConsoleBuilt(): void {
  if (!consoleIsStale()) return;
  console.log('Building the web console (apps/web)...');
  // Always the production build: with NODE_ENV=development in the server's environment, Vite
  // would bundle React's development build (about 40% more to download).
  const result = spawnSync('pnpm', ['--filter', '@carhub/web', 'build'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureConsoleBuilt();
