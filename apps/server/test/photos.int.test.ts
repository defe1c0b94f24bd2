import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SESSION_COOKIE } from '@carhub/api';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config';
import {
  jpegWithGps,
  keyOf,
  noiseJpeg,
  type PhotoServer,
  photoForm,
  signUp,
  solid,
  startLocalPhotoServer,
  startS3PhotoServer,
  type TrpcClient,
  trpcClient,
  trpcStatus,
} from './photo-helpers';

const run = promisify(execFile);

async function json(res: Response): Promise<Record<string, any>> {
  return (await res.json()) as Record<string, any>;
}

// Small limits keep the files small: the JSON limit below the upload limit shows the upload
// route (and only it) gets the larger one.
const UPLOAD_MAX = 512 * 1024;
const limits: Partial<Config> = { bodyLimitBytes: 64 * 1024, uploadMaxBytes: UPLOAD_MAX };

const golf = { make: 'Volkswagen', model: 'Golf', year: 2018 };
const stockCar = {
  make: 'Toyota',
  model: 'Corolla',
  year: 2022,
  price: '18500',
  fuelType: 'hybrid',
  bodyType: 'sedan',
  transmission: 'automatic',
} as const;

/**
 * A POST that declares a body of `declared` bytes and sends only its first line, then waits:
 * only a server that answers on the headers alone answers at all.
 */
function declaredOnly(url: string, token: string, declared: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'multipart/form-data; boundary=xyz',
          'content-length': String(declared),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.write('--xyz\r\n');
  });
}

async function fetchImage(photos: PhotoServer, url: string) {
  const res = await fetch(photos.absolute(url));
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { bytes, type: res.headers.get('content-type'), metadata: await sharp(bytes).metadata() };
}

describe.each([
  ['local', startLocalPhotoServer],
  ['s3', startS3PhotoServer],
] as const)('car photos on the %s driver', (_driver, start) => {
  let photos: PhotoServer;
  let base: string;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let anonymousClient: TrpcClient;
  let jpeg: Buffer;

  beforeAll(async () => {
    photos = await start(limits);
    base = photos.server.url;
    owner = await signUp(base);
    anonymousClient = trpcClient(base);
    jpeg = await solid(320, 200, '#2050a0').jpeg().toBuffer();
  });
  afterAll(() => photos?.close());

  const carKeys = async (carId: string) => (await photos.keys()).filter((key) => key.startsWith(`cars/${carId}/`));

  async function withRole(role: 'staff' | 'admin') {
    const user = await signUp(base);
    await photos.server.database.db.updateTable('users').set({ role }).where('id', '=', user.id).execute();
    return user;
  }

  async function newCar(client: TrpcClient = owner.client) {
    return client.cars.create.mutate(golf);
  }

  const add = (client: TrpcClient, carId: string, bytes: Uint8Array, name = 'car.jpg', type = 'image/jpeg') =>
    client.cars.photos.add.mutate(photoForm(carId, new Blob([bytes], { type }), name));

  /** POST /api/cars/{carId}/photos with a real multipart body. */
  const upload = (carId: string, form: FormData, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/cars/${carId}/photos`, { method: 'POST', headers, body: form });
  const fileForm = (bytes: Uint8Array, name = 'car.jpg', type = 'image/jpeg') => {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type }), name);
    return form;
  };
  const bearer = () => ({ authorization: `Bearer ${owner.token}` });

  it('strips EXIF and GPS from a camera JPEG, stores a WebP and a thumbnail, and makes it primary', async () => {
    const original = await jpegWithGps();
    const exif = (await sharp(original).metadata()).exif;
    // The fixture carries what must go: camera strings and the GPS IFD pointer (tag 0x8825).
    expect(exif?.includes('TestCam')).toBe(true);
    expect(exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const car = await newCar();
    const answer = await owner.client.cars.photos.add.mutate(
      photoForm(car.id, new Blob([original], { type: 'image/jpeg' }), 'IMG_0001.jpg', 'Front view'),
    );

    expect(answer.photos).toHaveLength(1);
    const [photo] = answer.photos;
    expect(photo).toMatchObject({ altText: 'Front view', position: 0, isPrimary: true });
    expect(keyOf(answer.imageUrl)).toBe(keyOf(photo?.url));
    for (const [url, size] of [
      [photo?.url ?? '', [640, 480]],
      [photo?.thumbnailUrl ?? '', [320, 240]],
    ] as const) {
      const image = await fetchImage(photos, url);
      expect(image.type).toBe('image/webp');
      expect(image.metadata.format).toBe('webp');
      expect([image.metadata.width, image.metadata.height]).toEqual(size);
      expect(image.metadata.exif).toBeUndefined();
      for (const needle of ['Exif', 'TestCam', 'Spy 3000', 'Jane Owner'])
        expect(image.bytes.includes(needle)).toBe(false);
    }
    expect(await carKeys(car.id)).toHaveLength(2);
    // Every later answer about the car carries the photo too.
    expect(keyOf((await owner.client.cars.get.query({ id: car.id })).imageUrl)).toBe(keyOf(photo?.url));
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const car = await newCar();
    const sideways = await solid(400, 200).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const answer = await add(owner.client, car.id, sideways);
    const image = await fetchImage(photos, answer.photos[0]?.url ?? '');
    expect([image.metadata.width, image.metadata.height]).toEqual([200, 400]);
  });

  it('judges by the bytes: a PNG named .jpg is a PNG, a GIF or a text file named .jpg is refused', async () => {
    const car = await newCar();
    const png = await solid(120, 90, '#30a050').png().toBuffer();
    const answer = await add(owner.client, car.id, png, 'photo.jpg', 'image/jpeg');
    const image = await fetchImage(photos, answer.photos[0]?.url ?? '');
    expect([image.metadata.width, image.metadata.height]).toEqual([120, 90]);
    const stored = await carKeys(car.id);
    expect(stored).toHaveLength(2);

    const gif = await solid(20, 20).gif().toBuffer();
    expect(await trpcStatus(add(owner.client, car.id, gif, 'photo.jpg', 'image/jpeg'))).toBe(400);
    const text = Buffer.from('definitely not a photo\n'.repeat(50));
    const refused = add(owner.client, car.id, text, 'photo.jpg', 'image/jpeg');
    await expect(refused).rejects.toThrow(/Upload a JPEG, PNG or WebP image/);
    expect(await trpcStatus(refused)).toBe(400);
    expect(await carKeys(car.id)).toEqual(stored);
    expect((await owner.client.cars.get.query({ id: car.id })).photos).toHaveLength(1);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 on /trpc and /api, storing nothing', async () => {
    const car = await newCar();
    const big = await noiseJpeg(900, 700);
    expect(big.length).toBeGreaterThan(UPLOAD_MAX + 64 * 1024);
    const before = await photos.keys();

    // Declared too large: refused before the body is read.
    const trpc = await fetch(`${base}/trpc/cars.photos.add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
      body: photoForm(car.id, new Blob([big], { type: 'image/jpeg' }), 'big.jpg'),
    });
    expect(trpc.status).toBe(413);
    expect((await json(trpc)).error.json.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect(await trpcStatus(add(owner.client, car.id, big))).toBe(413);

    const rest = await upload(car.id, fileForm(big, 'big.jpg'), bearer());
    expect(rest.status).toBe(413);
    expect(await json(rest)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    // One byte over, inside the form's allowance: read, then refused by the file's own size.
    const justOver = Buffer.concat([jpeg, Buffer.alloc(UPLOAD_MAX + 1 - jpeg.length)]);
    expect(await trpcStatus(add(owner.client, car.id, justOver))).toBe(413);
    const restOver = await upload(car.id, fileForm(justOver, 'over.jpg'), bearer());
    expect(restOver.status).toBe(413);
    expect(await json(restOver)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    expect(await photos.keys()).toEqual(before);
    expect((await owner.client.cars.get.query({ id: car.id })).photos).toEqual([]);

    // Exactly at the limit is fine: the limit is the file's, not the form's.
    const atLimit = Buffer.concat([jpeg, Buffer.alloc(UPLOAD_MAX - jpeg.length)]);
    expect((await add(owner.client, car.id, atLimit)).photos).toHaveLength(1);
  });

  it('answers 413 on a declared size alone, before the body arrives, on /trpc and /api', async () => {
    const car = await newCar();
    const declared = UPLOAD_MAX * 4;
    const trpc = await declaredOnly(`${base}/trpc/cars.photos.add`, owner.token, declared);
    expect(trpc.status).toBe(413);
    expect(JSON.parse(trpc.body).error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
    const rest = await declaredOnly(`${base}/api/cars/${car.id}/photos`, owner.token, declared);
    expect(rest.status).toBe(413);
    expect(JSON.parse(rest.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('cuts off a chunked FormData (no declared size) past the limit on /trpc and /api, storing nothing', async () => {
    const car = await newCar();
    const before = await photos.keys();
    const big = await noiseJpeg(900, 700);
    for (const url of [`${base}/trpc/cars.photos.add`, `${base}/api/cars/${car.id}/photos`]) {
      const form = photoForm(car.id, new Blob([big], { type: 'image/jpeg' }), 'big.jpg');
      // A stream body has no length up front, so fetch sends it chunked.
      const encoded = new Response(form);
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': encoded.headers.get('content-type') ?? '' },
        body: encoded.body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status, url).toBe(413);
    }
    // Small file, huge form: only the cut-off on the body itself can answer 413 here.
    const padded = photoForm(car.id, new Blob([jpeg], { type: 'image/jpeg' }), 'car.jpg');
    padded.set('pad', 'x'.repeat(UPLOAD_MAX + 100 * 1024));
    const encoded = new Response(padded);
    const res = await fetch(`${base}/trpc/cars.photos.add`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': encoded.headers.get('content-type') ?? '' },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await photos.keys()).toEqual(before);
  });

  it('keeps the JSON body limit for every other multipart request to /trpc', async () => {
    const form = new FormData();
    form.set('pad', new Blob([Buffer.alloc(100 * 1024)]), 'pad.bin');
    const res = await fetch(`${base}/trpc/auth.updateMe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}` },
      body: form,
    });
    expect(res.status).toBe(413);
  });

  it('orders photos: the first is primary, reorder shifts the others, one primary at a time, deletes close the gap', async () => {
    const car = await newCar();
    let answer = await add(owner.client, car.id, jpeg, 'a.jpg');
    answer = await add(owner.client, car.id, jpeg, 'b.jpg');
    answer = await add(owner.client, car.id, jpeg, 'c.jpg');
    const [a, b, c] = answer.photos.map((p) => p.id);
    if (!a || !b || !c) throw new Error('expected three photos');
    const order = (car: typeof answer) => car.photos.map((p) => [p.id, p.position, p.isPrimary]);
    expect(order(answer)).toEqual([
      [a, 0, true],
      [b, 1, false],
      [c, 2, false],
    ]);
    const update = owner.client.cars.photos.update.mutate;

    answer = await update({ carId: car.id, photoId: c, position: 0 });
    expect(order(answer)).toEqual([
      [c, 0, false],
      [a, 1, true],
      [b, 2, false],
    ]);
    answer = await update({ carId: car.id, photoId: c, position: 2 });
    expect(answer.photos.map((p) => p.id)).toEqual([a, b, c]);
    answer = await update({ carId: car.id, photoId: a, position: 1 });
    expect(answer.photos.map((p) => p.id)).toEqual([b, a, c]);

    answer = await update({ carId: car.id, photoId: c, isPrimary: true, altText: '  Rear  ' });
    expect(answer.photos.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([c]);
    expect(answer.photos.find((p) => p.id === c)?.altText).toBe('Rear');
    expect(keyOf(answer.imageUrl)).toBe(keyOf(answer.photos.find((p) => p.id === c)?.url));
    answer = await update({ carId: car.id, photoId: c, altText: null });
    expect(answer.photos.find((p) => p.id === c)?.altText).toBeNull();

    expect(await trpcStatus(update({ carId: car.id, photoId: a, position: 3 }))).toBe(400);
    expect(await trpcStatus(update({ carId: car.id, photoId: a, isPrimary: false as true }))).toBe(400);

    // Order b, a, c with a primary: deleting a hands over to the one after it (c).
    await update({ carId: car.id, photoId: a, isPrimary: true });
    const remove = owner.client.cars.photos.remove.mutate;
    answer = await remove({ carId: car.id, photoId: a });
    expect(order(answer)).toEqual([
      [b, 0, false],
      [c, 1, true],
    ]);
    // The last one going as primary hands over to the one before it.
    answer = await remove({ carId: car.id, photoId: c });
    expect(order(answer)).toEqual([[b, 0, true]]);
    expect(await carKeys(car.id)).toHaveLength(2);
    answer = await remove({ carId: car.id, photoId: b });
    expect(answer).toMatchObject({ imageUrl: null, photos: [] });
    expect(await carKeys(car.id)).toEqual([]);

    // A new first photo is primary again.
    answer = await add(owner.client, car.id, jpeg);
    expect(answer.photos).toEqual([expect.objectContaining({ position: 0, isPrimary: true })]);
  });

  it('answers 404 for a photo id of another car, and for a car the caller may not see', async () => {
    const mine = await newCar();
    const other = await newCar();
    const theirs = (await add(owner.client, other.id, jpeg)).photos[0]?.id ?? '';
    await add(owner.client, mine.id, jpeg);
    expect(
      await trpcStatus(owner.client.cars.photos.update.mutate({ carId: mine.id, photoId: theirs, altText: 'x' })),
    ).toBe(404);
    expect(await trpcStatus(owner.client.cars.photos.remove.mutate({ carId: mine.id, photoId: theirs }))).toBe(404);
    expect((await owner.client.cars.get.query({ id: other.id })).photos.map((p) => p.id)).toEqual([theirs]);

    const stranger = await signUp(base);
    expect(await trpcStatus(add(stranger.client, mine.id, jpeg))).toBe(404);
    expect(await trpcStatus(stranger.client.cars.photos.remove.mutate({ carId: other.id, photoId: theirs }))).toBe(404);
    expect(await trpcStatus(add(anonymousClient, mine.id, jpeg))).toBe(401);
  });

  it('lets the owner and an admin edit a garage car, staff and admin edit stock; a client gets 403 on stock', async () => {
    const staff = await withRole('staff');
    const admin = await withRole('admin');
    const client = await signUp(base);
    const garage = await newCar();
    const stock = await staff.client.inventory.create.mutate(stockCar);

    expect(await trpcStatus(add(client.client, stock.id, jpeg))).toBe(403);
    expect(await trpcStatus(add(staff.client, garage.id, jpeg))).toBe(404);
    expect((await add(staff.client, stock.id, jpeg)).photos).toHaveLength(1);
    expect((await add(admin.client, stock.id, jpeg)).photos).toHaveLength(2);
    expect((await add(admin.client, garage.id, jpeg)).photos).toHaveLength(1);

    // Photos show wherever the car does: the public catalogue, the garage list.
    const catalogue = await anonymousClient.inventory.get.query({ id: stock.id });
    expect(catalogue.photos).toHaveLength(2);
    expect(catalogue.imageUrl).not.toBeNull();
    const listed = (await anonymousClient.inventory.list.query({ limit: 100 })).items.find((c) => c.id === stock.id);
    expect(keyOf(listed?.imageUrl)).toBe(keyOf(catalogue.imageUrl));
    const garageList = (await owner.client.cars.list.query({ limit: 100 })).items.find((c) => c.id === garage.id);
    expect(garageList?.photos).toHaveLength(1);
  });

  it('deletes the photo objects of a deleted car (cars.delete and inventory.remove)', async () => {
    const car = await newCar();
    await add(owner.client, car.id, jpeg);
    await add(owner.client, car.id, jpeg);
    expect(await carKeys(car.id)).toHaveLength(4);
    await owner.client.cars.delete.mutate({ id: car.id });
    expect(await carKeys(car.id)).toEqual([]);

    const staff = await withRole('staff');
    const stock = await staff.client.inventory.create.mutate(stockCar);
    await add(staff.client, stock.id, jpeg);
    expect(await carKeys(stock.id)).toHaveLength(2);
    expect(await staff.client.inventory.remove.mutate({ id: stock.id })).toMatchObject({ outcome: 'deleted' });
    expect(await carKeys(stock.id)).toEqual([]);
    const rows = await photos.server.database.db
      .selectFrom('carPhotos')
      .select('id')
      .where('carId', 'in', [car.id, stock.id])
      .execute();
    expect(rows).toEqual([]);
  });

  describe('REST: POST /api/cars/{carId}/photos', () => {
    it('takes a multipart upload and answers the car with its photos as JSON', async () => {
      const car = await newCar();
      const form = fileForm(await jpegWithGps());
      form.set('altText', 'Side view');
      const res = await upload(car.id, form, { authorization: `Bearer ${owner.token}` });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ id: car.id, photos: [{ altText: 'Side view', position: 0, isPrimary: true }] });
      expect(Date.parse(body.createdAt)).not.toBeNaN();
      const image = await fetchImage(photos, body.imageUrl);
      expect(image.metadata.exif).toBeUndefined();
      expect(await carKeys(car.id)).toHaveLength(2);
    });

    it('answers refusals in the /api error shape', async () => {
      const car = await newCar();
      const anonymous = await upload(car.id, fileForm(jpeg));
      expect(anonymous.status).toBe(401);
      expect(await json(anonymous)).toMatchObject({ code: 'UNAUTHORIZED' });

      const text = await upload(car.id, fileForm(Buffer.from('hello\n'.repeat(40))), {
        authorization: `Bearer ${owner.token}`,
      });
      expect(text.status).toBe(400);
      expect(await json(text)).toMatchObject({
        code: 'BAD_REQUEST',
        data: { fieldErrors: { file: ['Upload a JPEG, PNG or WebP image'] } },
      });

      const badId = await upload('not-a-uuid', fileForm(jpeg), { authorization: `Bearer ${owner.token}` });
      expect(badId.status).toBe(400);
      const badIdBody = await json(badId);
      expect(badIdBody).toMatchObject({ code: 'BAD_REQUEST', data: { fieldErrors: { carId: [expect.any(String)] } } });
      expect(badIdBody.message).toMatch(/^Invalid input: carId: /);

      const noFile = new FormData();
      noFile.set('altText', 'nothing attached');
      const missing = await upload(car.id, noFile, { authorization: `Bearer ${owner.token}` });
      expect(missing.status).toBe(400);

      const stranger = await signUp(base);
      const notYours = await upload(car.id, fileForm(jpeg), { authorization: `Bearer ${stranger.token}` });
      expect(notYours.status).toBe(404);
      expect(await json(notYours)).toMatchObject({ code: 'NOT_FOUND' });

      const jsonBody = await fetch(`${base}/api/cars/${car.id}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ file: 'aGVsbG8=' }),
      });
      expect(jsonBody.status).toBe(415);
      expect(await json(jsonBody)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(await carKeys(car.id)).toEqual([]);
    });

    it('holds a cookie-authenticated upload to the Origin rule', async () => {
      const car = await newCar();
      const cookie = `${SESSION_COOKIE}=${owner.token}`;
      const crossSite = await upload(car.id, fileForm(jpeg), { cookie, origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      const noOrigin = await upload(car.id, fileForm(jpeg), { cookie });
      expect(noOrigin.status).toBe(403);
      expect(await carKeys(car.id)).toEqual([]);
      const sameSite = await upload(car.id, fileForm(jpeg), { cookie, origin: new URL(base).origin });
      expect(sameSite.status).toBe(200);
    });

    it('changes and deletes photos over PATCH and DELETE /api/cars/{carId}/photos/{photoId}', async () => {
      const car = await newCar();
      await add(owner.client, car.id, jpeg);
      const two = await add(owner.client, car.id, jpeg);
      const second = two.photos[1]?.id ?? '';
      const auth = { authorization: `Bearer ${owner.token}` };
      const patched = await fetch(`${base}/api/cars/${car.id}/photos/${second}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ position: 0, isPrimary: true, altText: 'Best angle' }),
      });
      expect(patched.status).toBe(200);
      expect((await json(patched)).photos[0]).toMatchObject({ id: second, isPrimary: true, altText: 'Best angle' });
      const deleted = await fetch(`${base}/api/cars/${car.id}/photos/${second}`, { method: 'DELETE', headers: auth });
      expect(deleted.status).toBe(200);
      expect((await json(deleted)).photos).toEqual([expect.objectContaining({ position: 0, isPrimary: true })]);
      expect(await carKeys(car.id)).toHaveLength(2);
    });

    it('works with curl exactly as the README shows', async (context) => {
      const curl = await run('which', ['curl']).catch(() => null);
      if (!curl) return context.skip('curl is not installed');
      const car = await newCar();
      const dir = await mkdtemp(join(tmpdir(), 'carhub-curl-'));
      try {
        await writeFile(join(dir, 'car.jpg'), await jpegWithGps());
        // curl -H "authorization: Bearer $TOKEN" -F file=@car.jpg http://localhost:3000/api/cars/<id>/photos
        const { stdout } = await run(
          'curl',
          ['-H', `authorization: Bearer ${owner.token}`, '-F', 'file=@car.jpg', `${base}/api/cars/${car.id}/photos`],
          { cwd: dir },
        );
        const body = JSON.parse(stdout);
        expect(body).toMatchObject({ id: car.id, photos: [{ position: 0, isPrimary: true }] });
        expect(body.imageUrl).toEqual(expect.any(String));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('the upload route in /openapi.json', () => {
  let photos: PhotoServer;
  beforeAll(async () => {
    photos = await startLocalPhotoServer(limits);
  });
  afterAll(() => photos?.close());

  it('describes a multipart/form-data body with a binary `file`, answered by the car', async () => {
    const doc = await json(await fetch(`${photos.server.url}/openapi.json`));
    const operation = doc.paths['/cars/{carId}/photos'].post;
    expect(operation.operationId).toBe('cars-photos-add');
    const schema = operation.requestBody.content['multipart/form-data'].schema;
    expect(schema.required).toEqual(['file']);
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(operation.responses['200'].content['application/json'].schema).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '413']));
    expect(doc.paths['/cars/{carId}/photos/{photoId}']).toHaveProperty('patch');
    expect(doc.paths['/cars/{carId}/photos/{photoId}']).toHaveProperty('delete');
  });

  it('refuses an image with too many pixels with a 400 (it is small in bytes)', async () => {
    const user = await signUp(photos.server.url);
    const car = await user.client.cars.create.mutate(golf);
    // 45 megapixels of one colour: a few hundred KB of PNG, far too much to decode.
    const huge = await solid(9000, 5000).png({ compressionLevel: 9 }).toBuffer();
    expect(huge.length).toBeLessThan(UPLOAD_MAX);
    const refused = user.client.cars.photos.add.mutate(
      photoForm(car.id, new Blob([huge], { type: 'image/png' }), 'huge.png'),
    );
    await expect(refused).rejects.toThrow(/pixels.*limit/);
    expect(await photos.keys()).toEqual([]);
  });
});
