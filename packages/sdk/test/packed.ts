import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Exited, npmEnv, run } from './exec';

/**
 * A scratch directory for the whole test run (vitest.global-setup.ts makes it and removes it
 * at the end), shared by the test processes: the packed tarball and npm's cache live there, so
 * two suites of one run share them and no run reuses another's.
 */
const RUN_DIR_ENV = 'CARHUB_TEST_RUN_DIR';
function runDir(): string | undefined {
  return process.env[RUN_DIR_ENV] || undefined;
}

export interface Peer {
  name: string;
  /** `name@range`, as npm install takes it. */
  spec: string;
  optional: boolean;
}

/**
 * Builds and packs the SDK into `dir` as it would be published (`pnpm pack` runs the prepack
 * build, so the tarball holds what the sources say now), and lists its declared peers.
 */
export async function packSdk(sdkRoot: string, dir: string): Promise<{ tarball: string; peers: Peer[] }> {
  const shared = runDir();
  const tarball = shared ? await packOncePerRun(sdkRoot, dir, shared) : await packInto(sdkRoot, dir);
  const manifest = JSON.parse(await readFile(`${sdkRoot}package.json`, 'utf8')) as {
    peerDependencies: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  };
  const peers = Object.entries(manifest.peerDependencies)
    .filter(([name]) => name !== 'typescript')
    .map(([name, range]) => ({
      name,
      spec: `${name}@${range}`,
      optional: manifest.peerDependenciesMeta?.[name]?.optional === true,
    }));
  return { tarball, peers };
}

async function packInto(sdkRoot: string, dir: string): Promise<string> {
  const packed = await run('pnpm', ['pack', '--pack-destination', dir], { cwd: sdkRoot, timeoutMs: 600_000 });
  if (packed.code !== 0) throw new Error(`pnpm pack failed:\n${packed.stderr}${packed.stdout}`);
  const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${dir}`);
  return tarball;
}

/**
 * The first suite of a run to ask packs (the build takes a minute or more on a busy machine);
 * the others wait for its tarball, then each copies it into its own folder. The sources don't
 * change during a run, so every suite still installs what they say now.
 */
async function packOncePerRun(sdkRoot: string, dir: string, shared: string): Promise<string> {
  const packDir = join(shared, 'sdk-pack');
  const done = join(shared, 'sdk-pack.json');
  let first = true;
  try {
    await mkdir(packDir); // atomic: exactly one process creates it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    first = false;
  }
  if (first) {
    let outcome: { tarball?: string; error?: string };
    try {
      outcome = { tarball: await packInto(sdkRoot, packDir) };
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    const staged = await mkdtemp(join(shared, 'sdk-pack-'));
    await writeFile(join(staged, 'outcome.json'), JSON.stringify(outcome));
    await rename(join(staged, 'outcome.json'), done);
  }
  const deadline = Date.now() + 600_000;
  let outcome: { tarball?: string; error?: string } | undefined;
  while (!outcome) {
    outcome = await readFile(done, 'utf8').then(
      (text) => JSON.parse(text) as { tarball?: string; error?: string },
      () => undefined,
    );
    if (outcome) break;
    if (Date.now() > deadline) throw new Error('timed out waiting for another suite to pack the SDK');
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!outcome.tarball) throw new Error(outcome.error ?? 'packing the SDK failed');
  await copyFile(join(packDir, outcome.tarball), join(dir, outcome.tarball));
  return outcome.tarball;
}

/** The fenced code blocks of one language in a Markdown text (```ts, ```tsx), in order. */
export function readmeSnippets(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2] ?? '');
}

/** tsc over tRPC's types takes seconds alone and minutes on a busy machine. */
export const TSC_WAIT_MS = 600_000;

/** The project's own TypeScript on one of its tsconfig files. */
export function tsc(dir: string, project: string, extra: string[] = []): Promise<Exited> {
  return run(
    process.execPath,
    [join(dir, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false', ...extra],
    { cwd: dir, timeoutMs: TSC_WAIT_MS },
  );
}

/** `file(line,col): error TSnnnn: message` lines, grouped by file. */
export function diagnosticsByFile(output: string): Map<string, Array<{ code: string; message: string }>> {
  const byFile = new Map<string, Array<{ code: string; message: string }>>();
  for (const match of output.matchAll(/^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/gm)) {
    const [, file = '', code = '', message = ''] = match;
    byFile.set(file, [...(byFile.get(file) ?? []), { code, message }]);
  }
  return byFile;
}

/**
 * A plain `npm install` (no --legacy-peer-deps) of these packages in `dir`, its cache in the
 * run's scratch directory (or inside `dir`), so nothing outside the run's temporary folders is
 * written or reused; the suites of one run share the packages they both install.
 */
export async function npmInstall(dir: string, packages: string[]): Promise<Exited> {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'];
  const cache = join(runDir() ?? dir, '.npm-cache');
  const installed = await run('npm', [...args, '--cache', cache, ...packages], {
    cwd: dir,
    env: npmEnv(),
    timeoutMs: 600_000,
  });
  if (installed.code !== 0) throw new Error(`npm install failed in ${dir}:\n${installed.stderr}${installed.stdout}`);
  return installed;
}

/** Writes the README's snippets of one language as `readme/snippet-N.<language>`; answers how many. */
export async function writeReadmeSnippets(dir: string, readme: string, language: 'ts' | 'tsx'): Promise<number> {
  const snippets = readmeSnippets(await readFile(readme, 'utf8'), language);
  await mkdir(join(dir, 'readme'), { recursive: true });
  await Promise.all(snippets.map((code, i) => writeFile(join(dir, 'readme', `snippet-${i + 1}.${language}`), code)));
  return snippets.length;
}
