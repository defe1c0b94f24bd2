/**
 * The end-to-end harness: `pnpm start` (so the console is built when stale) on a free port
 * with a fresh in-memory embedded database and its demo data, and Debian's Chromium driven
 * by playwright-core. Everything started here is stopped by `stop()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface Running {
  url: string;
  browser: Browser;
  /** Every line the server has logged so far. */
  log: () => string;
  stop: () => Promise<void>;
}

export async function startConsole(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  // localhost, not 127.0.0.1: Chromium keeps the Secure __Host- session cookie on http only there.
  const url = `http://localhost:${port}`;
  let output = '';
  const server: ChildProcess = spawn('pnpm', ['start'], {
    cwd: repo,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      // biome-ignore lint/style/noProcessEnv: the server inherits the test's environment
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: 'localhost',
      PUBLIC_URL: url,
      DATABASE_URL: 'memory://',
      SEED_DEMO_DATA: 'true',
      WORKER_MODE: 'inline',
      OUTBOX_POLL_MS: '200',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stopServer = async () => {
    if (server.exitCode !== null || server.pid === undefined) return;
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => server.pid && process.kill(-server.pid, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited early:\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`the server did not come up:\n${output.slice(-4000)}`);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready && /Server listening/.test(output)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
    return {
      url,
      browser,
      log: () => output,
      stop: async () => {
        await browser.close().catch(() => {});
        await stopServer();
      },
    };
  } catch (error) {
    await stopServer();
    throw error;
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Whether the page is wider than its viewport (sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * One console for a test file: started before its tests (not on CI's PostgreSQL pass, which
 * skips these files), stopped after them; `newPage` opens a page in a fresh browser context.
 */
export function openConsole(): { app: () => Running; newPage: (width?: number, height?: number) => Promise<Page> } {
  let running: Running | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    // biome-ignore lint/style/noProcessEnv: the test files skip themselves on the PostgreSQL pass
    if (process.env.TEST_DATABASE_URL) return;
    running = await startConsole();
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await running?.stop();
  }, 60_000);
  const app = () => {
    if (!running) throw new Error('the console is not running');
    return running;
  };
  return {
    app,
    newPage: async (width = 1440, height = 900) => {
      const context = await app().browser.newContext({ baseURL: app().url, viewport: { width, height } });
      contexts.push(context);
      return context.newPage();
    },
  };
}
