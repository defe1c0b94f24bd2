import { type ChildProcess, spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import type { FastifyInstance } from 'fastify';
import { type Config, testConfig } from '../src/config';
import { createServer, type ServerDeps } from '../src/create-server';

export const serverRoot = new URL('..', import.meta.url).pathname;

/** Collects the server's log lines so a test can read what was logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  database: TestDatabase;
  logs: LogCapture;
  close(): Promise<void>;
}

/** A real server on a random loopback port, over a fresh test database. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  deps: Pick<ServerDeps, 'storage' | 'webConsoleDir'> = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const logs = new LogCapture();
  const app = createServer(testConfig({ logLevel: 'info', ...overrides }), {
    ...deps,
    db: database.db,
    logStream: logs,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    database,
    logs,
    async close() {
      const closing = app.close();
      // At teardown nothing is in flight, but a keep-alive socket that Node does not count as
      // idle (seen after a photo upload, a sale and a /media fetch on one connection) would
      // hold close() for the server's keep-alive timeout (72 s): end every connection now.
      app.server.closeAllConnections();
      await closing;
      await database.destroy();
    },
  };
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs one of the server's entry points (src/main.ts, src/cli.ts) as its own process. */
export function spawnEntry(entry: string, args: string[], env: Record<string, string>, input?: string): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: serverRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
