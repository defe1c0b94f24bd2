/**
 * `pnpm bench:cold-start`: seconds from `pnpm start` to a ready server (/readyz 200) on a new
 * embedded database (migrated and loaded with the demo data), with the console and the server
 * already built, as a restart or a new deployment meets it. BENCH_PORT (default 4121).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const port = process.env.BENCH_PORT ?? '4121';
const dir = mkdtempSync(join(tmpdir(), 'carhub-cold-'));
// Built beforehand, so the figure is the start itself, not a first build.
await new Promise<void>((resolve, reject) => {
  const prebuild = spawn('pnpm', ['exec', 'tsx', 'apps/server/scripts/ensure-built.ts'], {
    cwd: repo,
    stdio: 'inherit',
  });
  prebuild.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the build exited ${code}`))));
});
const started = performance.now();
const server = spawn('pnpm', ['start'], {
  cwd: repo,
  detached: true,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: join(dir, 'db'),
    STORAGE_DIR: join(dir, 'media'),
    MEDIA_URL_SECRET: 'cold-start-media-secret-cold-start',
    CALENDAR_FEED_SECRET: 'cold-start-calendar-secret-cold-start',
  },
});
try {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if (performance.now() - started > 60_000) throw new Error('not ready after 60 s');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`cold start to ready on a new embedded database: ${seconds.toFixed(1)} s (limit 15 s)`);
  if (seconds > 15) process.exitCode = 1;
} finally {
  // pnpm, tsx and node share the group the detached spawn gave them.
  if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rmSync(dir, { recursive: true, force: true });
}
