import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jpegWithGps,
  type PhotoServer,
  signUp,
  startLocalPhotoServer,
  startS3PhotoServer,
  trpcStatus,
} from './photo-helpers';

const UPLOAD_MAX = 64 * 1024;

/** A small but real PDF: one page saying hello (file-type knows it by its `%PDF-` header). */
function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    '<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 50 Td (Hello) Tj ET\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * Service records' attachments over real HTTP, on both storage drivers: stored through the
 * storage interface, served only as downloads, and deleted with their entry.
 */
describe.each([
  ['local', startLocalPhotoServer],
  ['s3', startS3PhotoServer],
] as const)('service attachments on the %s driver', (_driver, start) => {
  let photos: PhotoServer;
  let base: string;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let other: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    photos = await start({ logLevel: 'silent', uploadMaxBytes: UPLOAD_MAX });
    base = photos.server.url;
    owner = await signUp(base);
    other = await signUp(base);
  });
  afterAll(() => photos?.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function newService() {
    const car = await owner.client.cars.create.mutate({ make: 'Volvo', model: 'V60', year: 2020 });
    const service = await owner.client.cars.services.add.mutate({
      id: car.id,
      at: '2026-01-10',
      odometerKm: 40_000,
      title: 'Annual service',
      items: ['oil', 'oil filter'],
      cost: '249.9',
      shop: 'Garage Nord',
    });
    return { car, service };
  }

  function upload(carId: string, serviceId: string, bytes: Buffer, name: string, token = owner.token) {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    return fetch(`${base}/api/cars/${carId}/services/${serviceId}/attachments`, {
      method: 'POST',
      headers: bearer(token),
      body: form,
    });
  }

  it('stores a real PDF as it is and serves it only as a download', async () => {
    const { car, service } = await newService();
    expect(service).toMatchObject({ cost: '249.90', items: ['oil', 'oil filter'], attachments: [] });
    const pdf = samplePdf();
    const res = await upload(car.id, service.id, pdf, 'invoice 2026.pdf');
    expect(res.status).toBe(200);
    const record = (await res.json()) as {
      attachments: { id: string; url: string; name: string; contentType: string; size: number }[];
    };
    expect(record.attachments).toHaveLength(1);
    const [attachment] = record.attachments;
    expect(attachment).toMatchObject({ name: 'invoice 2026.pdf', contentType: 'application/pdf', size: pdf.length });
    expect((await photos.keys()).filter((k) => k.includes(service.id))).toHaveLength(1);

    const download = await fetch(`${base}${attachment?.url}`, { headers: bearer(owner.token) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice 2026.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // Another user's car: not found, both for the download and the upload; signed out: 401.
    expect((await fetch(`${base}${attachment?.url}`, { headers: bearer(other.token) })).status).toBe(404);
    expect((await upload(car.id, service.id, pdf, 'x.pdf', other.token)).status).toBe(404);
    expect((await fetch(`${base}${attachment?.url}`)).status).toBe(401);
  });

  it('refuses a text file named .pdf, storing nothing', async () => {
    const { car, service } = await newService();
    const before = await photos.keys();
    const res = await upload(car.id, service.id, Buffer.from('just some text, honestly\n'), 'receipt.pdf');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/Attach a PDF, JPEG, PNG or WebP/);
    expect(await photos.keys()).toEqual(before);
  });

  it('re-encodes a JPEG without its EXIF and GPS', async () => {
    const { car, service } = await newService();
    const jpeg = await jpegWithGps();
    expect((await sharp(jpeg).metadata()).exif?.includes('TestCam')).toBe(true);
    const form = new FormData();
    form.set('carId', car.id);
    form.set('entryId', service.id);
    form.set('file', new Blob([jpeg]), 'receipt.jpg');
    // Over tRPC this time: the same procedure the REST route calls.
    const record = await owner.client.cars.services.attachments.add.mutate(form);
    const [attachment] = record.attachments;
    expect(attachment).toMatchObject({ name: 'receipt.webp', contentType: 'image/webp' });
    const download = await fetch(`${base}${attachment?.url}`, { headers: bearer(owner.token) });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    const bytes = Buffer.from(await download.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.exif).toBeUndefined();
    expect(bytes.includes('TestCam')).toBe(false);
  });

  it('answers 413 over UPLOAD_MAX_BYTES on /api and /trpc', async () => {
    const { car, service } = await newService();
    const big = Buffer.concat([samplePdf(), Buffer.alloc(UPLOAD_MAX + 1)]);
    const rest = await upload(car.id, service.id, big, 'big.pdf');
    expect(rest.status).toBe(413);
    const form = new FormData();
    form.set('carId', car.id);
    form.set('entryId', service.id);
    form.set('file', new Blob([big]), 'big.pdf');
    expect(await trpcStatus(owner.client.cars.services.attachments.add.mutate(form))).toBe(413);
    expect((await owner.client.cars.services.list.query({ id: car.id })).items[0]?.attachments).toEqual([]);
  });

  it('deletes the objects with the attachment, the entry and the car', async () => {
    const { car, service } = await newService();
    const keysOf = async (id: string) => (await photos.keys()).filter((k) => k.includes(id));
    for (const name of ['a.pdf', 'b.pdf'])
      expect((await upload(car.id, service.id, samplePdf(), name)).status).toBe(200);
    const record = (await owner.client.cars.services.list.query({ id: car.id })).items[0];
    expect(await keysOf(service.id)).toHaveLength(2);
    const first = record?.attachments[0];
    const afterOne = await owner.client.cars.services.attachments.remove.mutate({
      id: car.id,
      entryId: service.id,
      attachmentId: first?.id ?? '',
    });
    expect(afterOne.attachments.map((a) => a.name)).toEqual(['b.pdf']);
    expect(await keysOf(service.id)).toHaveLength(1);
    expect((await fetch(`${base}${first?.url}`, { headers: bearer(owner.token) })).status).toBe(404);

    await owner.client.cars.services.remove.mutate({ id: car.id, entryId: service.id });
    expect(await keysOf(service.id)).toEqual([]);
    // Its odometer reading went with it.
    expect((await owner.client.cars.odometer.list.query({ id: car.id })).items).toEqual([]);

    const second = await owner.client.cars.services.add.mutate({ id: car.id, at: '2026-02-01', title: 'Tyres' });
    expect((await upload(car.id, second.id, samplePdf(), 'tyres.pdf')).status).toBe(200);
    expect(await keysOf(second.id)).toHaveLength(1);
    await owner.client.cars.delete.mutate({ id: car.id });
    expect(await keysOf(car.id)).toEqual([]);
  });

  it('a sale copies readings and services with their attachments, independent of the stock car', async () => {
    const staff = await signUp(base);
    const buyer = await signUp(base);
    await photos.server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
    const stock = await staff.client.inventory.create.mutate({
      make: 'Peugeot',
      model: '308',
      year: 2021,
      mileage: 30_000,
      fuelType: 'diesel',
      bodyType: 'hatchback',
      transmission: 'manual',
      price: '18000',
    });
    await staff.client.cars.odometer.add.mutate({ id: stock.id, at: '2025-01-01', km: 10_000, note: 'first owner' });
    const service = await staff.client.cars.services.add.mutate({
      id: stock.id,
      at: '2025-06-01',
      odometerKm: 20_000,
      title: 'Timing belt',
      items: ['belt', 'water pump'],
      cost: '890.00',
    });
    await staff.client.cars.fuel.add.mutate({
      id: stock.id,
      at: '2025-06-02',
      odometerKm: 20_100,
      liters: '50',
      totalCost: '90',
    });
    const pdf = samplePdf();
    expect((await upload(stock.id, service.id, pdf, 'belt.pdf', staff.token)).status).toBe(200);

    const sale = await staff.client.sales.create.mutate({ carId: stock.id, customerId: buyer.id, price: '17500' });
    const garageId = sale.garageCarId ?? '';
    const copy = await buyer.client.cars.get.query({ id: garageId });
    expect(copy.mileage).toBe((await staff.client.inventory.get.query({ id: stock.id })).mileage);
    const readings = (await buyer.client.cars.odometer.list.query({ id: garageId, sort: 'at' })).items;
    expect(readings.map((r) => [r.at, r.km])).toContainEqual(['2025-01-01', 10_000]);
    expect(readings.map((r) => r.km)).toContain(20_000);
    const [copied] = (await buyer.client.cars.services.list.query({ id: garageId })).items;
    expect(copied).toMatchObject({
      title: 'Timing belt',
      items: ['belt', 'water pump'],
      odometerKm: 20_000,
      cost: null,
    });
    expect(copied?.id).not.toBe(service.id);
    // The dealership's fuel costs stay with the dealership.
    expect((await buyer.client.cars.fuel.list.query({ id: garageId })).items).toEqual([]);
    const attachment = copied?.attachments[0];
    expect(attachment).toMatchObject({ name: 'belt.pdf', contentType: 'application/pdf', size: pdf.length });
    const download = async () => fetch(`${base}${attachment?.url}`, { headers: bearer(buyer.token) });
    expect(Buffer.from(await (await download()).arrayBuffer()).equals(pdf)).toBe(true);

    // Independent: the dealership's record going takes nothing of the buyer's.
    await staff.client.cars.services.remove.mutate({ id: stock.id, entryId: service.id });
    expect((await photos.keys()).filter((k) => k.includes(service.id))).toEqual([]);
    expect((await download()).status).toBe(200);
    expect((await buyer.client.cars.services.list.query({ id: garageId })).items).toHaveLength(1);
    // And the buyer's copy is theirs alone: the seller can't reach it.
    expect((await fetch(`${base}${attachment?.url}`, { headers: bearer(staff.token) })).status).toBe(404);
  });

  it('exports the logbook as formula-safe CSV, for those who may see the car', async () => {
    const car = await owner.client.cars.create.mutate({ make: 'Mini', model: 'One', year: 2012 });
    await owner.client.cars.odometer.add.mutate({ id: car.id, at: '2025-01-01', km: 90_000, note: '+bought' });
    await owner.client.cars.fuel.add.mutate({
      id: car.id,
      at: '2025-02-01',
      odometerKm: 90_400,
      liters: '35.5',
      totalCost: '60',
      station: 'Esso, Main St',
    });
    await owner.client.cars.services.add.mutate({
      id: car.id,
      at: '2025-03-01',
      title: '=HYPERLINK("http://evil.example")',
      items: ['oil', '@SUM(1)'],
      cost: '120.5',
    });
    const res = await fetch(`${base}/api/cars/${car.id}/logbook.csv`, { headers: bearer(owner.token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await res.text()).split('\r\n')).toEqual([
      'date,kind,odometerKm,liters,cost,fullTank,title,items,stationOrShop,notes',
      "2025-01-01,odometer,90000,,,,,,,'+bought",
      '2025-02-01,fuel,90400,35.500,60.00,true,,,"Esso, Main St",',
      `2025-03-01,service,,,120.50,,"'=HYPERLINK(""http://evil.example"")",oil; @SUM(1),,`,
      '',
    ]);
    expect((await fetch(`${base}/api/cars/${car.id}/logbook.csv`, { headers: bearer(other.token) })).status).toBe(404);
    expect((await fetch(`${base}/api/cars/${car.id}/logbook.csv`)).status).toBe(401);
  });
});
