/**
 * The console end to end for owners and tool makers: a garage car with photos and a rental,
 * and an API key made on /settings and used from a script. Same setup as console.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { openConsole, screenshot } from './harness';
import { expectAccessible, expectToast, isoDate, largePng, pngOf, register } from './people';

const { app, newPage } = openConsole();

// The PostgreSQL pass of CI would only repeat this run on the same embedded database.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the garage and API keys in Chromium', () => {
  it('as an owner adds a car, uploads photos, picks the cover, records a rental and finds it in the feed', async () => {
    const page = await newPage();
    await register(page, { first: 'Owen', username: 'owen_e2e', email: 'owen@e2e.test' });
    await page.goto('/garage');
    await page.getByRole('heading', { name: 'Your garage is empty' }).waitFor();
    await expectAccessible(page, '/garage');
    await page.getByRole('button', { name: 'Add a car' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a car' });
    await dialog.getByLabel('Make').fill('Skoda');
    await dialog.getByLabel('Model').fill('Octavia');
    await dialog.getByLabel('Year').fill('2019');
    await dialog.getByLabel('Licence plate').fill('E2E 1234');
    await dialog.getByRole('button', { name: 'Add car' }).click();
    await page.getByRole('heading', { name: '2019 Skoda Octavia' }).waitFor();

    // On a slow uplink the bar shows the bytes sent so far (the SDK's onProgress), not a spinner.
    const cdp = await page.context().newCDPSession(page);
    const uplink = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await uplink(60 * 1024);
    await page
      .getByLabel('Photo (JPEG, PNG or WebP)')
      .setInputFiles({ name: 'large.png', mimeType: 'image/png', buffer: largePng() });
    await page.getByRole('button', { name: 'Upload photo' }).click();
    const bar = page.getByRole('progressbar');
    await expect
      .poll(async () => Number(await bar.getAttribute('value').catch(() => 0)), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const midway = await bar.evaluate((el) => (el as HTMLProgressElement).position);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(1);
    await expectToast(page, 'Photo uploaded.');
    await uplink(-1);
    await page.getByRole('button', { name: /^Delete photo 1/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete photo' }).click();
    await expectToast(page, 'Photo deleted.');
    await page.getByText('No photos yet').waitFor();

    const photos = page.getByRole('list', { name: /Photos of/ }).getByRole('listitem');
    for (const [i, name] of ['front.png', 'side.png'].entries()) {
      await page
        .getByLabel('Photo (JPEG, PNG or WebP)')
        .setInputFiles({ name, mimeType: 'image/png', buffer: pngOf(name) });
      await page.getByRole('button', { name: 'Upload photo' }).click();
      await expect.poll(() => photos.count()).toBe(i + 1);
    }
    await page.getByRole('button', { name: 'Make cover: photo 2' }).click();
    await expectToast(page, 'Cover photo set.');
    await photos.nth(1).getByText('Cover photo').waitFor();
    // From the keyboard: the first photo's handle, one step right; the cover photo comes first.
    await page.getByRole('button', { name: 'Reorder photo 1, place 1 of 2: arrow keys move it' }).focus();
    await page.keyboard.press('ArrowRight');
    await expectToast(page, 'Photo moved to place 2.');
    await photos.nth(0).getByText('Cover photo').waitFor();
    // Focus stays on the handle of the photo that moved, so the next press moves it again.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/place 2 of 2/);

    const rentals = page.getByRole('form', { name: 'Record a rental' });
    await rentals.getByLabel('First day').fill(isoDate(20));
    await rentals.getByLabel('Last day').fill(isoDate(22));
    await rentals.getByLabel("Renter's name").fill('Grace Renter');
    await rentals.getByRole('button', { name: 'Record rental' }).click();
    await expectToast(page, 'Rental recorded.');
    const day = (d: string) =>
      new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(
        new Date(`${d}T12:00:00Z`),
      );
    await page.getByText(`${day(isoDate(20))} to ${day(isoDate(22))}`).waitFor();
    await expectAccessible(page, '/garage/:id');
    await screenshot(page, 'garage-car');

    const feedField = page.getByLabel('Calendar URL');
    await expect.poll(() => feedField.inputValue()).toMatch(/^http/);
    const feed = await page.request.get(await feedField.inputValue());
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`DTSTART;VALUE=DATE:${isoDate(20).replaceAll('-', '')}`);
    await page.context().close();
  }, 180_000);

  it('creates an API key on /settings, copies it, uses it within its scopes, then revokes it', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await register(page, { first: 'Gus', username: 'gus_e2e', email: 'gus@e2e.test' });
    await page.goto('/settings');
    await page.getByText('No keys yet').waitFor();
    await page.getByRole('button', { name: 'Create a key' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('stock reader');
    // The API's own rule, before anything is sent: a key needs a scope.
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('Give the key at least one scope.').waitFor();
    await expectAccessible(page, '/settings (new key form)');
    await screenshot(page, 'settings-key-form');
    await form.getByLabel('Inventory: read').check();
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new key' });
    await shown.getByText("You won't see it again").waitFor();
    await shown.getByRole('button', { name: 'Copy key' }).click();
    await expectToast(page, 'API key copied.');
    const key = await page.evaluate(() => navigator.clipboard.readText());
    expect(key).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
    await expect(shown.getByLabel('API key').inputValue()).resolves.toBe(key);
    await expectAccessible(page, '/settings (the key, once)');
    await screenshot(page, 'settings-new-key');
    await shown.getByRole('button', { name: 'Done' }).click();

    const row = page
      .getByRole('list', { name: 'Your API keys' })
      .getByRole('listitem')
      .filter({ hasText: 'stock reader' });
    const prefix = (await row.locator('code').textContent())?.replace('…', '') ?? '';
    expect(prefix.length).toBeGreaterThan(4);
    expect(key.startsWith(prefix)).toBe(true);
    await expect(row.textContent()).resolves.toMatch(/inventory:read.*last used never.*never expires/);

    // A script holding the key reads the catalogue and is refused a change outside its scopes.
    const api = (path: string, init: RequestInit = {}, auth: Record<string, string> = { 'x-api-key': key }) =>
      fetch(`${app().url}/api${path}`, { ...init, headers: { ...auth, ...init.headers } });
    expect((await api('/inventory?limit=1')).status).toBe(200);
    expect((await api('/inventory?limit=1', {}, { authorization: `Bearer ${key}` })).status).toBe(200);
    const write = await api('/cars', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ make: 'Skoda', model: 'Fabia', year: 2020 }),
    });
    expect(write.status).toBe(403);
    await expect(write.json()).resolves.toMatchObject({ message: expect.stringMatching(/cars:write/) });
    await page.reload();
    await expect(row.textContent()).resolves.not.toMatch(/last used never/);
    await screenshot(page, 'settings');

    await row.getByRole('button', { name: 'Revoke the key stock reader' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expectToast(page, /revoked/);
    await page.getByText('No keys yet').waitFor();
    expect((await api('/inventory?limit=1')).status).toBe(401);
    await page.context().close();
  }, 120_000);
});
