/**
 * `pnpm --filter @carhub/web bench:first-load`: the console's first load of `/` in Chromium
 * against `pnpm start` on a fresh embedded database. Prints the JavaScript and CSS the page
 * fetched (bytes on the wire, and gzipped size), and the time from navigation until the
 * catalogue shows its first car (median of RUNS, default 5, each in a fresh browser context).
 */
import { gzipSync } from 'node:zlib';
import { startConsole } from '../e2e/harness';

const RUNS = Number(process.env.RUNS ?? 5);
const JS_BUDGET = 250 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const app = await startConsole();
try {
  const times: number[] = [];
  let totals = { js: { wire: 0, gzip: 0, raw: 0 }, css: { wire: 0, gzip: 0, raw: 0 } };
  for (let run = 0; run < RUNS; run++) {
    const context = await app.browser.newContext({ baseURL: app.url, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const pending: Promise<void>[] = [];
    const sizes = { js: { wire: 0, gzip: 0, raw: 0 }, css: { wire: 0, gzip: 0, raw: 0 } };
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : null;
      if (!kind) return;
      pending.push(
        (async () => {
          const body = await response.body();
          const headers = await response.allHeaders();
          const sizesOf = await response.request().sizes();
          sizes[kind].raw += body.length;
          sizes[kind].gzip += gzipSync(body).length;
          // Bytes of the body as it crossed the wire (compressed when the server sent .br/.gz).
          sizes[kind].wire += sizesOf.responseBodySize || Number(headers['content-length'] ?? body.length);
        })(),
      );
    });
    const started = performance.now();
    await page.goto('/');
    await page.getByRole('region', { name: 'Cars' }).getByRole('link').first().waitFor();
    times.push(performance.now() - started);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    totals = sizes;
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`first load of / (${RUNS} runs, fresh context each)`);
  console.log(
    `  JavaScript: ${kb(totals.js.wire)} transferred, ${kb(totals.js.gzip)} gzipped, ${kb(totals.js.raw)} uncompressed (budget ${kb(JS_BUDGET)} gzipped: ${totals.js.gzip <= JS_BUDGET ? 'within' : 'OVER'})`,
  );
  console.log(
    `  CSS:        ${kb(totals.css.wire)} transferred, ${kb(totals.css.gzip)} gzipped, ${kb(totals.css.raw)} uncompressed`,
  );
  console.log(
    `  time to a usable catalogue: median ${median.toFixed(0)} ms (min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms)`,
  );
  if (totals.js.gzip > JS_BUDGET) process.exitCode = 1;
} finally {
  await app.stop();
}
