/**
 * Builds the server (scripts/build.ts) when dist/main.mjs is missing or older than any of its
 * sources: the server's and the workspace packages' code, their package.json files and the
 * lockfile (an upgrade moves the files the build points at). `pnpm start` runs this first; run
 * as a script it sees to the web console first (one process for both checks, so a start waits
 * for one tsx, not two).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureConsoleBuilt, isStale } from '../../web/scripts/ensure-built';
import { BUILT_ENTRY, buildServer, SERVER_DIR } from './build';

const repo = join(SERVER_DIR, '../..');
const sources = [
  join(SERVER_DIR, 'src'),
  join(SERVER_DIR, 'scripts'),
  join(SERVER_DIR, 'package.json'),
  join(repo, 'packages/api/src'),
  join(repo, 'packages/api/package.json'),
  join(repo, 'packages/db/src'),
  join(repo, 'packages/db/package.json'),
  join(repo, 'pnpm-lock.yaml'),
];

export function serverIsStale(): boolean {
  return isStale(BUILT_ENTRY, sources);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureConsoleBuilt();
  if (serverIsStale()) {
    console.log('Building the server (apps/server)...');
    await buildServer();
  }
}
