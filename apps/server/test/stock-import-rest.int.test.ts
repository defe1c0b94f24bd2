import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/** inventory.import and admin.dashboard as REST clients meet them: multipart `file`, plain JSON answers. */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let staff: { id: string; token: string };
let client: { id: string; token: string };

const header = 'make,model,year,fuelType,bodyType,transmission,price,licensePlate,notes\r\n';
const good = `${header}Kia,Ceed,2022,petrol,hatchback,manual,15500,REST-1,=1+1\r\nKia,Niro,2023,hybrid,suv,automatic,24990.5,REST-2,\r\n`;

function fileForm(text: string, dryRun?: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([text], { type: 'text/csv' }), 'cars.csv');
  if (dryRun) form.set('dryRun', dryRun);
  return form;
}

const post = (form: FormData | undefined, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/inventory/import`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: form ?? null,
  });

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent', uploadMaxBytes: 4096 });
  rest = restClient(server.url);
  staff = await registerOverRest(rest, 'importstaff');
  client = await registerOverRest(rest, 'importclient');
  await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();
});
afterAll(() => server.close());

describe('POST /api/inventory/import', () => {
  it('dry run answers the cars it would add; without it they are added', async () => {
    const dry = await post(fileForm(good, 'true'), staff.token);
    expect(dry.status).toBe(200);
    const preview = (await dry.json()) as any;
    expect(preview).toMatchObject({ dryRun: true, rowCount: 2, errors: [], createdIds: [] });
    expect(preview.cars.map((car: { price: string }) => car.price)).toEqual(['15500.00', '24990.50']);

    const done = await post(fileForm(good), staff.token);
    expect(done.status).toBe(200);
    const { createdIds } = (await done.json()) as any;
    expect(createdIds).toHaveLength(2);
    const car = await rest('GET', `/inventory/${createdIds[0]}`, undefined, staff.token);
    expect(car.body).toMatchObject({ make: 'Kia', notes: '=1+1', status: 'available' });
  });

  it('answers row errors in a dry run and a 400 naming them without one', async () => {
    const bad = `${header}Kia,Ceed,2022,petrol,hatchback,manual,15500,REST-1,\r\n`;
    const dry = (await (await post(fileForm(bad, 'true'), staff.token)).json()) as any;
    expect(dry.errors).toEqual([
      { row: 1, column: 'licensePlate', message: 'Stock already has a car with this licence plate.' },
    ]);
    const refused = await post(fileForm(bad), staff.token);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as any;
    // REST words a 400 with field errors from them, as for every validation error.
    expect(body.message).toBe('Invalid input: 1.licensePlate: Stock already has a car with this licence plate.');
    expect(body.data.fieldErrors).toEqual({ '1.licensePlate': ['Stock already has a car with this licence plate.'] });
  });

  it('refuses an unknown column by name (400), a client (403), anonymous (401), a non-multipart body (415), too large (413)', async () => {
    const extra = await post(fileForm(`make,model,seats\r\nKia,Ceed,5\r\n`), staff.token);
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as any).message).toMatch(/Unknown column: "seats"/);
    expect((await post(fileForm(good), client.token)).status).toBe(403);
    expect((await post(fileForm(good))).status).toBe(401);
    const json = await post(undefined, staff.token, { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    const big = await post(fileForm(header + 'x'.repeat(5000)), staff.token);
    expect(big.status).toBe(413);
  });

  it('is in the OpenAPI document as multipart with the file field, next to GET /admin/dashboard', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as any;
    const operation = doc.paths['/inventory/import'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['multipart/form-data']);
    expect(operation.requestBody.content['multipart/form-data'].schema.properties).toHaveProperty('file');
    expect(doc.paths['/admin/dashboard'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Dashboard',
    );
  });
});

describe('GET /api/admin/dashboard', () => {
  it('answers staff the figures as JSON, a client 403 and anonymous 401', async () => {
    const reply = await rest('GET', '/admin/dashboard', undefined, staff.token);
    expect(reply.status).toBe(200);
    expect(reply.body.stock.available).toBeGreaterThanOrEqual(2);
    expect(reply.body.myCommissionThisMonth).toBe('0.00');
    expect((await rest('GET', '/admin/dashboard', undefined, client.token)).status).toBe(403);
    expect((await rest('GET', '/admin/dashboard')).status).toBe(401);
  });
});
