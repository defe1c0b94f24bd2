import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRow } from '../src/csv/csv-writer';
import { importColumns } from '../src/domain/stock-import/import-rows';
import { errorOf, fieldMessages } from './car-helpers';
import { callerFor, setRole, signUp, userWithRole } from './helpers';

type Caller = Awaited<ReturnType<typeof callerFor>>;
type Row = Record<string, string | number>;

let t: TestDatabase;
let staff: { id: string; caller: Caller };
let client: { id: string; caller: Caller };

const base = {
  make: 'Skoda',
  model: 'Octavia',
  year: 2021,
  fuelType: 'diesel',
  bodyType: 'wagon',
  transmission: 'manual',
  price: '18990',
} as const;

/** A file with the given header (all export columns by default) and rows. */
function csv(rows: Row[], header: readonly string[] = importColumns): string {
  return [csvRow(header), ...rows.map((row) => csvRow(header.map((name) => row[name] ?? '')))].join('');
}

function form(text: string, dryRun?: boolean): FormData {
  const data = new FormData();
  data.set('file', new File([text], 'cars.csv', { type: 'text/csv' }));
  if (dryRun !== undefined) data.set('dryRun', String(dryRun));
  return data;
}

/** n distinct, valid rows: plate and VIN from the row number. */
function rows(n: number, from = 0): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    licensePlate: `IMP-${from + i}`,
    vin: `TMBJJ7NE${String(from + i).padStart(9, '0')}`,
    mileage: 1000 + i,
  }));
}

async function stockCount(): Promise<number> {
  const row = await t.db
    .selectFrom('cars')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ownerId', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestDatabase();
  staff = await userWithRole(t.db, 'staff');
  client = await userWithRole(t.db, 'client');
  await staff.caller.inventory.create({ ...base, licensePlate: 'TAKEN 1', vin: 'TMBJJ7NE000099999' });
});
afterAll(() => t.destroy());

describe('inventory.import', () => {
  it('dry run: answers what it would create and writes nothing', async () => {
    const before = await stockCount();
    const result = await staff.caller.inventory.import(form(csv(rows(3, 100)), true));
    expect(result).toMatchObject({ dryRun: true, rowCount: 3, errors: [], createdIds: [] });
    expect(result.cars.map((car) => [car.row, car.licensePlate, car.price, car.mileage])).toEqual([
      [1, 'IMP-100', '18990.00', 1000],
      [2, 'IMP-101', '18990.00', 1001],
      [3, 'IMP-102', '18990.00', 1002],
    ]);
    expect(await stockCount()).toBe(before);
  });

  it('commit: adds every row as available stock with its mileage reading, audited, answering the ids', async () => {
    const result = await staff.caller.inventory.import(form(csv(rows(3, 200))));
    expect(result.createdIds).toHaveLength(3);
    const cars = await Promise.all(result.createdIds.map((id) => staff.caller.inventory.get({ id })));
    expect(cars.map((car) => [car.licensePlate, car.status, car.ownerId, car.mileage])).toEqual([
      ['IMP-200', 'available', null, 1000],
      ['IMP-201', 'available', null, 1001],
      ['IMP-202', 'available', null, 1002],
    ]);
    const readings = await t.db
      .selectFrom('odometerReadings')
      .select('km')
      .where('carId', 'in', result.createdIds)
      .execute();
    expect(readings.map((r) => r.km).sort()).toEqual([1000, 1001, 1002]);
    const audits = await t.db
      .selectFrom('auditLog')
      .select(['actorId', 'action', 'entity'])
      .where('entityId', 'in', result.createdIds)
      .execute();
    expect(audits).toEqual(Array(3).fill({ actorId: staff.id, action: 'create', entity: 'car' }));
  });

  it('names every kind of row error with its row and column', async () => {
    const file = csv([
      { ...base, licensePlate: 'OK-1' }, // 1: fine
      { ...base, year: 'old' }, // 2
      { ...base, make: '' }, // 3
      { ...base, fuelType: 'steam' }, // 4
      { ...base, price: '12.345' }, // 5
      { ...base, vin: 'IOQ' }, // 6
      { ...base, ownerId: staff.id }, // 7
      { ...base, licensePlate: 'ok 1' }, // 8: repeats row 1 (compared normalised)
      { ...base, vin: 'TMBJJ7NE000000001' }, // 9
      { ...base, vin: 'TMBJJ7NE000000001' }, // 10: repeats row 9
      { ...base, licensePlate: 'taken-1' }, // 11: in stock already
      { ...base, vin: 'TMBJJ7NE000099999' }, // 12: in stock already
      { ...base, mileage: -5 }, // 13
    ]).concat('Skoda,Octavia\r\n'); // 14: too few cells
    const result = await staff.caller.inventory.import(form(file, true));
    expect(result.rowCount).toBe(14);
    const byRow = (row: number) => result.errors.filter((e) => e.row === row).map((e) => [e.column, e.message]);
    expect(byRow(1)).toEqual([]);
    expect(byRow(2)).toEqual([['year', 'Year must be a number.']]);
    expect(byRow(3)[0]?.[0]).toBe('make');
    expect(byRow(4)[0]?.[0]).toBe('fuelType');
    expect(byRow(5)[0]?.[0]).toBe('price');
    expect(byRow(6)[0]?.[0]).toBe('vin');
    expect(byRow(7)).toEqual([['ownerId', 'Leave ownerId empty: an import adds stock, not garage cars.']]);
    expect(byRow(8)).toEqual([['licensePlate', 'This licence plate repeats row 1 of the file.']]);
    expect(byRow(9)).toEqual([]);
    expect(byRow(10)).toEqual([['vin', 'This VIN repeats row 9 of the file.']]);
    expect(byRow(11)).toEqual([['licensePlate', 'Stock already has a car with this licence plate.']]);
    expect(byRow(12)).toEqual([['vin', 'Stock already has a car with this VIN.']]);
    expect(byRow(13)[0]?.[0]).toBe('mileage');
    expect(byRow(14)).toEqual([[null, `Expected ${importColumns.length} cells, found 2.`]]);
    expect(result.cars.map((car) => car.row)).toEqual([1, 9]);
  });

  it('refuses a header with an unknown, repeated or missing column by name', async () => {
    const unknown = await errorOf(
      staff.caller.inventory.import(form(csv([base], [...Object.keys(base), 'colour', 'seats']))),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toMatch(/Unknown columns: "colour", "seats"/);
    const repeated = await errorOf(staff.caller.inventory.import(form(csv([base], [...Object.keys(base), 'make']))));
    expect(repeated.message).toMatch(/Column named twice: make/);
    const missing = await errorOf(staff.caller.inventory.import(form(csv([base], ['make', 'model', 'year']))));
    expect(missing.message).toMatch(/Missing columns: fuelType, bodyType, transmission, price/);
    // No header: the first car is read as one, and its cells are not column names.
    const headless = await errorOf(staff.caller.inventory.import(form(csvRow(Object.values(base)))));
    expect(headless.message).toMatch(/Unknown columns: "Skoda"/);
    expect((await errorOf(staff.caller.inventory.import(form('')))).message).toMatch(/empty/);
  });

  it('a bad row 4,000 of 5,000 rolls back all of them', async () => {
    const before = await stockCount();
    const file = rows(5000, 10_000);
    file[3999] = { ...base, year: 1700 };
    const error = await errorOf(staff.caller.inventory.import(form(csv(file))));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^Nothing was imported: 1 row has problems \(row 4000, year: /);
    expect(Object.keys(fieldMessages(error))).toEqual(['4000.year']);
    expect(await stockCount()).toBe(before);
    // Fixed, the same file goes in whole.
    file[3999] = rows(1, 30_000)[0] as Row;
    const result = await staff.caller.inventory.import(form(csv(file)));
    expect(result.createdIds).toHaveLength(5000);
    expect(await stockCount()).toBe(before + 5000);
  });

  it('refuses a file of 5,001 rows', async () => {
    const error = await errorOf(staff.caller.inventory.import(form(csv(rows(5001, 20_000)), true)));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('At most 5,000 rows in one import; this file has 5,001.');
  });

  it('keeps a formula-looking cell as text, and reads back what the export protected', async () => {
    const result = await staff.caller.inventory.import(
      form(csv([{ ...base, notes: '=HYPERLINK("http://evil.example","x")', color: "'=1+1", model: '+Plus' }])),
    );
    const car = await staff.caller.inventory.get({ id: result.createdIds[0] ?? '' });
    expect(car.notes).toBe('=HYPERLINK("http://evil.example","x")');
    expect(car.color).toBe('=1+1');
    expect(car.model).toBe('+Plus');
  });

  it('refuses a file over UPLOAD_MAX_BYTES (413)', async () => {
    const member = await signUp(t.db);
    await setRole(t.db, member.user.id, 'staff');
    const small = await callerFor(t.db, { token: member.token, uploadMaxBytes: 100 });
    expect((await errorOf(small.inventory.import(form(csv(rows(5)), true)))).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a client (403) and an anonymous caller (401)', async () => {
    expect((await errorOf(client.caller.inventory.import(form(csv(rows(1)), true)))).code).toBe('FORBIDDEN');
    expect((await errorOf((await callerFor(t.db)).inventory.import(form(csv(rows(1)), true)))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
