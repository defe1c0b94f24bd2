import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPruner, type LocalStorage, ORPHAN_MIN_AGE_MS, sweepStorage } from '@carhub/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps, type PhotoServer, signUp, startLocalPhotoServer, startS3PhotoServer } from './photo-helpers';

const HOUR_AND_A_BIT = ORPHAN_MIN_AGE_MS + 60_000;
const silent = { info() {}, warn() {}, error() {} };

/**
 * The storage janitor on both drivers, against what a real server stored: objects no row
 * references go once they are an hour old; young objects (an upload may be on its way to its
 * commit) and referenced ones (photos, thumbnails, attachments) stay, whatever their age.
 */
describe.each([
  ['local', startLocalPhotoServer],
  ['s3', startS3PhotoServer],
] as const)('storage janitor on the %s driver', (_driver, start) => {
  let photos: PhotoServer;
  let referenced: string[];
  let carId: string;
  beforeAll(async () => {
    photos = await start({ logLevel: 'silent' });
    const owner = await signUp(photos.server.url);
    const car = await owner.client.cars.create.mutate({ make: 'Volvo', model: 'V60', year: 2020 });
    carId = car.id;
    const form = new FormData();
    form.set('file', new Blob([await jpegWithGps()]), 'front.jpg');
    const bearer = { authorization: `Bearer ${owner.token}` };
    const added = await fetch(`${photos.server.url}/api/cars/${car.id}/photos`, {
      method: 'POST',
      headers: bearer,
      body: form,
    });
    expect(added.status).toBe(200);
    const service = await owner.client.cars.services.add.mutate({
      id: car.id,
      at: '2026-01-10',
      odometerKm: 40_000,
      title: 'Annual service',
    });
    const attached = await fetch(`${photos.server.url}/api/cars/${car.id}/services/${service.id}/attachments`, {
      method: 'POST',
      headers: bearer,
      body: form,
    });
    expect(attached.status).toBe(200);
    referenced = await photos.keys();
    // The photo, its thumbnail and the attachment.
    expect(referenced).toHaveLength(3);
  });
  afterAll(() => photos?.close());

  const db = () => photos.server.app.db;

  it('spares every object younger than an hour, referenced or not', async () => {
    const orphan = `cars/${carId}/young-orphan.webp`;
    await photos.storage.put(orphan, new Uint8Array([1, 2, 3]), 'image/webp');
    expect(await sweepStorage(db(), photos.storage)).toEqual({ orphans: 0, temporaries: 0 });
    expect(await photos.keys()).toEqual([...referenced, orphan].sort());
    await photos.storage.delete(orphan);
  });

  it('removes objects no row references once they are an hour old, never a referenced one', async () => {
    const orphans = [`cars/${carId}/orphan.webp`, `cars/${carId}/orphan-thumb.webp`, 'cars/gone/services/x/y.webp'];
    for (const key of orphans) await photos.storage.put(key, new Uint8Array([1, 2, 3]), 'image/webp');
    const later = new Date(Date.now() + HOUR_AND_A_BIT);
    const swept = await sweepStorage(db(), photos.storage, { now: later });
    expect(swept.orphans).toBe(orphans.length);
    expect(await photos.keys()).toEqual(referenced);
    // Every referenced object still opens.
    for (const key of referenced) {
      const object = await photos.storage.get(key);
      expect(object).not.toBeNull();
      object?.body.destroy();
    }
    // A second pass finds nothing more.
    expect((await sweepStorage(db(), photos.storage, { now: later })).orphans).toBe(0);
  });

  it('runs in the worker’s pruner pass', async () => {
    const orphan = `cars/${carId}/pruned.webp`;
    await photos.storage.put(orphan, new Uint8Array([1]), 'image/webp');
    const pruner = createPruner({
      db: db(),
      log: silent,
      intervalMs: 60_000,
      retentionDays: 30,
      storage: photos.storage,
    });
    // Young: the pass leaves it.
    expect(await pruner.runOnce()).toMatchObject({ 'storage orphans': 0 });
    expect(await photos.keys()).toContain(orphan);
    await photos.storage.delete(orphan);
  });
});

describe('storage janitor, local driver, by file age', () => {
  let photos: PhotoServer;
  beforeAll(async () => {
    photos = await startLocalPhotoServer({ logLevel: 'silent' });
  });
  afterAll(() => photos?.close());

  it('removes an orphan and a write’s leftover from two hours ago, sparing the young ones', async () => {
    const storage = photos.storage as LocalStorage;
    const old = new Date(Date.now() - 2 * ORPHAN_MIN_AGE_MS);
    await storage.put('cars/a/old.webp', new Uint8Array([1]), 'image/webp');
    await storage.put('cars/a/young.webp', new Uint8Array([1]), 'image/webp');
    await utimes(storage.pathOf('cars/a/old.webp'), old, old);
    // What a write killed between its temporary file and the rename leaves behind.
    const tmp = join(storage.root, '.tmp');
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, 'stale'), 'x');
    await utimes(join(tmp, 'stale'), old, old);
    await writeFile(join(tmp, 'in-flight'), 'x');

    expect(await sweepStorage(photos.server.app.db, storage)).toEqual({ orphans: 1, temporaries: 1 });
    expect(await photos.keys()).toEqual(['cars/a/young.webp']);
    expect(await readdir(tmp)).toEqual(['in-flight']);
  });
});
