/**
 * `pnpm dev`: the API server (restarting on change) and Vite with hot reload in front of it.
 * Open Vite's address (http://localhost:5173); it hands /trpc, /api, /media, ... to the API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const port = process.env.PORT ?? '3000';
const children: ChildProcess[] = [
  spawn('pnpm', ['exec', 'tsx', 'watch', 'apps/server/src/main.ts'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  }),
  spawn('pnpm', ['exec', 'vite'], {
    cwd: join(repo, 'apps/web'),
    stdio: 'inherit',
    env: { ...process.env, API_URL: `http://localhost:${port}` },
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
