import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDb } from '../src/create-db';
import { migrateToLatest } from '../src/migrate';
import { renderSchema } from '../src/schema-codegen';

// Migrates a throwaway embedded database and writes what it finds to src/schema.ts.
const db = createDb('memory://');
try {
  await migrateToLatest(db);
  const target = fileURLToPath(new URL('../src/schema.ts', import.meta.url));
  writeFileSync(target, await renderSchema(db));
  console.log(`wrote ${target}`);
} finally {
  await db.destroy();
}
