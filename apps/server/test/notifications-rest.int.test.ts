import { enqueue } from '@carhub/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/config';
import { startTestServer, type TestServer, waitFor } from './helpers';
import { registerOverRest, restClient } from './rest-client';

let server: TestServer;
let rest: ReturnType<typeof restClient>;
let ann: { id: string; token: string };
let ben: { id: string; token: string };

const notificationFields = ['body', 'createdAt', 'data', 'id', 'link', 'readAt', 'title', 'type'];
const webhookFields = [
  'createdAt',
  'description',
  'disabledAt',
  'disabledReason',
  'events',
  'firstFailureAt',
  'id',
  'isActive',
  'updatedAt',
  'url',
];

const sale = (recipients: string[], carLabel: string) =>
  ({
    type: 'sale.created',
    recipients,
    payload: {
      saleId: crypto.randomUUID(),
      carId: crypto.randomUUID(),
      garageCarId: crypto.randomUUID(),
      carLabel,
      price: '9.99',
    },
  }) as const;

async function unread(token: string): Promise<number> {
  return (await rest('GET', '/notifications/unread-count', undefined, token)).body.count;
}

beforeAll(async () => {
  // The server's own worker delivers, as it does by default.
  server = await startTestServer({ notifications: { ...testConfig().notifications, pollIntervalMs: 50 } });
  rest = restClient(server.url);
  ann = await registerOverRest(rest, 'ann');
  ben = await registerOverRest(rest, 'ben');
  // One event per transaction, so each has its own creation time: the newest is "car 2".
  for (const label of ['car 0', 'car 1', 'car 2']) {
    await server.database.db.transaction().execute((trx) => enqueue(trx, sale([ann.id], label)));
  }
  await server.database.db.transaction().execute((trx) => enqueue(trx, sale([ben.id], 'ben car')));
  await waitFor(
    async () => (await unread(ann.token)) === 3 && (await unread(ben.token)) === 1,
    15_000,
    'the worker to deliver the notifications',
  );
});
afterAll(() => server?.close());

describe('notifications over REST', () => {
  it("GET /api/notifications: the caller's own, newest first, with the contract's fields", async () => {
    const mine = await rest('GET', '/notifications', undefined, ann.token);
    expect(mine.status).toBe(200);
    expect(Object.keys(mine.body).sort()).toEqual(['items', 'nextCursor']);
    expect(mine.body.nextCursor).toBeNull();
    expect(mine.body.items).toHaveLength(3);
    for (const item of mine.body.items) expect(Object.keys(item).sort()).toEqual(notificationFields);
    expect(mine.body.items.map((n: { body: string }) => /car \d/.exec(n.body)?.[0])).toEqual([
      'car 2',
      'car 1',
      'car 0',
    ]);
    expect(mine.body.items[0]).toMatchObject({ type: 'sale.created', readAt: null, data: { carLabel: 'car 2' } });
    expect(new Date(mine.body.items[0].createdAt).toISOString()).toBe(mine.body.items[0].createdAt);

    const theirs = await rest('GET', '/notifications', undefined, ben.token);
    expect(theirs.body.items).toHaveLength(1);
    expect(theirs.body.items[0].data.carLabel).toBe('ben car');

    const first = await rest('GET', '/notifications?limit=2', undefined, ann.token);
    expect(first.body.items).toHaveLength(2);
    const second = await rest(
      'GET',
      `/notifications?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      undefined,
      ann.token,
    );
    expect(second.status).toBe(200);
    expect(second.body.items.map((n: { id: string }) => n.id)).toEqual([mine.body.items[2].id]);
    expect(second.body.nextCursor).toBeNull();
    // Ann's cursor in Ben's hands is only a position: it lists nothing of hers.
    const borrowed = await rest(
      'GET',
      `/notifications?cursor=${encodeURIComponent(first.body.nextCursor)}`,
      undefined,
      ben.token,
    );
    expect(borrowed.status).toBe(200);
    expect(borrowed.body.items.some((n: { data: { carLabel: string } }) => n.data.carLabel !== 'ben car')).toBe(false);
  });

  it('unread-count and POST /api/notifications/read: only ever the caller’s own rows', async () => {
    const list = await rest('GET', '/notifications', undefined, ann.token);
    const [newest, ...older] = list.body.items.map((n: { id: string }) => n.id) as string[];
    expect(await rest('GET', '/notifications/unread-count', undefined, ann.token)).toMatchObject({
      status: 200,
      body: { count: 3 },
    });

    // Ben marking Ann's ids changes nothing of hers.
    const foreign = await rest('POST', '/notifications/read', { ids: [newest] }, ben.token);
    expect(foreign).toMatchObject({ status: 200, body: { updated: 0 } });
    expect(await unread(ann.token)).toBe(3);

    expect(await rest('POST', '/notifications/read', { ids: [newest] }, ann.token)).toMatchObject({
      status: 200,
      body: { updated: 1 },
    });
    expect(await unread(ann.token)).toBe(2);
    const unreadOnly = await rest('GET', '/notifications?unread=true', undefined, ann.token);
    expect(unreadOnly.body.items.map((n: { id: string }) => n.id)).toEqual(older);
    // "false" in a query string means false, not a truthy string.
    const all = await rest('GET', '/notifications?unread=false', undefined, ann.token);
    expect(all.body.items).toHaveLength(3);
    expect(all.body.items[0].readAt).not.toBeNull();

    expect(await rest('POST', '/notifications/read', { all: true }, ann.token)).toMatchObject({
      status: 200,
      body: { updated: 2 },
    });
    expect(await unread(ann.token)).toBe(0);
    expect(await unread(ben.token)).toBe(1);
  });

  it('401 without a valid token; 400 for bad input, never 500', async () => {
    expect((await rest('GET', '/notifications')).status).toBe(401);
    expect((await rest('GET', '/notifications/unread-count')).status).toBe(401);
    expect((await rest('POST', '/notifications/read', { all: true })).status).toBe(401);
    expect((await rest('GET', '/notifications', undefined, 'not-a-real-token')).status).toBe(401);

    const malformed = await rest('POST', '/notifications/read', { ids: ['not-a-uuid'] }, ann.token);
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.data.fieldErrors)).toEqual(['ids.0']);
    for (const body of [{}, { ids: [crypto.randomUUID()], all: true }, { ids: [] }, { all: 'yes' }, { all: 'false' }]) {
      const reply = await rest('POST', '/notifications/read', body, ben.token);
      expect({ body, status: reply.status }).toEqual({ body, status: 400 });
    }
    expect(await unread(ben.token)).toBe(1);
    for (const query of ['limit=0', 'limit=101', 'unread=maybe', 'cursor=tampered', 'sort=title']) {
      const reply = await rest('GET', `/notifications?${query}`, undefined, ann.token);
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
      expect(JSON.stringify(reply.body)).not.toContain('stack');
    }
  });
});

describe('the OpenAPI document of these routes', () => {
  it('lists the statuses each can answer', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path]?.[method]?.responses ?? {});
    const signedIn = ['200', '400', '401', '500'];
    // A body is read: it may be too large (413) or not JSON (415).
    const withBody = (list: string[]) => [...list, '413', '415'].sort((a, b) => Number(a) - Number(b));
    expect(statuses('/notifications', 'get')).toEqual(signedIn);
    expect(statuses('/notifications/unread-count', 'get')).toEqual(signedIn);
    expect(statuses('/notifications/read', 'post')).toEqual(withBody(signedIn));
    expect(statuses('/admin/webhooks', 'get')).toEqual(['200', '400', '401', '403', '500']);
    expect(statuses('/admin/webhooks', 'post')).toEqual(withBody(['200', '400', '401', '403', '500']));
    expect(statuses('/admin/webhooks/{id}', 'patch')).toEqual(withBody(['200', '400', '401', '403', '404', '500']));
    for (const [path, method] of [
      ['/admin/webhooks/{id}', 'delete'],
      ['/admin/webhooks/{id}/deliveries', 'get'],
    ] as const) {
      expect(statuses(path, method)).toEqual(['200', '400', '401', '403', '404', '500']);
    }
    expect(statuses('/auth/password-reset', 'post')).toEqual(withBody(['200', '400', '429', '500']));
    expect(statuses('/auth/password-reset/confirm', 'post')).toEqual(withBody(['200', '400', '429', '500']));
  });
});

describe('admin.webhooks over REST', () => {
  let admin: { id: string; token: string };
  beforeAll(async () => {
    admin = await registerOverRest(rest, 'hookadmin');
    await server.database.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  });

  it('401 signed out, 403 for a client on every route, whatever the id', async () => {
    const id = crypto.randomUUID();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/admin/webhooks'],
      ['POST', '/admin/webhooks', { url: 'https://example.com/hook', events: ['sale.created'] }],
      ['PATCH', `/admin/webhooks/${id}`, { isActive: false }],
      ['DELETE', `/admin/webhooks/${id}`],
      ['GET', `/admin/webhooks/${id}/deliveries`],
    ];
    for (const [method, path, body] of routes) {
      expect({ method, path, status: (await rest(method, path, body)).status }).toEqual({ method, path, status: 401 });
      expect({ method, path, status: (await rest(method, path, body, ann.token)).status }).toEqual({
        method,
        path,
        status: 403,
      });
    }
    expect((await rest('GET', '/admin/webhooks', undefined, admin.token)).body.items).toEqual([]);
  });

  it('create shows the secret once; list, update and the delivery log never do', async () => {
    const created = await rest(
      'POST',
      '/admin/webhooks',
      { url: `${server.url}/hook-that-is-not-there`, events: ['sale.created'], description: 'our CRM' },
      admin.token,
    );
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual([...webhookFields, 'secret'].sort());
    expect(created.body).toMatchObject({ isActive: true, events: ['sale.created'], description: 'our CRM' });
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    const id: string = created.body.id;

    const chosen = await rest(
      'POST',
      '/admin/webhooks',
      { url: 'http://127.0.0.1:9/other', events: ['booking.created'], secret: 'a-secret-of-16-chars' },
      admin.token,
    );
    expect(chosen.body.secret).toBe('a-secret-of-16-chars');

    const listed = await rest('GET', '/admin/webhooks', undefined, admin.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([id, chosen.body.id]);
    for (const item of listed.body.items) expect(Object.keys(item).sort()).toEqual(webhookFields);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain('a-secret-of-16-chars');

    const rotated = await rest(
      'PATCH',
      `/admin/webhooks/${chosen.body.id}`,
      { secret: 'a-rotated-secret-of-16', events: ['booking.created', 'sale.created'] },
      admin.token,
    );
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body).sort()).toEqual(webhookFields);
    expect(rotated.body.events).toEqual(['booking.created', 'sale.created']);
    expect(JSON.stringify(rotated.body)).not.toContain('a-rotated-secret-of-16');

    // A real attempt: the server itself is the receiver, and it has no such route (404).
    await server.database.db.transaction().execute((trx) => enqueue(trx, sale([], 'hooked car')));
    const deliveries = () => rest('GET', `/admin/webhooks/${id}/deliveries`, undefined, admin.token);
    await waitFor(async () => (await deliveries()).body.items.length > 0, 15_000, 'the first attempt');
    const log = await deliveries();
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(Object.keys(log.body.items[0]).sort()).toEqual(
      [
        'attempt',
        'createdAt',
        'deliveryId',
        'deliveryStatus',
        'durationMs',
        'error',
        'eventId',
        'eventType',
        'id',
        'statusCode',
      ].sort(),
    );
    expect(log.body.items[0]).toMatchObject({
      attempt: 1,
      statusCode: 404,
      eventType: 'sale.created',
      deliveryStatus: 'pending',
    });
    expect(JSON.stringify(log.body)).not.toContain(secret);

    expect(await rest('DELETE', `/admin/webhooks/${id}`, undefined, admin.token)).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect((await rest('DELETE', `/admin/webhooks/${id}`, undefined, admin.token)).status).toBe(404);
    expect((await rest('PATCH', `/admin/webhooks/${id}`, { isActive: true }, admin.token)).status).toBe(404);
    expect((await rest('GET', `/admin/webhooks/${id}/deliveries`, undefined, admin.token)).status).toBe(404);
  });

  it('400 for a malformed id or body, field by field, never 500', async () => {
    for (const [method, path, body] of [
      ['PATCH', '/admin/webhooks/not-a-uuid', { isActive: false }],
      ['DELETE', '/admin/webhooks/not-a-uuid', undefined],
      ['GET', '/admin/webhooks/not-a-uuid/deliveries', undefined],
      ['GET', '/admin/webhooks/1234/deliveries', undefined],
    ] as const) {
      const reply = await rest(method, path, body, admin.token);
      expect({ method, path, status: reply.status }).toEqual({ method, path, status: 400 });
      expect(reply.body.data.fieldErrors).toEqual({ id: ['Not a webhook id.'] });
    }
    const bad = async (body: unknown, field: string) => {
      const reply = await rest('POST', '/admin/webhooks', body, admin.token);
      expect({ field, status: reply.status }).toEqual({ field, status: 400 });
      expect(Object.keys(reply.body.data.fieldErrors)).toEqual([field]);
    };
    await bad({ url: 'ftp://example.com/x', events: ['sale.created'] }, 'url');
    await bad({ url: 'https://example.com/x', events: [] }, 'events');
    await bad({ url: 'https://example.com/x', events: ['password_reset.requested'] }, 'events.0');
    await bad({ url: 'https://example.com/x', events: ['sale.created'], secret: 'short' }, 'secret');
    // Not a truthy string either: the REST adapter would coerce a plain boolean ("false" -> true).
    await bad({ url: 'https://example.com/x', events: ['sale.created'], isActive: 'false' }, 'isActive');
    const created = await rest(
      'POST',
      '/admin/webhooks',
      { url: 'https://example.com/x', events: ['sale.created'], isActive: false },
      admin.token,
    );
    expect(created).toMatchObject({ status: 200, body: { isActive: false } });
    const patched = await rest('PATCH', `/admin/webhooks/${created.body.id}`, { isActive: 'false' }, admin.token);
    expect(patched.status).toBe(400);
    expect(Object.keys(patched.body.data.fieldErrors)).toEqual(['isActive']);
    await rest('DELETE', `/admin/webhooks/${created.body.id}`, undefined, admin.token);
    expect((await rest('GET', '/admin/webhooks?limit=0', undefined, admin.token)).status).toBe(400);
    expect((await rest('GET', '/admin/webhooks?cursor=tampered', undefined, admin.token)).status).toBe(400);
  });
});
