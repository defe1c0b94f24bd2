import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { isValidObjectKey } from '../../storage/object-key';
import type { Storage } from '../../storage/storage';

/** Objects younger than this are spared: their row may still be on its way to a commit. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/** Every column that holds a storage key: an object none of them names is an orphan. */
export const objectKeyColumns = [
  { table: 'car_photos', column: 'object_key' },
  { table: 'car_photos', column: 'thumbnail_key' },
  { table: 'service_attachments', column: 'object_key' },
] as const;

// Every object key the application writes starts here (photos, thumbnails, attachments).
const KEY_PREFIX = 'cars/';
const BATCH = 500;

export interface StorageSweepOptions {
  /** The moment ages are measured from (default now; tests pass a later one instead of waiting an hour). */
  now?: Date;
  /** Objects at least this old are judged (default an hour). */
  minAgeMs?: number;
}

export interface StorageSweep {
  /** Objects no row referenced, removed. */
  orphans: number;
  /** Leftovers of interrupted writes, removed. */
  temporaries: number;
}

/**
 * The storage janitor's pass: every object older than an hour that no row references goes.
 * Uploads write their objects inside the transaction that inserts the row (store-photo.ts,
 * attachments.ts), so a crash before the commit leaves objects nobody points at; this is what
 * removes them. Young objects are spared, so an upload in flight is never touched, and a
 * referenced object is never removed whatever its age.
 */
export async function sweepStorage(
  db: Database,
  storage: Storage,
  options: StorageSweepOptions = {},
): Promise<StorageSweep> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.minAgeMs ?? ORPHAN_MIN_AGE_MS));
  let orphans = 0;
  let batch: string[] = [];
  const flush = async () => {
    const unreferenced = await unreferencedKeys(db, batch);
    await storage.deleteMany(unreferenced);
    orphans += unreferenced.length;
    batch = [];
  };
  for await (const object of storage.list(KEY_PREFIX)) {
    // A file planted under another name is no object of ours to judge.
    if (object.lastModified >= cutoff || !isValidObjectKey(object.key)) continue;
    batch.push(object.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  const temporaries = await storage.removeStaleTemporaries(cutoff);
  return { orphans, temporaries };
}

/** The keys among `keys` that no key column holds. */
async function unreferencedKeys(db: Database, keys: readonly string[]): Promise<string[]> {
  const referenced = new Set<string>();
  for (const { table, column } of objectKeyColumns) {
    const rows = await sql<{ key: string }>`select ${sql.ref(column)} as key from ${sql.table(table)}
      where ${sql.ref(column)} in (${sql.join(keys)})`.execute(db);
    for (const row of rows.rows) referenced.add(row.key);
  }
  return keys.filter((key) => !referenced.has(key));
}
