import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../src/web-console';
import { startTestServer, type TestServer } from './helpers';

// A stand-in build: the same shape Vite writes (index.html, hashed assets with .gz copies).
const dist = mkdtempSync(join(tmpdir(), 'carhub-web-'));
const script = 'console.log("console");'.repeat(50);
const page =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body></body></html>';

describe('the web console served by the API server', () => {
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), page);
    writeFileSync(join(dist, 'assets/index-abc123.js'), script);
    writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(script));
    server = await startTestServer({ requireTerms: true, showroomTimeZone: 'Europe/Berlin' }, { webConsoleDir: dist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("answers every console URL with index.html, the server's settings in meta tags, under a strict CSP", async () => {
    for (const url of ['/', '/login', '/reset-password?token=abc', '/cars/some-id', '/garage/x', '/admin/stock']) {
      const res = await fetch(`${server.url}${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      // Scripts from this origin only: no inline script, no eval.
      expect(csp).toMatch(/(^|;)script-src 'self'(;|$)/);
      expect(csp).not.toContain('upgrade-insecure-requests');
      const html = await res.text();
      expect(html).toContain('<meta name="carhub:require-terms" content="true">');
      expect(html).toContain('<meta name="carhub:showroom-tz" content="Europe/Berlin">');
      expect(html).not.toMatch(/<script>(?!<)/); // no inline script
    }
    expect(CONSOLE_ROUTES).toContain('/bookings');
  });

  it('serves hashed assets with a year of immutable cache, compressed when the browser takes it', async () => {
    const res = await fetch(`${server.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(script);
  });

  it('leaves the API, the docs and the health checks alone', async () => {
    const api = await fetch(`${server.url}/api/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    const trpc = await fetch(`${server.url}/trpc/health.nope`, { headers: { accept: 'text/html' } });
    expect(trpc.status).toBe(404);
    expect(await trpc.text()).not.toContain('<html');
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const docs = await fetch(`${server.url}/docs`);
    expect(await docs.text()).toContain('swagger-ui');
  });

  it("gives a browser the console's not-found page with a 404, and anything else the server's 404", async () => {
    const browser = await fetch(`${server.url}/no-such-page`, { headers: { accept: 'text/html,*/*' } });
    expect(browser.status).toBe(404);
    expect(await browser.text()).toContain('carhub:require-terms');
    const other = await fetch(`${server.url}/no-such-page`, { headers: { accept: 'application/json' } });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/json/);
    const missingAsset = await fetch(`${server.url}/assets/nope.js`);
    expect(missingAsset.status).toBe(404);
  });

  it('serves no console when it is not built', async () => {
    const bare = await startTestServer({}, { webConsoleDir: join(dist, 'missing') });
    try {
      const res = await fetch(`${bare.url}/`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
