/** What the console's end-to-end tests do as people: sign up, sign in, wait for toasts, check axe. */
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const PASSWORD = 'Sunny-Garage-2026';

/** No serious or critical axe-core violation on the page as it stands. */
export async function expectAccessible(page: Page, name: string) {
  // A toast fading in or out is half transparent, and axe would measure its contrast mid-way:
  // scan once every toast on screen is fully shown (they are scanned too).
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-sonner-toast][data-visible="true"][data-removed="false"]')].every(
        (t) => getComputedStyle(t).opacity === '1',
      ),
    undefined,
    { timeout: 10_000 },
  );
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

export async function expectToast(page: Page, text: string | RegExp) {
  await page.locator('[data-sonner-toast]').filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

export async function register(page: Page, who: { first: string; username: string; email: string }) {
  await page.goto('/register');
  await page.getByLabel('First name').fill(who.first);
  await page.getByLabel('Last name').fill('Tester');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByLabel(/I accept the/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectToast(page, 'Your account is ready.');
}

export async function signIn(page: Page, identifier: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username or e-mail').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export function isoDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** A small real PNG (solid colour, differing per name), built here so the test needs no fixture file. */
export function pngOf(name: string): Buffer {
  return solidPng(64, 48, name.length * 37);
}

/** A PNG of about 180 kB (stored uncompressed), for an upload slow enough to watch. */
export function largePng(): Buffer {
  return solidPng(300, 200, 90, 0);
}

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function solidPng(width: number, height: number, hue: number, level = 6): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([hue % 256, (hue * 3) % 256, 200], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
