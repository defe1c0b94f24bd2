import { defineConfig } from 'vitest/config';

// Projects: fast unit tests beside pure logic, the console's component and end-to-end tests,
// and integration tests (*.int.test.ts) that each open a fresh database: embedded PGlite, or
// the PostgreSQL server named by TEST_DATABASE_URL, copied from one template migrated per run
// (vitest.global-setup.ts). Only the integration tests touch a database, so the PostgreSQL
// pass (TEST_DATABASE_URL set) runs that project alone: the others would only repeat
// themselves. The packed SDK installed with npm into empty folders is engine-independent and
// among the slowest files of the suite, so that pass leaves it to the embedded one too.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const packedSdkSuites = ['packages/sdk/test/consumer.int.test.ts', 'packages/sdk/test/react-consumer.int.test.ts'];
const engineIndependent = new Set(['unit', 'web', 'e2e']);

export default defineConfig({
  test: {
    // Integration files wait on databases, servers and child processes as much as on the CPU:
    // two at a time keep both cores of a small CI machine busy (vitest's default is cores - 1).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,apps}/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', 'apps/web/**'],
          // Pure functions: nothing to reload between files (see the integration project).
          isolate: false,
        },
      },
      {
        // The console's component tests, in a browser-like DOM, resolving imports as the
        // console's own build does (the SDK from its source, no database package).
        extends: './apps/web/vite.config.ts',
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        // The console end to end in Chromium against `pnpm start` on a fresh embedded database
        // (it doesn't read TEST_DATABASE_URL, so the PostgreSQL pass of CI skips it).
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration',
          globalSetup: ['./vitest.global-setup.ts'],
          // A worker keeps its modules from one file to the next instead of loading the server
          // (fastify, tRPC, the AWS SDK, sharp, PGlite's WebAssembly) afresh for each: that load
          // was about half of what a file cost. Nothing is shared but code and caches: every
          // file still opens its own database and servers, and no test mocks a module or
          // changes the environment (a file that must would need a project with `isolate: true`).
          isolate: false,
          include: ['{packages,apps}/*/{src,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', ...(onPostgres ? packedSdkSuites : [])],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ].filter((project) => !(onPostgres && engineIndependent.has(project.test.name))),
  },
});
