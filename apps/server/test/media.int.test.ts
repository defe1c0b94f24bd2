import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediaSignature } from '@carhub/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEntry, startTestServer, type TestServer, waitFor } from './helpers';

const SECRET = 'media-test-secret-that-is-long-enough';
const TTL = 3600;

/** A GET whose path goes on the wire byte for byte (fetch would resolve `..` and re-encode). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function signedQuery(key: string, expiresAt = Math.floor(Date.now() / 1000) + 600): string {
  return `exp=${expiresAt}&sig=${mediaSignature(SECRET, key, expiresAt)}`;
}

describe('GET /media/* (local driver)', () => {
  let server: TestServer;
  let outer: string;
  const photo = Buffer.from('RIFF....WEBPVP8 not-really-but-bytes-are-bytes');

  beforeAll(async () => {
    // The root sits inside `outer`, next to a file that must never be served.
    outer = await mkdtemp(join(tmpdir(), 'carhub-media-'));
    const root = join(outer, 'files');
    await mkdir(root);
    await writeFile(join(outer, 'secret.txt'), 'TOP SECRET outside the root');
    server = await startTestServer({
      storage: { driver: 'local', dir: root, urlSecret: SECRET, urlTtlSeconds: TTL },
    });
    await server.app.storage.put('cars/c1/p1.webp', photo, 'image/webp');
    // A symlink planted inside the root that points out of it.
    await symlink(join(outer, 'secret.txt'), join(root, 'cars', 'link.txt'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(outer, { recursive: true, force: true });
  });

  it('serves a valid URL with its bytes, type and caching headers', async () => {
    const url = await server.app.storage.url('cars/c1/p1.webp');
    expect(url).toMatch(/^\/media\/cars\/c1\/p1\.webp\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/);
    const res = await fetch(new URL(url, server.url));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('content-length')).toBe(String(photo.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(res.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(TTL - 5);
    expect(maxAge).toBeLessThanOrEqual(TTL);
  });

  it('sets max-age to what is left of the lifetime, not the full one', async () => {
    const url = await server.app.storage.url('cars/c1/p1.webp', { ttlSeconds: 120 });
    const res = await fetch(new URL(url, server.url));
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=(119|120)$/);
  });

  it('refuses a tampered, missing or re-dated signature with 403 and no bytes', async () => {
    const url = new URL(await server.app.storage.url('cars/c1/p1.webp'), server.url);
    const sig = url.searchParams.get('sig') ?? '';
    const exp = Number(url.searchParams.get('exp'));
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    const variants = [
      `/media/cars/c1/p1.webp?exp=${exp}&sig=${flipped}`,
      `/media/cars/c1/p1.webp?exp=${exp}&sig=${sig.slice(0, -2)}`,
      `/media/cars/c1/p1.webp?exp=${exp}`,
      `/media/cars/c1/p1.webp?sig=${sig}`,
      `/media/cars/c1/p1.webp`,
      `/media/cars/c1/p1.webp?exp=${exp + 86_400}&sig=${sig}`,
      `/media/cars/c1/p1.webp?exp=${exp}&sig=${sig}&sig=${sig}`,
      // A valid signature of one key does not open another.
      `/media/cars/c1/p2.webp?exp=${exp}&sig=${sig}`,
    ];
    for (const path of variants) {
      const res = await rawGet(server.url, path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.includes(photo)).toBe(false);
    }
  });

  it('refuses an expired URL with 403', async () => {
    const expired = await server.app.storage.url('cars/c1/p1.webp', { now: new Date(Date.now() - 7_200_000) });
    const res = await fetch(new URL(expired, server.url));
    expect(res.status).toBe(403);
    const justExpired = `/media/cars/c1/p1.webp?${signedQuery('cars/c1/p1.webp', Math.floor(Date.now() / 1000))}`;
    expect((await rawGet(server.url, justExpired)).status).toBe(403);
  });

  it('answers a correctly signed URL of a missing object with 404', async () => {
    const res = await fetch(new URL(await server.app.storage.url('cars/c1/none.webp'), server.url));
    expect(res.status).toBe(404);
  });

  // Each path is signed for exactly the key the server will decode from it, so only the key
  // checks stand between the request and the file outside the root.
  it.each([
    ['..%2fsecret.txt', '../secret.txt'],
    ['..%2Fsecret.txt', '../secret.txt'],
    ['%2e%2e%2fsecret.txt', '../secret.txt'],
    ['%2e%2e/secret.txt', '../secret.txt'],
    ['../secret.txt', '../secret.txt'],
    ['cars/..%2f..%2fsecret.txt', 'cars/../../secret.txt'],
    ['..%5csecret.txt', '..\\secret.txt'],
    ['%2fetc%2fpasswd', '/etc/passwd'],
    ['cars%00.webp', 'cars\0.webp'],
    ['cars/link.txt', 'cars/link.txt'],
    ['cars', 'cars'],
    ['cars/', 'cars/'],
    ['', ''],
  ])('never serves anything outside the root or a listing: /media/%s', async (path, key) => {
    const res = await rawGet(server.url, `/media/${path}?${signedQuery(key)}`);
    expect([403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('TOP SECRET');
    expect(res.body.toString()).not.toContain('p1.webp');
  });

  it('also refuses the traversal paths without a signature (403)', async () => {
    for (const path of ['..%2fsecret.txt', '%2e%2e/secret.txt', 'cars/..%2f..%2fsecret.txt']) {
      const res = await rawGet(server.url, `/media/${path}`);
      expect(res.status).toBe(403);
    }
  });
});

describe('MEDIA_URL_SECRET at start-up', () => {
  it('is required in production: the server stops with one line naming it', async () => {
    const run = spawnEntry('src/main.ts', [], { NODE_ENV: 'production', DATABASE_URL: 'memory://' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'Invalid configuration: MEDIA_URL_SECRET: required in production with STORAGE_DRIVER=local (at least 32 random characters)',
    );
  });

  it('is generated with a logged warning in development', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'carhub-media-main-'));
    const server = spawnEntry('src/main.ts', [], {
      DATABASE_URL: 'memory://',
      SEED_DEMO_DATA: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      STORAGE_DIR: join(dataDir, 'files'),
    });
    try {
      // A cold start boots the embedded database: slow on a busy 2-core machine.
      await waitFor(() => server.output().includes('Server listening at'), 90_000, 'the server to listen');
      expect(server.output()).toMatch(/"level":40,.*"msg":"MEDIA_URL_SECRET is not set: using a random one/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
