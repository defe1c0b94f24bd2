/**
 * The showroom desk end to end: a real server (`pnpm start`, fresh embedded database with the
 * demo data) and Chromium. A customer asks for a test drive; staff work the desk; an admin
 * deactivates a user and finds it in the audit log; axe-core on every /admin page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, type Running, screenshot, startConsole } from './harness';

let app: Running;
const contexts: BrowserContext[] = [];
const DEMO_PASSWORD = 'carhub-demo-2026';

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) return;
  app = await startConsole();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await app?.stop();
}, 60_000);

async function newPage(width = 1440, height = 900): Promise<Page> {
  const context = await app.browser.newContext({ baseURL: app.url, viewport: { width, height } });
  contexts.push(context);
  return context.newPage();
}

/** No serious or critical axe-core violation on the page, or only inside `within` (an open dialog). */
async function expectAccessible(page: Page, name: string, within?: string) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-sonner-toast][data-visible="true"][data-removed="false"]')].every(
        (t) => getComputedStyle(t).opacity === '1',
      ),
    undefined,
    { timeout: 10_000 },
  );
  // Behind an open dialog the page is inert under a dimming overlay: scan what the user can reach.
  const builder = new AxeBuilder({ page });
  const results = await (within ? builder.include(within) : builder).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

async function expectToast(page: Page, text: string | RegExp) {
  await page.locator('[data-sonner-toast]').filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function signIn(page: Page, identifier: string) {
  await page.goto('/login');
  await page.getByLabel('Username or e-mail').fill(identifier);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A call to the REST API from the signed-in page (its cookie and Origin), as the console's own calls go. */
function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

const header = 'make,model,year,fuelType,bodyType,transmission,price,licensePlate\n';
function importFile(badRow: boolean): Buffer {
  const rows = Array.from({ length: 20 }, (_, i) => {
    const year = badRow && i === 6 ? 'twenty' : String(2015 + (i % 8));
    return `Importa,Model ${i + 1},${year},petrol,hatchback,manual,${9000 + i * 250},IMP-E2E-${i + 1}`;
  });
  return Buffer.from(header + rows.join('\n'));
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the showroom desk', () => {
  let staff: Page;
  let bob: Page;
  let drive: { carId: string; title: string };

  it('a customer asks for a test drive; staff see it on the dashboard and approve it from the queue', async () => {
    bob = await newPage();
    await signIn(bob, 'bob');
    const cars = await api<{ items: { id: string; year: number; make: string; model: string }[] }>(
      bob,
      'GET',
      '/inventory?limit=30&sort=-price',
    );
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    let booked = false;
    for (const car of cars.items) {
      const slots = await api<{ slots: { startAt: string }[] }>(
        bob,
        'GET',
        `/inventory/${car.id}/slots?date=${tomorrow}`,
      );
      const slot = slots.slots.at(-1);
      if (!slot) continue;
      await api(bob, 'POST', '/bookings', { carId: car.id, kind: 'test_drive', startAt: slot.startAt });
      drive = { carId: car.id, title: `${car.year} ${car.make} ${car.model}` };
      booked = true;
      break;
    }
    expect(booked).toBe(true);

    staff = await newPage();
    await signIn(staff, 'sam');
    await staff.waitForURL('**/admin');
    const pending = staff
      .getByRole('region', { name: 'Pending requests' })
      .or(staff.locator('section').filter({ hasText: 'Pending requests' }));
    await pending.getByText(drive.title).first().waitFor();
    await screenshot(staff, 'admin-dashboard');

    await staff.keyboard.press('?');
    await staff.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await staff.keyboard.press('Escape');
    await staff.keyboard.press('b');
    await staff.waitForURL('**/admin/bookings');
    const queue = staff.getByRole('region', { name: 'Waiting for approval' });
    await queue
      .getByRole('button', { name: new RegExp(`^Approve: ${drive.title}`) })
      .first()
      .click();
    await expectToast(staff, 'Approved');
    await screenshot(staff, 'admin-bookings');

    await bob.goto('/notifications');
    await bob
      .getByText(/approved/i)
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it('adds a stock car, marks two cars sold in one go', async () => {
    await staff.goto('/admin');
    await staff.getByRole('heading', { name: 'Showroom desk' }).waitFor();
    await staff.keyboard.press('n');
    await staff.waitForURL('**/admin/stock**');
    const dialog = staff.getByRole('dialog', { name: 'Add a stock car' });
    await dialog.waitFor();
    await dialog.getByLabel('Make').fill('Deskmade');
    await dialog.getByLabel('Model').fill('One');
    await dialog.getByLabel('Year').fill('2022');
    await dialog.getByLabel('Price (EUR)').fill('21500');
    await dialog.getByLabel('Licence plate').fill('DESK-1');
    await dialog.getByRole('button', { name: 'Add to stock' }).click();
    await expectToast(staff, 'Added to stock.');

    await staff.getByLabel('Search').fill('Deskmade');
    await staff.getByRole('cell', { name: '2022 Deskmade One', exact: true }).waitFor();
    await staff.getByLabel('Search').fill('');
    await staff.getByLabel('Status').selectOption('available');
    const boxes = staff.getByRole('region', { name: 'Stock cars' }).getByRole('checkbox', { name: /^Select (?!all)/ });
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await staff.getByLabel('New status').selectOption('sold');
    await staff.getByRole('button', { name: 'Set status of 2' }).click();
    await expectToast(staff, '2 cars marked sold.');
  });

  it('imports 20 cars from CSV after a dry run showed the one bad row', async () => {
    await staff.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Import stock from CSV' });
    await dialog
      .getByLabel('CSV file')
      .setInputFiles({ name: 'cars.csv', mimeType: 'text/csv', buffer: importFile(true) });
    await dialog.getByRole('button', { name: 'Check the file' }).click();
    const errors = dialog.getByRole('region', { name: 'Row errors' });
    await errors.getByRole('cell', { name: 'Year must be a number.' }).waitFor();
    // The header row and the one bad row; nothing can be imported yet.
    expect(await errors.getByRole('row').count()).toBe(2);
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshot(staff, 'admin-stock-import-errors');
    await dialog
      .getByLabel('CSV file')
      .setInputFiles({ name: 'cars.csv', mimeType: 'text/csv', buffer: importFile(false) });
    await dialog.getByRole('button', { name: 'Check the file' }).click();
    await dialog.getByRole('button', { name: 'Import 20 cars' }).click();
    await expectToast(staff, 'Imported 20 cars.');
    await staff.getByLabel('Status').selectOption('');
    await staff.getByLabel('Search').fill('Importa');
    await staff.getByRole('cell', { name: '2018 Importa Model 20', exact: true }).waitFor();
    await screenshot(staff, 'admin-stock');
  });

  it('sells a car with the commission shown first, then opens their metrics', async () => {
    await staff.goto('/admin/sales?new=true');
    const dialog = staff.getByRole('dialog', { name: 'New sale' });
    await dialog.getByLabel('Stock car').selectOption({ index: 1 });
    await dialog.getByLabel('Customer').selectOption({ index: 1 });
    await dialog.getByLabel('Price (EUR)').fill('20000');
    await dialog.getByText('Your commission: €1,000.00').waitFor();
    await screenshot(staff, 'admin-sale-form');
    await dialog.getByRole('button', { name: 'Record the sale' }).click();
    await expectToast(staff, 'Sold. Your commission: €1,000.00.');

    await staff.goto('/admin/staff');
    await staff.getByRole('button', { name: 'My metrics' }).click();
    const metrics = staff.getByRole('dialog', { name: /^Metrics: / });
    await metrics.getByText('Commission').waitFor();
    await screenshot(staff, 'admin-metrics');
  });

  it('an admin deactivates a user and finds it in the audit log; a client is sent away', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin');
    await admin.goto('/admin/users');
    await admin.getByLabel('Search').fill('alice');
    await admin.getByRole('button', { name: 'Deactivate alice' }).click();
    await expectToast(admin, 'alice is deactivated');
    await admin.goto('/admin/audit');
    await admin.getByLabel('Entity', { exact: true }).selectOption('user');
    await admin.getByText('isActive:').first().waitFor();
    await screenshot(admin, 'admin-audit');

    await bob.goto('/admin');
    await bob.getByRole('heading', { name: 'This page is for showroom staff' }).waitFor();
  });

  it('an admin changes the showroom settings and they are kept; staff are told it is for admins', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin');
    await admin.goto('/admin');
    await admin.getByRole('navigation', { name: 'Showroom desk' }).getByRole('link', { name: 'Showroom' }).click();
    await admin.waitForURL('**/admin/showroom');
    await admin.getByLabel('Time zone').fill('Mars/Olympus');
    await admin.getByLabel('Monday opens').fill('18:00');
    await admin.getByRole('button', { name: 'Save the settings' }).click();
    await admin.getByText('timeZone must be an IANA time zone').waitFor();
    await admin.getByText('A range must end after it starts').waitFor();
    await screenshot(admin, 'admin-showroom-refused');
    await admin.getByLabel('Monday opens').fill('09:00');
    await admin.getByRole('button', { name: 'Add hours on Tuesday' }).click();
    await admin.getByLabel('Tuesday opens').nth(1).fill('16:00');
    await admin.getByLabel('Tuesday closes').nth(1).fill('19:00');
    await admin.getByRole('button', { name: 'Save the settings' }).click();
    await admin.getByText('Ranges overlap: 09:00-17:00 and 16:00-19:00.').waitFor();
    await admin.getByLabel('Tuesday opens').nth(1).fill('17:30');
    await admin.getByLabel('Time zone').fill('Europe/Berlin');
    await admin.getByLabel('Buffer (minutes)').fill('25');
    await admin.getByLabel('Date to close').fill('2027-12-24');
    await admin.getByRole('button', { name: 'Add the date' }).click();
    await admin.getByRole('button', { name: 'Remove Saturday 1' }).click();
    await admin.getByText('Closed', { exact: true }).waitFor();
    await screenshot(admin, 'admin-showroom');
    await admin.getByRole('button', { name: 'Save the settings' }).click();
    await expectToast(admin, 'Showroom settings saved.');

    await admin.reload();
    await expect.poll(() => admin.getByLabel('Buffer (minutes)').inputValue(), { timeout: 15_000 }).toBe('25');
    await admin.getByRole('list', { name: 'Closed dates' }).getByText('2027-12-24').waitFor();
    const saved = await api<{ bufferMinutes: number; closedDates: string[]; openingHours: Record<string, unknown[]> }>(
      admin,
      'GET',
      '/admin/showroom',
    );
    expect(saved.bufferMinutes).toBe(25);
    expect(saved.closedDates).toContain('2027-12-24');
    expect(saved.openingHours.sat).toEqual([]);
    expect(saved.openingHours.tue).toEqual([
      { from: '09:00', to: '17:00' },
      { from: '17:30', to: '19:00' },
    ]);

    await staff.goto('/admin/showroom');
    await staff.getByRole('heading', { name: 'This page is for admins' }).waitFor();
  });

  it('every /admin page passes axe and fits 375 px', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin');
    const narrow = await newPage(375, 800);
    await signIn(narrow, 'admin');
    for (const path of [
      '/admin',
      '/admin/bookings',
      '/admin/stock',
      '/admin/sales',
      '/admin/staff',
      '/admin/users',
      '/admin/audit',
      '/admin/webhooks',
      '/admin/showroom',
    ]) {
      await admin.goto(path);
      await admin.getByRole('navigation', { name: 'Showroom desk' }).waitFor();
      await admin.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'), undefined, {
        timeout: 15_000,
      });
      await expectAccessible(admin, path);
      await narrow.goto(path);
      await narrow.getByRole('navigation', { name: 'Showroom desk' }).waitFor();
      await narrow.waitForFunction(() => !document.querySelector('[role="status"][aria-label^="Loading"]'), undefined, {
        timeout: 15_000,
      });
      expect(await horizontalOverflow(narrow), path).toBeLessThanOrEqual(0);
      await screenshot(narrow, `admin-375${path.replaceAll('/', '-')}`);
    }
    await admin.goto('/admin/webhooks');
    await admin.getByLabel('Endpoint URL').fill('https://hooks.example.com/carhub');
    await admin.getByRole('button', { name: 'Add the endpoint' }).click();
    await admin.getByRole('dialog', { name: 'The signing secret' }).waitFor();
    await expectAccessible(admin, 'webhook secret', '[role="dialog"]');
  });
});
