import { createTestDatabase, type TestDatabase } from '@carhub/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/domain/notifications/enqueue';
import { callerFor, setRole, signUp } from './helpers';
import { drain, testWorker } from './notify-helpers';

let t: TestDatabase;
let ann: Awaited<ReturnType<typeof signUp>>;
let ben: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestDatabase();
  ann = await signUp(t.db);
  ben = await signUp(t.db);
  // 25 sales for ann, one for ben; each event its own transaction, so creation times differ or tie by id.
  for (let i = 0; i < 25; i += 1) {
    const recipients = i === 0 ? [ann.user.id, ben.user.id] : [ann.user.id];
    await t.db.transaction().execute((trx) =>
      enqueue(trx, {
        type: 'sale.created',
        recipients,
        payload: {
          saleId: crypto.randomUUID(),
          carId: crypto.randomUUID(),
          garageCarId: crypto.randomUUID(),
          carLabel: `car ${i}`,
          price: '100.00',
        },
      }),
    );
  }
  await drain(testWorker(t.db));
});
afterAll(() => t.destroy());

describe('notifications.*', () => {
  it("lists the signed-in user's notifications newest first, page by page, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ann.caller.notifications.list({ limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const all = await ann.caller.notifications.list({ limit: 100 });
    expect(all.items.map((n) => n.id)).toEqual(seen);
    expect(all.items[0]?.body).toContain('car 24');
    expect(all.nextCursor).toBeNull();
    expect((await ben.caller.notifications.list({})).items).toHaveLength(1);
  });

  it('counts unread, marks some or all read, and filters unread', async () => {
    expect(await ann.caller.notifications.unreadCount()).toEqual({ count: 25 });
    const first = await ann.caller.notifications.list({ limit: 3 });
    const ids = first.items.map((n) => n.id);
    // Someone else's ids change nothing.
    expect(await ben.caller.notifications.markRead({ ids })).toEqual({ updated: 0 });
    expect(await ann.caller.notifications.markRead({ ids })).toEqual({ updated: 3 });
    expect(await ann.caller.notifications.unreadCount()).toEqual({ count: 22 });
    const unread = await ann.caller.notifications.list({ unread: true, limit: 100 });
    expect(unread.items).toHaveLength(22);
    expect(unread.items.some((n) => ids.includes(n.id))).toBe(false);
    expect(unread.items.every((n) => n.readAt === null)).toBe(true);
    expect(await ann.caller.notifications.markRead({ all: true })).toEqual({ updated: 22 });
    expect(await ann.caller.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await ben.caller.notifications.unreadCount()).toEqual({ count: 1 });
  });

  it("refuses a tampered cursor and a signed-out caller; another user's cursor shows nothing of theirs", async () => {
    const page = await ann.caller.notifications.list({ limit: 1 });
    const bad = async (cursor: string) => {
      const error = await ben.caller.notifications.list({ cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
    };
    // A cursor is only a position in the sort order: used by someone else it still lists only their own rows.
    const borrowed = await ben.caller.notifications.list({ cursor: page.nextCursor, limit: 100 });
    const annIds = new Set((await ann.caller.notifications.list({ limit: 100 })).items.map((n) => n.id));
    expect(borrowed.items.some((n) => annIds.has(n.id))).toBe(false);
    await bad('not-a-cursor');
    await bad(Buffer.from(JSON.stringify({ s: 'createdAt', id: crypto.randomUUID() })).toString('base64url'));
    const anonymous = await callerFor(t.db);
    await expect(anonymous.notifications.unreadCount()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('admin.webhooks.*', () => {
  it('only admins; the secret shows once; URLs are checked; updates and deletes work', async () => {
    await expect(ann.caller.admin.webhooks.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const boss = await signUp(t.db);
    await setRole(t.db, boss.user.id, 'admin');
    const strict = await callerFor(t.db, { token: boss.token });
    await expect(
      strict.admin.webhooks.create({ url: 'http://127.0.0.1:9/x', events: ['sale.created'] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('private or loopback'),
    });
    await expect(
      strict.admin.webhooks.create({ url: 'ftp://example.com/x', events: ['sale.created'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      strict.admin.webhooks.create({
        url: 'https://93.184.216.34/x',
        events: ['password_reset.requested' as 'sale.created'],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const admin = await callerFor(t.db, { token: boss.token, settings: { webhookAllowPrivateTargets: true } });
    const created = await admin.admin.webhooks.create({
      url: 'http://127.0.0.1:9/x',
      events: ['sale.created'],
      secret: 'a-secret-of-16-chars',
    });
    expect(created.secret).toBe('a-secret-of-16-chars');
    const generated = await admin.admin.webhooks.create({ url: 'http://127.0.0.1:9/y', events: ['booking.created'] });
    expect(generated.secret).toMatch(/^whsec_/);
    const listed = await admin.admin.webhooks.list({});
    expect(listed.items.map((w) => w.id)).toEqual([created.id, generated.id]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect(JSON.stringify(listed)).not.toContain('a-secret-of-16-chars');

    const updated = await admin.admin.webhooks.update({
      id: created.id,
      events: ['sale.created', 'booking.approved'],
      isActive: false,
    });
    expect(updated).toMatchObject({ isActive: false, events: ['sale.created', 'booking.approved'] });
    expect(updated).not.toHaveProperty('secret');
    await admin.admin.webhooks.delete({ id: generated.id });
    await expect(admin.admin.webhooks.delete({ id: generated.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.admin.webhooks.deliveries({ id: generated.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.admin.webhooks.deliveries({ id: created.id })).items).toEqual([]);
  });
});
