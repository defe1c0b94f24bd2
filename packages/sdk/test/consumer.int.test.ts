import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exited, run } from './exec';
import { type LiveServer, startLiveServer } from './live-server';
import { diagnosticsByFile, npmInstall, packSdk, TSC_WAIT_MS, tsc, writeReadmeSnippets } from './packed';

/*
 * The SDK as a user meets it: built and packed as it would be published, installed from the
 * tarball into an empty folder outside the workspace with only TypeScript and the SDK's
 * declared peers from the registry, typechecked strictly, then run against a real server.
 * Its README's `ts` snippets are compiled here too.
 */

const UPLOAD_MAX_BYTES = 300_000;

const sdkRoot = new URL('..', import.meta.url).pathname;
const fixture = new URL('fixtures/consumer/', import.meta.url).pathname;

let dir: string;
let installed: string;
let server: LiveServer | undefined;
// Started together once the install is done (two tsc runs and a server boot overlap).
let passing: Promise<Exited>;
let failing: Promise<Exited>;
let snippetCount = 0;
let live: Promise<LiveServer>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carhub-sdk-consumer-'));
  const { tarball, peers } = await packSdk(sdkRoot, dir);

  await cp(fixture, dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
  await npmInstall(dir, [
    `./${tarball}`,
    'typescript@5.9.3',
    // A Node project has Node's types (the README's file-storage snippet uses node:fs).
    '@types/node@20.19.43',
    ...peers.filter((peer) => !peer.optional).map((peer) => peer.spec),
  ]);
  installed = join(dir, 'node_modules/@carhub/sdk');

  snippetCount = await writeReadmeSnippets(dir, join(installed, 'README.md'), 'ts');
  // The README's snippets are compiled with the passing files, in one program.
  passing = tsc(dir, 'tsconfig.json');
  failing = tsc(dir, 'tsconfig.fail.json');
  live = startLiveServer({ uploadMaxBytes: UPLOAD_MAX_BYTES }).then((started) => {
    server = started;
    return started;
  });
  // Nothing is left unhandled if a test that awaits these is skipped or fails first.
  for (const pending of [passing, failing, live]) pending.catch(() => {});
}, 900_000);

afterAll(async () => {
  await live?.catch(() => undefined);
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe('the packed SDK in a project of its own', () => {
  it('pulls in nothing of the server: the SDK depends on its peers only', async () => {
    const packed = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packed.dependencies).toBeUndefined();
    expect(await readdir(join(dir, 'node_modules/@carhub'))).toEqual(['sdk']);
    const names = await readdir(join(dir, 'node_modules'));
    for (const serverSide of ['kysely', 'fastify', 'pg', 'zod', 'trpc-to-openapi', '@electric-sql']) {
      expect(names).not.toContain(serverSide);
    }
    // React and TanStack Query are optional peers of @carhub/sdk/react: a Node app installs none.
    expect(names).not.toContain('react');
    expect(names).not.toContain('@tanstack');
    expect(await readdir(join(dir, 'node_modules/@trpc'))).not.toContain('tanstack-react-query');
    expect(await readdir(join(dir, 'node_modules/@trpc'))).toEqual(expect.arrayContaining(['client', 'server']));
  });

  it('ships .d.ts and .js that name nothing of the server, and import only declared peers', async () => {
    const files = (await readdir(join(installed, 'dist'))).filter((name) => /\.(js|d\.ts)$/.test(name));
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'react.js', 'react.d.ts']));
    const core = new Set(['@trpc/client', '@trpc/server', '@trpc/server/observable', 'superjson']);
    const react = new Set([...core, 'react', '@tanstack/react-query', '@trpc/tanstack-react-query']);
    for (const file of files) {
      const text = await readFile(join(installed, 'dist', file), 'utf8');
      for (const forbidden of ['kysely', 'fastify', 'trpc-to-openapi', '@carhub/', 'zod', 'packages/', 'apps/']) {
        expect(text, `${file} mentions ${forbidden}`).not.toContain(forbidden);
      }
      expect(text).not.toMatch(/['"]pg['"/]/);
      expect(text).not.toMatch(/['"]node:/);
      // Every module it imports is a declared peer, or a file of its own; only react.* reaches for React.
      const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map(
        (m) => m[1] ?? '',
      );
      const allowed = file.startsWith('react.') ? react : core;
      expect(
        specifiers.filter((s) => !s.startsWith('./') && !allowed.has(s)),
        file,
      ).toEqual([]);
    }
    // The procedures are spelled out, so a consumer needs no server source.
    const declarations = await Promise.all(
      files.filter((f) => f.endsWith('.d.ts')).map((f) => readFile(join(installed, 'dist', f), 'utf8')),
    );
    expect(declarations.join('\n')).toContain('register: TRPCMutationProcedure<');
    expect(declarations.join('\n')).toContain('expiresAt: Date;');
  });

  it(
    "compiles every ts snippet of the SDK's README",
    async () => {
      expect(snippetCount).toBeGreaterThanOrEqual(8);
      const result = await passing;
      expect(result.stdout).not.toContain('readme/');
      expect(result.code).toBe(0);
    },
    TSC_WAIT_MS,
  );

  it(
    'typechecks a full sign-up, sign-in, signed-in call flow with skipLibCheck off',
    async () => {
      const result = await passing;
      expect(result.stdout + result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
    TSC_WAIT_MS,
  );

  it(
    'refuses each mistake in its own file, for the expected reason',
    async () => {
      const result = await failing;
      expect(result.code).not.toBe(0);
      const byFile = diagnosticsByFile(result.stdout);
      // Exactly one error per file, and only in these files (not in the SDK's or tRPC's types).
      expect([...byFile.keys()].sort()).toEqual([
        'fail/misspelt-output.ts',
        'fail/misspelt-procedure.ts',
        'fail/paginate-wrong-input.ts',
        'fail/unknown-error-code.ts',
        'fail/untyped-field-error.ts',
        'fail/wrong-input.ts',
      ]);
      expect(byFile.get('fail/wrong-input.ts')).toEqual([
        { code: 'TS2322', message: "Type 'number' is not assignable to type 'string'." },
      ]);
      expect(byFile.get('fail/misspelt-procedure.ts')).toEqual([
        {
          code: 'TS2551',
          message: expect.stringMatching(/^Property 'logn' does not exist .* Did you mean 'login'\?$/),
        },
      ]);
      expect(byFile.get('fail/misspelt-output.ts')).toEqual([
        {
          code: 'TS2551',
          message: expect.stringMatching(/^Property 'expiresAtt' does not exist .* Did you mean 'expiresAt'\?$/),
        },
      ]);
      expect(byFile.get('fail/untyped-field-error.ts')).toEqual([
        {
          code: 'TS2551',
          message: expect.stringMatching(/^Property 'emial' does not exist .* Did you mean 'email'\?$/),
        },
      ]);
      expect(byFile.get('fail/paginate-wrong-input.ts')).toEqual([
        { code: 'TS2561', message: expect.stringMatching(/'limt' does not exist in type 'PageInput</) },
      ]);
      expect(byFile.get('fail/unknown-error-code.ts')).toEqual([
        { code: 'TS2345', message: expect.stringMatching(/^Argument of type '"CONFLICTED"' is not assignable/) },
      ]);
    },
    TSC_WAIT_MS,
  );

  it(
    'runs the compiled flow with node against a live server',
    async () => {
      // The passing typecheck also emitted out/consumer.js.
      expect((await passing).code).toBe(0);
      const { url } = await live;
      const username = `consumer_${Date.now().toString(36)}`;
      const ran = await run(process.execPath, ['run.mjs', url, username], { cwd: dir, timeoutMs: 60_000 });
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const result = JSON.parse(ran.stdout) as Record<string, unknown>;
      expect(result).toEqual({
        username,
        sameUser: true,
        role: 'client',
        createdAtIsDate: true,
        createdAgoMs: expect.any(Number),
        expiresInDays: 30,
        sessionCount: 2,
        conflict: {
          code: 'CONFLICT',
          httpStatus: 409,
          message: 'That username is taken.',
          fieldErrors: { username: ['That username is taken.'] },
        },
        afterLogout: { code: 'UNAUTHORIZED', httpStatus: 401 },
      });
      expect(result.createdAgoMs).toBeGreaterThanOrEqual(-5_000);
      expect(result.createdAgoMs).toBeLessThan(120_000);
    },
    TSC_WAIT_MS,
  );
});

describe("the packed SDK's helpers against a live server", () => {
  it(
    'keeps, refreshes and ends sessions, pages, uploads, cancels, and tells every failure apart',
    async () => {
      expect((await passing).code).toBe(0);
      const { url } = await live;
      const prefix = `f_${Date.now().toString(36)}`;
      const ran = await run(process.execPath, ['run-features.mjs', url, prefix, String(UPLOAD_MAX_BYTES)], {
        cwd: dir,
        timeoutMs: 120_000,
      });
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const result = JSON.parse(ran.stdout) as Record<string, unknown>;
      const kind = (code: string | null, httpStatus: number | null, as: 'api' | 'network' | 'abort') => ({
        api: as === 'api',
        network: as === 'network',
        abort: as === 'abort',
        code,
        httpStatus,
      });
      expect(result).toEqual({
        session: {
          sameUser: true,
          // A token about to expire was rotated with auth.refresh before the call; the old one is dead.
          refreshed: true,
          expiresInDays: 30,
          oldTokenAfterRefresh: kind('UNAUTHORIZED', 401, 'api'),
          // Revoked behind the app's back: the next call's 401 ended the session and cleared storage.
          ended: true,
          afterEnd: { stored: null, token: null },
          changes: [
            { why: 'signed-in', signedIn: true },
            { why: 'refreshed', signedIn: true },
            { why: 'ended', signedIn: false },
          ],
          signedOutToken: null,
        },
        paginate: { distinct: 120, pageRequests: 6, firstFive: 5 },
        upload: {
          photos: 1,
          imageUrlSet: true,
          altText: 'Red',
          servedStatus: 200,
          servedType: 'image/webp',
          tooLarge: { ...kind('PAYLOAD_TOO_LARGE', 413, 'api'), helper: true },
          notAPhoto: { ...kind('BAD_REQUEST', 400, 'api'), helper: true },
        },
        errors: {
          conflict: { ...kind('CONFLICT', 409, 'api'), helper: true },
          badInput: {
            ...kind('BAD_REQUEST', 400, 'api'),
            helper: true,
            emailMessages: ['Enter a valid e-mail address.'],
          },
          tooLargeJson: { ...kind('PAYLOAD_TOO_LARGE', 413, 'api'), helper: true },
          csrf: {
            ...kind('FORBIDDEN', 403, 'api'),
            helper: true,
            message: 'Cross-site request refused: a cookie-authenticated change must come from this site.',
          },
          network: kind(null, null, 'network'),
          aborted: kind(null, null, 'abort'),
        },
        // The keyed create went alone with its header; the two calls beside it shared one batch.
        wire: { requests: 2, keyed: [{ key: true, batched: false }], allIncludeCredentials: true },
      });
    },
    TSC_WAIT_MS,
  );
});
