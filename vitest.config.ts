import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside pure logic, and integration tests (*.int.test.ts)
// that each open a fresh database: embedded PGlite, or the PostgreSQL server named by
// TEST_DATABASE_URL, copied from one template migrated per run (vitest.global-setup.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,apps}/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          globalSetup: ['./vitest.global-setup.ts'],
          include: ['{packages,apps}/*/{src,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
