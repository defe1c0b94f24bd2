import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keyOf,
  type PhotoServer,
  photoForm,
  signUp,
  solid,
  startLocalPhotoServer,
  startS3PhotoServer,
} from './photo-helpers';

/**
 * A sale gives the buyer's garage car photos of its own, on both storage drivers: the objects
 * are copied inside the store (CopyObject on S3), under the new car's keys, and outlive the
 * dealership's.
 */
describe.each([
  ['local', startLocalPhotoServer],
  ['s3', startS3PhotoServer],
] as const)('a sale copies the photos on the %s driver', (_driver, start) => {
  let photos: PhotoServer;
  beforeAll(async () => {
    photos = await start({ logLevel: 'silent' });
  });
  afterAll(() => photos?.close());

  async function fetchBytes(url: string): Promise<Buffer> {
    const res = await fetch(photos.absolute(url));
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  it('copies every photo, in order, primary kept; the copies stay when the dealership’s go', async () => {
    const base = photos.server.url;
    const staff = await signUp(base);
    const buyer = await signUp(base);
    await photos.server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
    const car = await staff.client.inventory.create.mutate({
      make: 'Kia',
      model: 'EV6',
      year: 2024,
      fuelType: 'electric',
      bodyType: 'suv',
      transmission: 'automatic',
      price: '39000',
    });
    for (const [colour, altText] of [
      ['#c02020', 'red front'],
      ['#20c020', 'green side'],
    ] as const) {
      const bytes = await solid(200, 120, colour).png().toBuffer();
      await staff.client.cars.photos.add.mutate(photoForm(car.id, new Blob([bytes]), 'p.png', altText));
    }
    const stock = await staff.client.inventory.get.query({ id: car.id });

    const sale = await staff.client.sales.create.mutate({ carId: car.id, customerId: buyer.id, price: '38000' });
    const copy = await buyer.client.cars.get.query({ id: sale.garageCarId ?? '' });
    expect(copy.photos.map((p) => [p.altText, p.position, p.isPrimary])).toEqual([
      ['red front', 0, true],
      ['green side', 1, false],
    ]);
    for (const [i, photo] of copy.photos.entries()) {
      const original = stock.photos[i];
      expect(keyOf(photo.url)).not.toBe(keyOf(original?.url));
      expect((await fetchBytes(photo.url)).equals(await fetchBytes(original?.url ?? ''))).toBe(true);
      expect((await fetchBytes(photo.thumbnailUrl)).equals(await fetchBytes(original?.thumbnailUrl ?? ''))).toBe(true);
    }
    const copyKeys = (await photos.keys()).filter((key) => key.startsWith(`cars/${copy.id}/`));
    expect(copyKeys).toHaveLength(4);

    for (const photo of stock.photos)
      await staff.client.cars.photos.remove.mutate({ carId: car.id, photoId: photo.id });
    expect((await photos.keys()).filter((key) => key.startsWith(`cars/${car.id}/`))).toEqual([]);
    const after = await buyer.client.cars.get.query({ id: copy.id });
    for (const photo of after.photos) await fetchBytes(photo.url);
  });
});
