import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exited, npmEnv, run } from './exec';
import { type LiveServer, startLiveServer } from './live-server';

/*
 * The SDK as a user meets it: built and packed as it would be published, installed from the
 * tarball into an empty folder outside the workspace with only TypeScript and the SDK's
 * declared peers from the registry, typechecked strictly, then run against a real server.
 */

const sdkRoot = new URL('..', import.meta.url).pathname;
const fixture = new URL('fixtures/consumer/', import.meta.url).pathname;

let dir: string;
let installed: string;
let server: LiveServer | undefined;
// Started together once the install is done (two tsc runs and a server boot overlap).
let passing: Promise<Exited>;
let failing: Promise<Exited>;
let live: Promise<LiveServer>;

function tsc(project: string): Promise<Exited> {
  return run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false'], {
    cwd: dir,
  });
}

/** `file(line,col): error TSnnnn: message` lines, grouped by file. */
function diagnosticsByFile(output: string): Map<string, Array<{ code: string; message: string }>> {
  const byFile = new Map<string, Array<{ code: string; message: string }>>();
  for (const match of output.matchAll(/^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/gm)) {
    const [, file = '', code = '', message = ''] = match;
    byFile.set(file, [...(byFile.get(file) ?? []), { code, message }]);
  }
  return byFile;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carhub-sdk-consumer-'));
  // `pnpm pack` runs the prepack build, so the tarball holds what the sources say now.
  const packed = await run('pnpm', ['pack', '--pack-destination', dir], { cwd: sdkRoot });
  expect(packed.code, packed.stderr + packed.stdout).toBe(0);
  const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${dir}`);

  const manifest = JSON.parse(await readFile(join(sdkRoot, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  };
  const peers = Object.entries(manifest.peerDependencies)
    .filter(([name]) => name !== 'typescript' && !manifest.peerDependenciesMeta?.[name]?.optional)
    .map(([name, range]) => `${name}@${range}`);

  await cp(fixture, dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
  const install = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-package-lock',
      `./${tarball}`,
      'typescript@5.9.3',
      ...peers,
    ],
    { cwd: dir, env: npmEnv(), timeoutMs: 240_000 },
  );
  expect(install.code, install.stderr + install.stdout).toBe(0);
  installed = join(dir, 'node_modules/@carhub/sdk');

  passing = tsc('tsconfig.json');
  failing = tsc('tsconfig.fail.json');
  live = startLiveServer().then((started) => {
    server = started;
    return started;
  });
  // Nothing is left unhandled if a test that awaits these is skipped or fails first.
  for (const pending of [passing, failing, live]) pending.catch(() => {});
}, 300_000);

afterAll(async () => {
  await live?.catch(() => undefined);
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed SDK in a project of its own', () => {
  it('pulls in nothing of the server: the SDK depends on its peers only', async () => {
    const packed = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packed.dependencies).toBeUndefined();
    expect(await readdir(join(dir, 'node_modules/@carhub'))).toEqual(['sdk']);
    const names = await readdir(join(dir, 'node_modules'));
    for (const serverSide of ['kysely', 'fastify', 'pg', 'zod', 'trpc-to-openapi', '@electric-sql']) {
      expect(names).not.toContain(serverSide);
    }
    expect(await readdir(join(dir, 'node_modules/@trpc'))).toEqual(expect.arrayContaining(['client', 'server']));
  });

  it('ships .d.ts and .js that name nothing of the server', async () => {
    const dts = await readFile(join(installed, 'dist/index.d.ts'), 'utf8');
    const js = await readFile(join(installed, 'dist/index.js'), 'utf8');
    for (const text of [dts, js]) {
      for (const forbidden of ['kysely', 'fastify', 'trpc-to-openapi', '@carhub/', 'zod', 'packages/', 'apps/']) {
        expect(text, `mentions ${forbidden}`).not.toContain(forbidden);
      }
      expect(text).not.toMatch(/['"]pg['"/]/);
      expect(text).not.toMatch(/['"]node:/);
      // Every module it imports is a declared peer.
      const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
      expect(specifiers.length).toBeGreaterThan(0);
      expect(new Set(specifiers)).toEqual(
        new Set(specifiers.filter((s) => s === '@trpc/client' || s === '@trpc/server' || s === 'superjson')),
      );
    }
    // The procedures are spelled out, so a consumer needs no server source.
    expect(dts).toContain('register: TRPCMutationProcedure<');
    expect(dts).toContain('expiresAt: Date;');
  });

  it('typechecks a full sign-up, sign-in, signed-in call flow with skipLibCheck off', async () => {
    const result = await passing;
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses each mistake in its own file, for the expected reason', async () => {
    const result = await failing;
    expect(result.code).not.toBe(0);
    const byFile = diagnosticsByFile(result.stdout);
    // Exactly one error per file, and only in these files (not in the SDK's or tRPC's types).
    expect([...byFile.keys()].sort()).toEqual([
      'fail/misspelt-output.ts',
      'fail/misspelt-procedure.ts',
      'fail/unknown-error-code.ts',
      'fail/wrong-input.ts',
    ]);
    expect(byFile.get('fail/wrong-input.ts')).toEqual([
      { code: 'TS2322', message: "Type 'number' is not assignable to type 'string'." },
    ]);
    expect(byFile.get('fail/misspelt-procedure.ts')).toEqual([
      { code: 'TS2551', message: expect.stringMatching(/^Property 'logn' does not exist .* Did you mean 'login'\?$/) },
    ]);
    expect(byFile.get('fail/misspelt-output.ts')).toEqual([
      {
        code: 'TS2551',
        message: expect.stringMatching(/^Property 'expiresAtt' does not exist .* Did you mean 'expiresAt'\?$/),
      },
    ]);
    expect(byFile.get('fail/unknown-error-code.ts')).toEqual([
      { code: 'TS2345', message: expect.stringMatching(/^Argument of type '"CONFLICTED"' is not assignable/) },
    ]);
  });

  it('runs the compiled flow with node against a live server', async () => {
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
  });
});
