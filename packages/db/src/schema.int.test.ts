import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderSchema } from './schema-codegen';
import { createTestDatabase, type TestDatabase } from './testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

it('the DB interface in schema.ts is exactly what the migrations create', async () => {
  const committed = readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
  const fromDatabase = await renderSchema(t.db);
  // On failure: run `pnpm --filter @carhub/db gen:schema` and review the diff.
  expect(committed).toBe(fromDatabase);
});
