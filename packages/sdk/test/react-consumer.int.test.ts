import { createReadStream } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/index';
import { type Exited, run } from './exec';
import { type LiveServer, startLiveServer } from './live-server';
import { diagnosticsByFile, npmInstall, packSdk, TSC_WAIT_MS, tsc, writeReadmeSnippets } from './packed';

/*
 * The SDK as a React team meets it: the packed tarball installed with plain `npm install`
 * next to React 19, TanStack Query 5, tRPC's TanStack bindings and Vite; `.tsx` files that must
 * typecheck and files that must not; then the page built with Vite and driven in Chromium
 * against a live server on another origin (listed in CORS_ORIGINS).
 */

const sdkRoot = new URL('..', import.meta.url).pathname;
const fixture = new URL('fixtures/react-consumer/', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** What a React app installs beside the SDK (STACK versions; tRPC exactly as the bindings pin it). */
const APP_PACKAGES = [
  'typescript@5.9.3',
  'react@19.3.1',
  'react-dom@19.3.1',
  '@types/react@19.3.3',
  '@types/react-dom@19.3.0',
  '@tanstack/react-query@5.108.4',
  '@trpc/tanstack-react-query@11.22.1',
  '@trpc/client@11.22.1',
  '@trpc/server@11.22.1',
  'superjson@2.2.6',
  'vite@8.4.0',
  '@vitejs/plugin-react@6.3.0',
];

let dir: string;
let passing: Promise<Exited>;
let failing: Promise<Exited>;
let built: Promise<Exited>;
let snippetCount = 0;
let install: Exited;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves the built page from its own origin, as a static host would. */
function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' || path.includes('..') ? 'index.html' : path);
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carhub-sdk-react-'));
  const { tarball } = await packSdk(sdkRoot, dir);
  await cp(fixture, dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-react-app', private: true, type: 'module' }));
  install = await npmInstall(dir, [`./${tarball}`, ...APP_PACKAGES]);
  snippetCount = await writeReadmeSnippets(dir, join(dir, 'node_modules/@carhub/sdk/README.md'), 'tsx');

  // The README's snippets are compiled with the page, in one program.
  passing = tsc(dir, 'tsconfig.json');
  failing = tsc(dir, 'tsconfig.fail.json');
  built = run(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: dir,
    timeoutMs: 240_000,
  });
  for (const pending of [passing, failing, built]) pending.catch(() => {});
}, 900_000);

afterAll(async () => {
  await Promise.allSettled([passing, failing, built]);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe('the packed SDK in a Vite + React 19 + TanStack Query 5 project', () => {
  it('installs next to @trpc/tanstack-react-query 11.22.1 with plain npm install', async () => {
    expect(install.stderr).not.toMatch(/ERESOLVE|legacy-peer-deps/);
    const bindings = JSON.parse(
      await readFile(join(dir, 'node_modules/@trpc/tanstack-react-query/package.json'), 'utf8'),
    ) as { version: string; peerDependencies: Record<string, string> };
    expect(bindings.version).toBe('11.22.1');
    expect(bindings.peerDependencies['@trpc/client']).toBe('11.22.1');
  });

  it(
    "typechecks the page (skipLibCheck on, as in Vite's templates)",
    async () => {
      const result = await passing;
      expect(result.stdout + result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
    TSC_WAIT_MS,
  );

  it(
    'refuses each mistake in its own .tsx file, for the expected reason',
    async () => {
      const result = await failing;
      expect(result.code).not.toBe(0);
      const byFile = diagnosticsByFile(result.stdout);
      expect([...byFile.keys()].sort()).toEqual([
        'fail/misspelt-output.tsx',
        'fail/misspelt-procedure.tsx',
        'fail/wrong-input.tsx',
        'fail/wrong-mutation-input.tsx',
      ]);
      const said = (file: string) => byFile.get(file)?.map(({ code, message }) => `${code} ${message}`);
      expect(said('fail/wrong-input.tsx')).toEqual(['TS2769 No overload matches this call.']);
      expect(result.stdout).toContain("Type 'string' is not assignable to type 'number'.");
      expect(said('fail/misspelt-procedure.tsx')).toEqual([
        expect.stringMatching(/^TS2551 Property 'lst' does not exist .* Did you mean 'list'\?$/),
      ]);
      expect(said('fail/misspelt-output.tsx')).toEqual([
        expect.stringMatching(/^TS2551 Property 'maker' does not exist .* Did you mean 'make'\?$/),
      ]);
      expect(said('fail/wrong-mutation-input.tsx')).toEqual([
        `TS2820 Type '"test-drive"' is not assignable to type '"rental" | "test_drive"'. Did you mean '"test_drive"'?`,
      ]);
    },
    TSC_WAIT_MS,
  );

  it(
    "compiles every tsx snippet of the SDK's README",
    async () => {
      expect(snippetCount).toBeGreaterThanOrEqual(2);
      const result = await passing;
      expect(result.stdout).not.toContain('readme/');
      expect(result.code).toBe(0);
    },
    TSC_WAIT_MS,
  );

  it(
    'lists the catalogue, books a test drive, refreshes the bookings, and signs in by cookie, in Chromium',
    async () => {
      const build = await built;
      expect(build.code, build.stderr + build.stdout).toBe(0);

      const page = await serveStatic(join(dir, 'dist'));
      let api: LiveServer | undefined;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        api = await startLiveServer({ corsOrigins: [page.origin] });
        const anonymous = createClient({ url: api.url });
        const password = 'Sturdy-Gearbox-2041';
        const account = (username: string) => ({
          username,
          email: `${username}@example.com`,
          password,
          passwordConfirm: password,
          firstName: 'Ada',
          lastName: 'Lovelace',
        });
        const admin = await anonymous.auth.register.mutate(account('react_admin'));
        await api.promote(admin.user.id, 'admin');
        const staff = createClient({ url: api.url, token: admin.token });
        const models = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
        for (const model of models) {
          await staff.inventory.create.mutate({
            make: 'Mazda',
            model,
            year: 2022,
            price: '21000.00',
            fuelType: 'petrol',
            bodyType: 'hatchback',
            transmission: 'manual',
          });
        }
        const customer = await anonymous.auth.register.mutate(account('react_customer'));
        const startAt = new Date();
        startAt.setUTCDate(startAt.getUTCDate() + 2);
        startAt.setUTCHours(10, 0, 0, 0);

        const tab = await browser.newPage();
        const problems: string[] = [];
        tab.on('pageerror', (error) => problems.push(error.message));
        const bookingLists: string[] = [];
        tab.on('request', (request) => {
          if (request.url().includes('bookings.list')) bookingLists.push(request.method());
        });
        const query = new URLSearchParams({ api: api.url, token: customer.token, startAt: startAt.toISOString() });
        await tab.goto(`${page.origin}/?${query}`);

        // useCarhubClient(): the plain client, its Date revived by superjson.
        await tab.getByTestId('health').filter({ hasText: /^up$/ }).waitFor();
        // Two cars a page: the first page, then "More" until the end.
        await tab.getByTestId('car').nth(1).waitFor();
        expect(await tab.getByTestId('car').count()).toBe(2);
        await tab.getByTestId('more').click();
        await tab.getByTestId('car').nth(3).waitFor();
        await tab.getByTestId('more').click();
        await tab.getByTestId('end').waitFor();
        const cars = await tab.getByTestId('car').allTextContents();
        expect(cars.map((text) => text.split(' ')[1])).toEqual(models);
        expect(await tab.getByTestId('bookings-count').textContent()).toBe('0');
        expect(bookingLists).toHaveLength(1);

        await tab.getByTestId('book-Charlie').click();
        await tab.getByTestId('booked').waitFor();
        expect(await tab.getByTestId('booked').textContent()).toBe('Booked: pending');
        // The list was fetched again because the mutation invalidated it, and shows the booking.
        await tab.getByTestId('bookings-count').filter({ hasText: /^1$/ }).waitFor();
        expect(bookingLists).toHaveLength(2);
        expect(await tab.getByTestId('booking').textContent()).toBe(`test_drive pending ${startAt.toISOString()}`);
        expect(problems).toEqual([]);

        // Cookie mode from this other origin (listed in CORS_ORIGINS): sign in, a signed-in call
        // and sign out on the HttpOnly cookie alone, then a 401.
        const cookieMode = await tab.evaluate(
          ([identifier, secret]) =>
            (globalThis as unknown as { cookieCheck(i: string, p: string): Promise<unknown> }).cookieCheck(
              identifier,
              secret,
            ),
          ['react_customer', password] as const,
        );
        expect(cookieMode).toEqual({ username: 'react_customer', afterLogout: 'UNAUTHORIZED' });

        const stored = await createClient({ url: api.url, token: customer.token }).bookings.list.query({});
        expect(stored.items.map((b) => [b.kind, b.startAt.toISOString()])).toEqual([
          ['test_drive', startAt.toISOString()],
        ]);
      } finally {
        await browser.close();
        await api?.close();
        await new Promise((resolve) => page.server.close(resolve));
      }
    },
    TSC_WAIT_MS + 120_000,
  );
});
