import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorage, type Storage, sweepStorage } from '@carhub/api';
import { createTestDatabase, type TestDatabase, testServerUrl } from '@carhub/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type Spawned, spawnEntry, waitFor } from './helpers';
import { noiseJpeg } from './photo-helpers';
import { registerOverRest, restClient } from './rest-client';
import { startS3rverStorage } from './s3rver-storage';

const UPLOADS = 20;
const LATER = () => new Date(Date.now() + 2 * 60 * 60 * 1000);

interface Store {
  storage: Storage;
  env: Record<string, string>;
  /** The local driver's leftovers of interrupted writes (none on S3). */
  temporaries(): Promise<string[]>;
  close(): Promise<void>;
}

async function localStore(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-crash-'));
  const storage = new LocalStorage({ dir, urlSecret: 'crash-test-secret-of-at-least-32-chars', urlTtlSeconds: 60 });
  return {
    storage,
    env: { STORAGE_DRIVER: 'local', STORAGE_DIR: dir, MEDIA_URL_SECRET: 'crash-test-secret-of-at-least-32-chars' },
    temporaries: () => readdir(join(dir, '.tmp')).catch(() => []),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

async function s3Store(): Promise<Store> {
  const s3 = await startS3rverStorage();
  return { storage: s3.storage, env: s3.env, temporaries: async () => [], close: () => s3.close() };
}

async function startServer(t: TestDatabase, store: Store): Promise<{ run: Spawned; url: string }> {
  const run = spawnEntry('src/main.ts', [], {
    DATABASE_URL: t.url,
    PORT: '0',
    HOST: '127.0.0.1',
    WORKER_MODE: 'off',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    API_KEY_RATE_LIMIT: '100000',
    ...store.env,
  });
  await waitFor(() => /Server listening at (http:\/\/[\d.:]+)/.test(run.output()), 60_000, 'the server to listen');
  return { run, url: /Server listening at (http:\/\/[\d.:]+)/.exec(run.output())?.[1] ?? '' };
}

async function listed(storage: Storage): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list()) keys.push(object.key);
  return keys.sort();
}

async function opens(storage: Storage, key: string): Promise<boolean> {
  const object = await storage.get(key);
  object?.body.destroy();
  return object !== null;
}

/**
 * A real crash: a server process takes 20 concurrent uploads (car photos and service-record
 * attachments, half each) and is killed with SIGKILL once five are answered. Then
 * no row may point at a missing object, every answered upload must be whole, and after the
 * janitor's pass no object may be left that no row references. The janitor runs as if an hour
 * had passed. Needs a database two processes share: PostgreSQL only.
 */
describe.skipIf(!testServerUrl()).each([
  ['local', localStore],
  ['s3', s3Store],
] as const)('kill -9 during uploads, %s driver', (driver, open) => {
  let t: TestDatabase | undefined;
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    await t?.destroy();
  });

  it('leaves no row without its object and, after the janitor, no object without a row', async () => {
    t = await createTestDatabase();
    store = await open();
    const server = await startServer(t, store);
    let killed = false;
    try {
      const rest = restClient(server.url);
      const user = await registerOverRest(rest, 'upcrash');
      const car = await rest('POST', '/cars', { make: 'Saab', model: '9-5', year: 2009 }, user.token);
      expect(car.status).toBe(200);
      const service = await rest(
        'POST',
        `/cars/${car.body.id}/services`,
        {
          at: '2026-01-10',
          odometerKm: 1000,
          title: 'Service',
        },
        user.token,
      );
      expect(service.status).toBe(200);
      // Big enough that processing takes a while, so most uploads are mid-way at the kill.
      const image = await noiseJpeg(900, 700);
      const paths = Array.from({ length: UPLOADS }, (_, i) =>
        i % 2 === 0
          ? `/api/cars/${car.body.id}/photos`
          : `/api/cars/${car.body.id}/services/${service.body.id}/attachments`,
      );
      const acknowledged: { path: string; body: { photos?: { id: string }[]; attachments?: { id: string }[] } }[] = [];
      const uploads = paths.map(async (path) => {
        const form = new FormData();
        form.set('file', new Blob([image]), 'upload.jpg');
        try {
          const res = await fetch(`${server.url}${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${user.token}` },
            body: form,
          });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text}`);
          acknowledged.push({ path, body: JSON.parse(text) });
        } catch (error) {
          if (!killed) throw error;
        }
      });
      await waitFor(() => acknowledged.length >= 5, 120_000, 'five answered uploads');
      killed = true;
      server.run.child.kill('SIGKILL');
      await server.run.exited;
      await Promise.all(uploads);
      // The kill came mid-stream: some uploads were cut off.
      expect(acknowledged.length).toBeLessThan(UPLOADS);

      const db = t.db;
      const photos = await db.selectFrom('carPhotos').select(['id', 'objectKey', 'thumbnailKey']).execute();
      const attachments = await db.selectFrom('serviceAttachments').select(['id', 'objectKey']).execute();
      const rowKeys = [...photos.flatMap((p) => [p.objectKey, p.thumbnailKey]), ...attachments.map((a) => a.objectKey)];
      // No row without its object, before any cleanup.
      for (const key of rowKeys) expect(await opens(store.storage, key), key).toBe(true);
      // Every answered upload has its row (and so its objects).
      const photoIds = new Set(photos.map((p) => p.id));
      const attachmentIds = new Set(attachments.map((a) => a.id));
      for (const { body } of acknowledged) {
        for (const p of body.photos ?? []) expect(photoIds.has(p.id)).toBe(true);
        for (const a of body.attachments ?? []) expect(attachmentIds.has(a.id)).toBe(true);
      }
      expect(photos.length + attachments.length).toBeGreaterThanOrEqual(acknowledged.length);

      const before = await listed(store.storage);
      const swept = await sweepStorage(db, store.storage, { now: LATER() });
      const after = await listed(store.storage);
      // Exactly the referenced objects remain, and nothing of an interrupted write.
      expect(after).toEqual([...rowKeys].sort());
      expect(await store.temporaries()).toEqual([]);
      expect(swept.orphans).toBe(before.length - after.length);
      console.log(
        `${driver}: ${acknowledged.length}/${UPLOADS} uploads answered before the kill, ${photos.length} photo and ` +
          `${attachments.length} attachment rows, ${swept.orphans} orphaned objects and ${swept.temporaries} ` +
          'temporary files removed by the janitor',
      );
    } finally {
      killed = true;
      server.run.child.kill('SIGKILL');
      await server.run.exited;
    }
  }, 240_000);
});
