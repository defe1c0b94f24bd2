import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { JobLimiter } from './job-limiter';
import { processUpload } from './process-upload';

function solid(width: number, height: number, background = '#c03020') {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** Random pixels, so the JPEG has real entropy-coded data to cut in half. */
function noise(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The chunk types of a RIFF/WebP file (EXIF and XMP are chunks of their own there). */
function webpChunks(bytes: Buffer): string[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 12)).toBe('WEBP');
  const chunks: string[] = [];
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    chunks.push(bytes.toString('latin1', offset, offset + 4));
    const size = bytes.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

describe('processUpload', () => {
  it('drops every bit of EXIF, GPS included, from a camera JPEG', async () => {
    const original = await solid(640, 480)
      .withExif({
        IFD0: { Make: 'TestCam', Model: 'Spy 3000', Copyright: 'Jane Owner' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    // The fixture really carries what must go: camera strings and a GPS IFD pointer (tag 0x8825).
    const exif = (await sharp(original).metadata()).exif;
    expect(exif?.includes('TestCam')).toBe(true);
    expect(exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const result = await processUpload(original);

    expect(result.sourceType).toBe('image/jpeg');
    for (const image of [result.main, result.thumbnail]) {
      expect(image.contentType).toBe('image/webp');
      const metadata = await sharp(image.bytes).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(webpChunks(image.bytes)).not.toContain('EXIF');
      expect(webpChunks(image.bytes)).not.toContain('XMP ');
      for (const needle of ['Exif', 'TestCam', 'Spy 3000', 'Jane Owner']) {
        expect(image.bytes.includes(needle)).toBe(false);
      }
    }
    expect(result.main).toMatchObject({ width: 640, height: 480 });
    expect(result.thumbnail).toMatchObject({ width: 320, height: 240 });
  });

  it('applies EXIF orientation 6 (rotate 90°): a landscape-stored photo comes out portrait', async () => {
    const stored = await solid(800, 400).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);

    const result = await processUpload(stored);

    expect(result.main).toMatchObject({ width: 400, height: 800 });
    expect(result.thumbnail).toMatchObject({ width: 160, height: 320 });
    const metadata = await sharp(result.main.bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([400, 800]);
    expect(metadata.orientation).toBeUndefined();
  });

  it('scales a large photo to 1600px on its longer side and never enlarges a small one', async () => {
    const big = await solid(2400, 1200).png().toBuffer();
    const result = await processUpload(big);
    expect(result.main).toMatchObject({ width: 1600, height: 800 });
    expect(result.thumbnail).toMatchObject({ width: 320, height: 160 });

    const small = await processUpload(await solid(100, 50).webp().toBuffer());
    expect(small.sourceType).toBe('image/webp');
    expect(small.main).toMatchObject({ width: 100, height: 50 });
    expect(small.thumbnail).toMatchObject({ width: 100, height: 50 });
  });

  it('judges a PNG named photo.jpg by its bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carhub-upload-'));
    try {
      const file = join(dir, 'photo.jpg');
      await writeFile(file, await solid(120, 90).png().toBuffer());
      const result = await processUpload(await readFile(file));
      expect(result.sourceType).toBe('image/png');
      expect(result.main).toMatchObject({ contentType: 'image/webp', width: 120, height: 90 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a text file', Buffer.from('hello, this is not an image\n'.repeat(20))],
    ['an empty file', Buffer.alloc(0)],
    ['an HTML page', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
  ])('refuses %s with a 400', async (_name, bytes) => {
    const error = await refusal(processUpload(bytes));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/Upload a JPEG, PNG or WebP image/);
  });

  it('refuses a real image of another type (GIF) with a 400 naming it', async () => {
    const gif = await solid(20, 20).gif().toBuffer();
    const error = await refusal(processUpload(gif));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('image/gif');
  });

  it('refuses a truncated JPEG with a 400', async () => {
    const full = await noise(400, 300).jpeg({ quality: 95 }).toBuffer();
    await expect(processUpload(full)).resolves.toBeDefined();
    const error = await refusal(processUpload(full.subarray(0, Math.floor(full.length / 2))));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/corrupt or truncated/);
  });

  it('refuses a JPEG whose data is garbage after a valid header with a 400', async () => {
    const full = await noise(200, 150).jpeg().toBuffer();
    const corrupt = Buffer.concat([full.subarray(0, 400), Buffer.alloc(full.length - 400, 0xff)]);
    const error = await refusal(processUpload(corrupt));
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('refuses an image above the pixel limit with a 400 saying so', async () => {
    const image = await solid(300, 200).jpeg().toBuffer();
    await expect(processUpload(image, { limitInputPixels: 60_000 })).resolves.toBeDefined();
    const error = await refusal(processUpload(image, { limitInputPixels: 59_999 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/300x200 pixels.*limit/);
  });

  it('runs at most the limiter’s number of image jobs at once; the rest wait and still finish', async () => {
    const limiter = new JobLimiter(2);
    const image = await noise(900, 700).jpeg().toBuffer();
    const jobs = Array.from({ length: 6 }, () => processUpload(image, { limiter }));
    // The sniffing before the limiter is asynchronous: let all six reach it.
    await new Promise((r) => setTimeout(r, 50));
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(4);
    const results = await Promise.all(jobs);
    expect(results).toHaveLength(6);
    expect(limiter.peak).toBe(2);
    expect(limiter.active).toBe(0);
  });
});
