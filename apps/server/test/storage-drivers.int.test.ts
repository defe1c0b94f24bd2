import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LocalStorage, type Storage } from '@carhub/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers';
import { startS3rverStorage } from './s3rver-storage';

/**
 * One contract, two drivers: the local driver served by the real server's /media route, and
 * the s3 driver against a real S3-protocol server (s3rver) on a random loopback port.
 */
interface DriverUnderTest {
  storage: Storage;
  /** Turns what url() returned into something fetch can open. */
  absolute(url: string): string;
  close(): Promise<void>;
}

async function localDriver(): Promise<DriverUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-local-'));
  const server = await startTestServer({
    storage: { driver: 'local', dir, urlSecret: 'a-test-secret-of-at-least-32-characters', urlTtlSeconds: 3600 },
  });
  return {
    storage: server.app.storage,
    absolute: (url) => new URL(url, server.url).toString(),
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function s3Driver(): Promise<DriverUnderTest> {
  const s3 = await startS3rverStorage();
  return { storage: s3.storage, absolute: (url) => url, close: () => s3.close() };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * A response's status, its body read to the end: a body left unread keeps the server's file
 * stream (and its file handle) open until garbage collection, and its connection busy.
 */
async function statusOf(url: string): Promise<number> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

/** Bytes that would show any re-framing (aws-chunked) or text mangling. */
function sampleBytes(seed: number, length = 70_000): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return bytes;
}

describe.each([
  ['local', localDriver],
  ['s3', s3Driver],
] as const)('the %s storage driver', (_name, start) => {
  let driver: DriverUnderTest;
  let storage: Storage;
  beforeAll(async () => {
    driver = await start();
    storage = driver.storage;
  });
  afterAll(() => driver?.close());

  it('stores bytes that come back unchanged through get() and through the URL', async () => {
    const bytes = sampleBytes(1);
    await storage.put('cars/c1/p1.webp', bytes, 'image/webp');

    const object = await storage.get('cars/c1/p1.webp');
    expect(object?.contentType).toBe('image/webp');
    expect(object?.size).toBe(bytes.length);
    expect(object && (await readAll(object.body)).equals(bytes)).toBe(true);

    const res = await fetch(driver.absolute(await storage.url('cars/c1/p1.webp')));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('replaces an object put twice under one key', async () => {
    await storage.put('cars/c1/replaced.png', sampleBytes(2, 100), 'image/png');
    await storage.put('cars/c1/replaced.png', sampleBytes(3, 50), 'image/png');
    const object = await storage.get('cars/c1/replaced.png');
    expect(object && (await readAll(object.body)).equals(sampleBytes(3, 50))).toBe(true);
  });

  it('answers a missing key with null, and its URL with 404', async () => {
    expect(await storage.get('cars/c1/never-stored.webp')).toBeNull();
    const res = await fetch(driver.absolute(await storage.url('cars/c1/never-stored.webp')));
    expect(res.status).toBe(404);
  });

  it('copies an object to another key, bytes and type intact; a missing source copies nothing', async () => {
    const bytes = sampleBytes(7);
    await storage.put('cars/c5/original.webp', bytes, 'image/webp');
    expect(await storage.copy('cars/c5/original.webp', 'cars/c6/copy.webp')).toBe(true);
    const copy = await storage.get('cars/c6/copy.webp');
    expect(copy?.contentType).toBe('image/webp');
    expect(copy && (await readAll(copy.body)).equals(bytes)).toBe(true);
    // Two objects now: deleting the original leaves the copy.
    await storage.delete('cars/c5/original.webp');
    const kept = await storage.get('cars/c6/copy.webp');
    expect(kept && (await readAll(kept.body)).equals(bytes)).toBe(true);
    const served = await fetch(driver.absolute(await storage.url('cars/c6/copy.webp')));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

    expect(await storage.copy('cars/c5/original.webp', 'cars/c6/none.webp')).toBe(false);
    expect(await storage.get('cars/c6/none.webp')).toBeNull();
  });

  it('deletes an object (and deleting a missing one is fine)', async () => {
    await storage.put('cars/c2/gone.webp', sampleBytes(4, 10), 'image/webp');
    const url = driver.absolute(await storage.url('cars/c2/gone.webp'));
    expect(await statusOf(url)).toBe(200);
    await storage.delete('cars/c2/gone.webp');
    expect(await storage.get('cars/c2/gone.webp')).toBeNull();
    expect(await statusOf(url)).toBe(404);
    await expect(storage.delete('cars/c2/gone.webp')).resolves.toBeUndefined();
  });

  it('deletes many at once, ignoring missing keys and leaving the others', async () => {
    const keys = ['cars/c3/a.webp', 'cars/c3/b.webp', 'cars/c3/c.webp'];
    for (const [i, key] of keys.entries()) await storage.put(key, sampleBytes(10 + i, 20), 'image/webp');
    await storage.deleteMany(['cars/c3/a.webp', 'cars/c3/c.webp', 'cars/c3/missing.webp']);
    expect(await storage.get('cars/c3/a.webp')).toBeNull();
    expect(await storage.get('cars/c3/c.webp')).toBeNull();
    const kept = await storage.get('cars/c3/b.webp');
    expect(kept && (await readAll(kept.body)).equals(sampleBytes(11, 20))).toBe(true);
    await expect(storage.deleteMany([])).resolves.toBeUndefined();
  });

  it('hands out URLs that stop working once expired', async () => {
    await storage.put('cars/c4/expiring.webp', sampleBytes(5, 10), 'image/webp');
    // Signed two hours ago for one minute: long dead.
    const dead = await storage.url('cars/c4/expiring.webp', { now: new Date(Date.now() - 7_200_000), ttlSeconds: 60 });
    expect(await statusOf(driver.absolute(dead))).toBe(403);

    // And in real time: good now, refused once its seconds are up (three, so a loaded machine
    // still fetches it in time; expiry is checked to the second, hence the extra second).
    const short = driver.absolute(await storage.url('cars/c4/expiring.webp', { ttlSeconds: 3 }));
    expect(await statusOf(short)).toBe(200);
    await new Promise((r) => setTimeout(r, 4100));
    expect(await statusOf(short)).toBe(403);
  });

  it.each([
    '../escape.webp',
    '/etc/passwd',
    'cars/../../x.webp',
    'cars\\x.webp',
    'a\0b.webp',
    '',
    'cars//x.webp',
    '.hidden',
  ])('refuses the key %j before touching anything', async (key) => {
    await expect(storage.put(key, sampleBytes(6, 10), 'image/webp')).rejects.toThrow(TypeError);
    await expect(storage.get(key)).rejects.toThrow(TypeError);
    await expect(storage.delete(key)).rejects.toThrow(TypeError);
    await expect(storage.copy('cars/c1/p1.webp', key)).rejects.toThrow(TypeError);
    await expect(storage.copy(key, 'cars/c1/p9.webp')).rejects.toThrow(TypeError);
    await expect(storage.deleteMany(['cars/ok.webp', key])).rejects.toThrow(TypeError);
    await expect(storage.url(key)).rejects.toThrow(TypeError);
  });
});

describe('the local driver’s file handles', () => {
  /** Files this process holds open (Linux): a handle left open shows here until garbage collection. */
  const openFiles = () => readdirSync('/proc/self/fd').length;

  it('opens nothing for a copy it refuses, and keeps nothing open after one it makes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carhub-handles-'));
    try {
      const storage = new LocalStorage({ dir, urlSecret: 'handles-test-secret-32-characters-long', urlTtlSeconds: 60 });
      await storage.put('cars/h/source.webp', sampleBytes(8), 'image/webp');
      const before = openFiles();
      for (const bad of ['../escape.webp', 'cars//x.webp', '.hidden']) {
        await expect(storage.copy('cars/h/source.webp', bad)).rejects.toThrow(TypeError);
      }
      await expect(storage.copy('cars/h/source.webp', 'cars/h/copy.png')).rejects.toThrow(TypeError);
      expect(await storage.copy('cars/h/source.webp', 'cars/h/copy.webp')).toBe(true);
      expect(openFiles()).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
