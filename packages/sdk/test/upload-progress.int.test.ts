import { crc32, deflateSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CarhubClient, createClient, isApiError, type UploadProgress, uploadPhoto } from '../src/index';
import { type LiveServer, startLiveServer } from './live-server';

/*
 * uploadPhoto's onProgress against the real server: in Node (the body streamed and counted)
 * and in Chromium (XMLHttpRequest upload events), the SDK bundled from its source.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of about 1 MB (stored, not compressed), so the upload takes many steps. */
function largePng(width = 600, height = 600): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.alloc(1 + width * 3, 120);
  row[0] = 0;
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function expectRisingToTheEnd(events: UploadProgress[], atLeast: number) {
  expect(events.length).toBeGreaterThan(0);
  const last = events.at(-1) as UploadProgress;
  expect(last.loaded).toBe(last.total);
  expect(last.total).toBeGreaterThan(atLeast);
  for (let i = 1; i < events.length; i++) {
    expect(events[i]?.loaded).toBeGreaterThanOrEqual(events[i - 1]?.loaded ?? 0);
    expect(events[i]?.total).toBe(last.total);
  }
}

let api: LiveServer;
let client: CarhubClient;
let token: string;
let carId: string;
const png = largePng();

beforeAll(async () => {
  api = await startLiveServer();
  const password = 'Quiet-Upload-2044';
  const session = await createClient({ url: api.url }).auth.register.mutate({
    username: 'progress_owner',
    email: 'progress@example.com',
    password,
    passwordConfirm: password,
    firstName: 'Pat',
    lastName: 'Progress',
  });
  token = session.token;
  client = createClient({ url: api.url, token });
  carId = (await client.cars.create.mutate({ make: 'Skoda', model: 'Fabia', year: 2020 })).id;
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('uploadPhoto reports its progress', () => {
  it('in Node: the bytes sent rise to the whole body, and the photo is added', async () => {
    const events: UploadProgress[] = [];
    const car = await uploadPhoto(client, { carId, file: new Blob([png]) }, { onProgress: (p) => events.push(p) });
    expect(car.photos).toHaveLength(1);
    expect(events.length).toBeGreaterThan(4);
    expectRisingToTheEnd(events, png.length);
  });

  it('in Node: a refusal is still the API error, after the body went out', async () => {
    const events: UploadProgress[] = [];
    const refused = await uploadPhoto(
      client,
      { carId, file: new Blob(['not a photo at all']) },
      { onProgress: (p) => events.push(p) },
    ).catch((error: unknown) => error);
    expect(isApiError(refused, 'BAD_REQUEST')).toBe(true);
    expect(events.at(-1)?.loaded).toBe(events.at(-1)?.total);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let bundle: string;

    beforeAll(async () => {
      const entry = `
        import { createClient, isApiError, uploadPhoto } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).pathname)};
        window.tryUpload = async (url, token, carId, base64) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const events = [];
          const client = createClient({ url, token });
          try {
            const car = await uploadPhoto(client, { carId, file: new Blob([bytes]) }, { onProgress: (p) => events.push(p) });
            return { events, photos: car.photos.length };
          } catch (error) {
            return { events, code: isApiError(error) ? error.code : String(error) };
          }
        };`;
      const built = await build({
        stdin: { contents: entry, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
        bundle: true,
        format: 'iife',
        platform: 'browser',
        write: false,
      });
      bundle = built.outputFiles[0]?.text ?? '';
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    async function uploadInPage(bytes: Buffer) {
      // On the API's own origin (no CORS), the test's script allowed past the page's CSP.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${api.url}/healthz`);
      await page.addScriptTag({ content: bundle });
      const result = await page.evaluate(
        ([url, key, car, body]) =>
          (
            globalThis as unknown as {
              tryUpload: (...args: string[]) => Promise<{ events: UploadProgress[]; photos?: number; code?: string }>;
            }
          ).tryUpload(url, key, car, body),
        [api.url, token, carId, bytes.toString('base64')] as const,
      );
      await context.close();
      return result;
    }

    it('reports XMLHttpRequest upload events up to the whole body, and the photo is added', async () => {
      const result = await uploadInPage(png);
      expect(result.code).toBeUndefined();
      expect(result.photos).toBe(2);
      expectRisingToTheEnd(result.events, png.length);
    });

    it('answers a refusal as the API error', async () => {
      const result = await uploadInPage(Buffer.from('not a photo at all'));
      expect(result.code).toBe('BAD_REQUEST');
    });
  });
});
