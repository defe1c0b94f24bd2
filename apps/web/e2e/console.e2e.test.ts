/**
 * The console end to end, as people use it: real server (`pnpm start`, fresh embedded
 * database with the demo data), real Chromium. Each step reads like what a user does.
 */
import { describe, expect, it } from 'vitest';
import { horizontalOverflow, openConsole, screenshot } from './harness';
import { expectAccessible, expectToast, isoDate, PASSWORD, register, signIn } from './people';

const { app, newPage } = openConsole();

const erin = { first: 'Erin', username: 'erin_e2e', email: 'erin@e2e.test' };
const finn = { first: 'Finn', username: 'finn_e2e', email: 'finn@e2e.test' };
let carUrl = '';
const driveDay = isoDate(9);

// The PostgreSQL pass of CI would only repeat this run on the same embedded database.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the web console in Chromium', () => {
  it('signs up, signs out, and signs back in by e-mail', async () => {
    const page = await newPage();
    await page.goto('/register');
    await expectAccessible(page, '/register');
    await screenshot(page, 'register');
    // The API's own rules refuse a mismatched confirmation before anything is sent.
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill('something-else');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Passwords do not match.').waitFor();

    await register(page, erin);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await expectAccessible(page, '/login');
    await screenshot(page, 'login');
    await signIn(page, erin.email, PASSWORD);
    // The session lives in the HttpOnly cookie, never in script-readable storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
    expect(stored).not.toMatch(/carhub|session/i);
    await page.context().close();
  }, 120_000);

  it('searches, filters, keeps the filters in the URL and clears them', async () => {
    const page = await newPage();
    const started = Date.now();
    await page.goto('/');
    await page
      .getByRole('link', { name: /Toyota|Volvo|Tesla|Mazda/ })
      .first()
      .waitFor();
    console.log(`time to a usable catalogue: ${Date.now() - started} ms`);
    await expectAccessible(page, '/');
    await screenshot(page, 'catalogue');

    await page.getByLabel('Search').fill('toyota');
    await page.getByLabel('Fuel').selectOption('hybrid');
    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('button', { name: 'Show cars' }).click();
    await page.waitForURL(/q=toyota/);
    const url = new URL(page.url());
    expect(url.searchParams.get('fuelType')).toBe('hybrid');
    expect(url.searchParams.get('sort')).toBe('price');
    const cars = page.getByRole('region', { name: 'Cars' }).getByRole('link');
    await cars.first().waitFor();
    for (const text of await cars.allTextContents()) expect(text).toMatch(/Toyota/);
    await expect(cars.first().textContent()).resolves.toMatch(/Hybrid/);

    // A deep link restores the filters; back/forward move between them.
    await page.reload();
    await expect(page.getByLabel('Search').inputValue()).resolves.toBe('toyota');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((u) => u.search === '');
    await page.goBack();
    await page.waitForURL(/q=toyota/);
    await page.context().close();
  }, 120_000);

  it('books a test drive from the keyboard; a second user taking the same hour sees the clash', async () => {
    const erinPage = await newPage();
    await signIn(erinPage, erin.username, PASSWORD);
    await erinPage.goto('/?q=toyota');
    await erinPage.getByRole('region', { name: 'Cars' }).getByRole('link').first().click();
    await erinPage.getByRole('heading', { name: 'Book a test drive' }).waitFor();
    carUrl = new URL(erinPage.url()).pathname;

    const finnPage = await newPage();
    await register(finnPage, finn);
    for (const page of [erinPage, finnPage]) {
      if (page === finnPage) await page.goto(carUrl);
      await page.getByLabel('Day').fill(driveDay);
      await page.getByRole('radio').first().waitFor();
    }
    await expectAccessible(erinPage, '/cars/:id');
    await screenshot(erinPage, 'car');

    // Erin: focus the hours, step one to the right, book with Enter.
    const erinHours = erinPage.getByRole('radio');
    await erinHours.first().focus();
    await erinPage.keyboard.press('ArrowRight');
    await expect(erinHours.nth(1).isChecked()).resolves.toBe(true);
    const hour = await erinHours.nth(1).evaluate((el) => el.nextElementSibling?.textContent ?? '');
    await erinPage.keyboard.press('Enter');
    await expectToast(erinPage, 'Test drive requested');

    // Finn still sees the hour (his list was loaded before) and tries to take it.
    await finnPage.getByText(hour, { exact: true }).click();
    await finnPage.getByRole('button', { name: `Book ${hour}` }).click();
    await expectToast(finnPage, /already booked/);
    await screenshot(finnPage, 'car-clash');
    await finnPage.context().close();
    await erinPage.context().close();
  }, 180_000);

  it('shows the drive in /bookings as a list and a calendar, reschedules it, then cancels it', async () => {
    const page = await newPage();
    await signIn(page, erin.username, PASSWORD);
    await page.goto('/bookings');
    const row = page.getByRole('listitem').filter({ hasText: 'Test drive' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Pending/);
    await expectAccessible(page, '/bookings');
    await screenshot(page, 'bookings-list');

    await page.getByRole('button', { name: 'Calendar' }).click();
    await page.getByRole('table').waitFor();
    // The calendar opens on the month of the first booking: erin's drive, on driveDay.
    const cell = page.getByRole('cell', { name: new RegExp(driveDay) });
    await cell.getByRole('listitem').first().waitFor();
    await expectAccessible(page, '/bookings (calendar)');
    await screenshot(page, 'bookings-calendar');
    await page.getByRole('button', { name: 'List' }).click();

    await page
      .getByRole('button', { name: /^Reschedule/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Day').fill(isoDate(10));
    await dialog.getByRole('radio').first().waitFor();
    await expectAccessible(page, '/bookings (reschedule dialog)');
    await dialog.getByRole('radio').nth(2).focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Save the new time' }).click();
    await expectToast(page, 'Booking rescheduled.');
    const newDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${isoDate(10)}T12:00:00Z`),
    );
    await page.getByRole('listitem').filter({ hasText: newDay }).first().waitFor();

    await page
      .getByRole('button', { name: /^Cancel / })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel booking' }).click();
    await expectToast(page, 'Booking cancelled.');
    await page.getByRole('listitem').filter({ hasText: 'Cancelled' }).first().waitFor();
    await page.context().close();
  }, 180_000);

  it('resets a forgotten password through the e-mailed link', async () => {
    const page = await newPage();
    await page.goto('/forgot-password');
    await expectAccessible(page, '/forgot-password');
    await page.getByLabel('E-mail').fill(erin.email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    // Without SMTP the server logs the e-mail; the link in it opens the console's page.
    let link: string | undefined;
    for (let i = 0; i < 60 && !link; i++) {
      link = app()
        .log()
        .match(/http:\/\/localhost:\d+\/reset-password\?token=[A-Za-z0-9%_-]+/)?.[0];
      if (!link) await page.waitForTimeout(500);
    }
    expect(link).toBeDefined();
    await page.goto(link as string);
    await expectAccessible(page, '/reset-password');
    await screenshot(page, 'reset-password');
    await page.getByLabel('New password', { exact: true }).fill('Brand-New-Password-9');
    await page.getByLabel('Confirm new password').fill('Brand-New-Password-9');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL('**/login');
    await signIn(page, erin.username, 'Brand-New-Password-9');
    await page.context().close();
  }, 120_000);

  it('every page is free of serious axe-core violations and 375 px wide pages never scroll sideways', async () => {
    const page = await newPage(375, 812);
    for (const path of [
      '/',
      '/terms',
      '/privacy',
      '/login',
      '/no-such-page-here',
      '/cars/00000000-0000-4000-8000-000000000000',
    ]) {
      await page.goto(path);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
    }
    // An unknown address still gets the console's own page, with a way back.
    const missing = await page.goto('/no-such-page-here');
    expect(missing?.status()).toBe(404);
    await page.getByRole('heading', { name: "We couldn't find that page" }).waitFor();
    await page.goto('/');
    await page.getByRole('region', { name: 'Cars' }).getByRole('link').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'catalogue-375');
    await page.goto(carUrl);
    await page.getByRole('radio').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'car-375');
    await signIn(page, erin.username, 'Brand-New-Password-9');
    for (const path of ['/bookings', '/notifications', '/settings']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, path);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `${path.slice(1)}-375`);
    }
    await page.context().close();
  }, 180_000);
});
