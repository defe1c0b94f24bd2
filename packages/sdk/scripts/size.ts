import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { npmInstall, packSdk, tsc } from '../test/packed';

/*
 * What the SDK costs an app, printed (never asserted):
 * - the packed tarball's size;
 * - the SDK's own code, minified and gzipped with its peers left out (an app that uses tRPC
 *   and React Query has them anyway), for `@carhub/sdk` and for `@carhub/sdk/react`;
 * - `tsc --noEmit` of the test's consumer projects (a Node ESM one and a React one), each
 *   against a bare project with the same compiler options and `lib` in the same folder.
 * `pnpm --filter @carhub/sdk size` builds, packs, installs both projects into temporary
 * folders (one npm install each, its cache inside that folder) and removes them at the end.
 * RUNS=n sets how many tsc runs each median is taken over (default 3).
 */

const sdkRoot = new URL('..', import.meta.url).pathname;
const fixtures = `${sdkRoot}test/fixtures/`;
const RUNS = Number(process.env.RUNS ?? 3);
const PEERS = [
  '@trpc/client',
  '@trpc/server',
  'superjson',
  'react',
  '@tanstack/react-query',
  '@trpc/tanstack-react-query',
];

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

async function minifiedAndGzipped(entry: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: PEERS,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${entry}`);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

/** Median wall time of `tsc --noEmit -p project`, in ms. */
async function tscMs(dir: string, project: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const checked = await tsc(dir, project, ['--noEmit']);
    times.push(performance.now() - started);
    if (checked.code !== 0) throw new Error(`tsc -p ${project} failed in ${dir}:\n${checked.stdout}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** A project with the same options as `tsconfig.json` but one file that imports nothing. */
async function addBareProject(dir: string, extension: 'ts' | 'tsx'): Promise<void> {
  await writeFile(join(dir, `bare.${extension}`), 'export const answer: number = 42;\n');
  await writeFile(
    join(dir, 'tsconfig.bare.json'),
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { rootDir: '.' }, include: [`bare.${extension}`] }),
  );
}

const work = await mkdtemp(join(tmpdir(), 'carhub-sdk-size-'));
try {
  const nodeDir = join(work, 'node');
  const reactDir = join(work, 'react');
  const { tarball, peers } = await packSdk(sdkRoot, work);
  const tarballPath = join(work, tarball);
  const tarballBytes = (await stat(tarballPath)).size;

  // The code as published: pack has just built dist/.
  const core = await minifiedAndGzipped(`${sdkRoot}dist/index.js`);
  const react = await minifiedAndGzipped(`${sdkRoot}dist/react.js`);

  const nodeTypes = ['@types/node@20.19.43', '@types/ws@8.18.2', 'typescript@5.9.3'];
  await cp(`${fixtures}consumer`, nodeDir, { recursive: true });
  await writeFile(join(nodeDir, 'package.json'), JSON.stringify({ name: 'size-node', private: true, type: 'module' }));
  await addBareProject(nodeDir, 'ts');
  await npmInstall(nodeDir, [tarballPath, ...nodeTypes, ...peers.filter((p) => !p.optional).map((p) => p.spec)]);

  await cp(`${fixtures}react-consumer`, reactDir, { recursive: true });
  await writeFile(
    join(reactDir, 'package.json'),
    JSON.stringify({ name: 'size-react', private: true, type: 'module' }),
  );
  await addBareProject(reactDir, 'tsx');
  await npmInstall(reactDir, [
    tarballPath,
    ...nodeTypes,
    'react@19.3.1',
    'react-dom@19.3.1',
    '@types/react@19.3.3',
    '@types/react-dom@19.3.0',
    '@tanstack/react-query@5.108.4',
    '@trpc/tanstack-react-query@11.22.1',
    '@trpc/client@11.22.1',
    '@trpc/server@11.22.1',
    'superjson@2.2.6',
  ]);

  const nodeProject = await tscMs(nodeDir, 'tsconfig.json');
  const nodeBare = await tscMs(nodeDir, 'tsconfig.bare.json');
  const reactProject = await tscMs(reactDir, 'tsconfig.json');
  const reactBare = await tscMs(reactDir, 'tsconfig.bare.json');

  const external = 'peers external';
  console.log(`tarball ${tarball}: ${kB(tarballBytes)} (${tarballBytes} bytes)`);
  console.log(
    `@carhub/sdk: ${kB(core.minified)} minified, ${kB(core.gzipped)} minified + gzipped (${core.minified} / ${core.gzipped} bytes; ${external})`,
  );
  console.log(
    `@carhub/sdk/react: ${kB(react.minified)} minified, ${kB(react.gzipped)} minified + gzipped (${react.minified} / ${react.gzipped} bytes; ${external})`,
  );
  const ms = (value: number) => `${Math.round(value)} ms`;
  const diff = (value: number) => `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`;
  console.log(
    `tsc --noEmit, median of ${RUNS}: Node ESM consumer ${ms(nodeProject)} vs bare ${ms(nodeBare)} (${diff(nodeProject - nodeBare)}); React consumer ${ms(reactProject)} vs bare ${ms(reactBare)} (${diff(reactProject - reactBare)})`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
