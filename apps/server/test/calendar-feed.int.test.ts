import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { registerOverRest, restClient } from './rest-client';

/** Bookings over REST and the calendar feed a calendar app subscribes to, on a real server. */
let server: TestServer;
let rest: ReturnType<typeof restClient>;
let owner: { id: string; token: string };
let stranger: { id: string; token: string };
let carId: string;

/** A date some days ahead, in UTC (the server's showroom zone here). */
function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  server = await startTestServer({ showroomTimeZone: 'UTC' });
  rest = restClient(server.url);
  owner = await registerOverRest(rest, 'owner');
  stranger = await registerOverRest(rest, 'stranger');
  const car = await rest(
    'POST',
    '/cars',
    { make: 'Volkswagen', model: 'Transporter', year: 2019, licensePlate: 'B-CH 42' },
    owner.token,
  );
  carId = car.body.id;
});
afterAll(() => server.close());

/** GET a feed the way a calendar app does: no headers, no cookies. */
async function fetchFeed(url: string) {
  const path = new URL(url).pathname;
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function parseEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      allDay: event.startDate.isDate,
      start: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
      end: event.endDate.isDate ? event.endDate.toString() : event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue('status'),
    };
  });
}

describe('bookings over REST', () => {
  it('creates, clashes with 409, lists by window, refuses a malformed id with 400', async () => {
    const day = daysAhead(10);
    const created = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'rental', startAt: `${day}T08:00:00.000Z`, endAt: `${day}T12:00:00.000Z`, renterName: 'Ann' },
      owner.token,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'approved', startAt: `${day}T08:00:00.000Z`, startDate: null });
    const clash = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'rental', startAt: `${day}T11:59:00.000Z`, endAt: `${day}T13:00:00.000Z` },
      owner.token,
    );
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain(`${day}T08:00:00.000Z`);
    const listed = await rest(
      'GET',
      `/bookings?from=${day}T12:00:00.000Z&kind=rental&carId=${carId}`,
      undefined,
      owner.token,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    const inWindow = await rest(
      'GET',
      `/bookings?from=${day}T11:00:00.000Z&to=${day}T11:30:00.000Z`,
      undefined,
      owner.token,
    );
    expect(inWindow.body.items.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    expect((await rest('GET', `/bookings/${created.body.id}`, undefined, stranger.token)).status).toBe(404);
    expect((await rest('GET', '/bookings/not-a-uuid', undefined, owner.token)).status).toBe(400);
    const cancelled = await rest('POST', `/bookings/${created.body.id}/cancel`, { reason: 'Done' }, owner.token);
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
  });
});

describe('calendar feed', () => {
  it('serves the car’s active bookings as iCalendar to a client with no headers; rotating kills the old URL', async () => {
    const [d1, d2, d3] = [daysAhead(20), daysAhead(22), daysAhead(25)];
    const days = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'rental', startDate: d1, endDate: d2, renterName: 'Smith; Sons, Ltd' },
      owner.token,
    );
    const hours = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'rental', startAt: `${d3}T09:15:00.000Z`, endAt: `${d3}T17:45:00.000Z` },
      owner.token,
    );
    const gone = await rest(
      'POST',
      '/bookings',
      { carId, kind: 'rental', startAt: `${d3}T18:00:00.000Z`, endAt: `${d3}T19:00:00.000Z` },
      owner.token,
    );
    await rest('POST', `/bookings/${gone.body.id}/cancel`, {}, owner.token);

    const first = await rest('POST', `/cars/${carId}/calendar-url`, {}, owner.token);
    expect(first.status).toBe(200);
    expect(first.body.url).toMatch(/\/api\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    // Asked again, the same URL (the secret is derived, only its hash stored).
    expect((await rest('POST', `/cars/${carId}/calendar-url`, {}, owner.token)).body.url).toBe(first.body.url);
    const secret = /calendars\/(.+)\.ics$/.exec(first.body.url)?.[1] ?? '';
    const stored = await server.database.db.selectFrom('calendarFeeds').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const feed = await fetchFeed(first.body.url);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('text/calendar');
    expect(feed.text).toContain('\r\n');
    const endAfter = (date: string) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(parseEvents(feed.text)).toEqual([
      {
        uid: `${days.body.id}@carhub`,
        summary: 'Rental: Smith; Sons, Ltd',
        allDay: true,
        start: d1,
        end: endAfter(d2),
        status: 'CONFIRMED',
      },
      {
        uid: `${hours.body.id}@carhub`,
        summary: 'Rental: Rest User',
        allDay: false,
        start: `${d3}T09:15:00.000Z`,
        end: `${d3}T17:45:00.000Z`,
        status: 'CONFIRMED',
      },
    ]);

    const rotated = await rest('POST', `/cars/${carId}/calendar-url`, { rotate: true }, owner.token);
    expect(rotated.body.url).not.toBe(first.body.url);
    expect((await fetchFeed(first.body.url)).status).toBe(404);
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);

    // The secret is a credential: the request log shows the route, never the secret.
    const newSecret = /calendars\/(.+)\.ics$/.exec(rotated.body.url)?.[1] ?? '';
    expect(server.logs.text).toContain('/api/calendars/[redacted].ics');
    expect(server.logs.text).not.toContain(secret);
    expect(server.logs.text).not.toContain(newSecret);
  });

  it('is the owner’s: another client gets 404, a client asking for stock gets 403, a bad secret 404', async () => {
    expect((await rest('POST', `/cars/${carId}/calendar-url`, {}, stranger.token)).status).toBe(404);
    const staffUser = await registerOverRest(rest, 'staff');
    await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staffUser.id).execute();
    const stock = await rest(
      'POST',
      '/inventory',
      {
        make: 'Seat',
        model: 'Leon',
        year: 2023,
        fuelType: 'petrol',
        bodyType: 'hatchback',
        transmission: 'manual',
        price: '21000',
      },
      staffUser.token,
    );
    expect((await rest('POST', `/cars/${stock.body.id}/calendar-url`, {}, stranger.token)).status).toBe(403);
    const staffUrl = await rest('POST', `/cars/${stock.body.id}/calendar-url`, {}, staffUser.token);
    expect(staffUrl.status).toBe(200);
    const empty = await fetchFeed(staffUrl.body.url);
    expect(parseEvents(empty.text)).toEqual([]);
    expect((await fetch(`${server.url}/api/calendars/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/calendars/nonsense`)).status).toBe(404);
    const slots = await rest('GET', `/inventory/${stock.body.id}/slots?date=${daysAhead(3)}`);
    expect(slots.status).toBe(200);
    expect(slots.body).toMatchObject({ date: daysAhead(3), timeZone: 'UTC' });
    expect(slots.body.slots).toHaveLength(8);
    expect(slots.body.slots[0]).toMatchObject({ localTime: '09:00', startAt: `${daysAhead(3)}T09:00:00.000Z` });
  });

  it('appears in /openapi.json', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/calendars/{secret}.ics',
        '/bookings',
        '/bookings/{id}/no-show',
        '/inventory/{carId}/slots',
      ]),
    );
  });
});
