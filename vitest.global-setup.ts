import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTestTemplate } from './packages/db/src/testing';

/**
 * One migrated template per run (every integration test file's database is a copy of it), and
 * one scratch directory the run's test processes share (the packed SDK and npm's cache, see
 * packages/sdk/test/packed.ts), removed at the end.
 */
// Read by packages/sdk/test/packed.ts.
const RUN_DIR_ENV = 'CARHUB_TEST_RUN_DIR';

export default async function setup(): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(join(tmpdir(), 'carhub-test-run-'));
  process.env[RUN_DIR_ENV] = runDir;
  const dropTemplate = await prepareTestTemplate();
  return async () => {
    await dropTemplate();
    delete process.env[RUN_DIR_ENV];
    await rm(runDir, { recursive: true, force: true });
  };
}
