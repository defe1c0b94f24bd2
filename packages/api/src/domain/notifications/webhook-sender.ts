import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { signWebhook } from './webhook-signature';
import { isPrivateAddress } from './webhook-target';

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  idempotencyKey: string;
  eventType: string;
  deliveryId: string;
}

export interface WebhookOptions {
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

export type WebhookResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/**
 * The address is checked after DNS resolution, at connect time, so a name that resolved to a
 * public address when the endpoint was registered can't be re-pointed at an internal one.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      const refused = !allowPrivate && list.some((a) => isPrivateAddress(a.address));
      if (refused) return callback(new Error(`${hostname} resolves to a private address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} does not resolve`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** One POST: 2xx is delivered; anything else (status, timeout, refused connection) is a failure to retry. */
export function postWebhook(request: WebhookRequest, options: WebhookOptions): Promise<WebhookResult> {
  const started = Date.now();
  const url = new URL(request.url);
  const timestamp = Math.floor(started / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(request.body)),
    'user-agent': 'carhub-webhooks/1',
    'idempotency-key': request.idempotencyKey,
    'x-carhub-event': request.eventType,
    'x-carhub-delivery': request.deliveryId,
    'x-carhub-signature': signWebhook(request.secret, request.body, timestamp),
  };
  const literalIp = /^\[?[0-9a-f:.]+\]?$/i.test(url.hostname) && /[:.]/.test(url.hostname);
  return new Promise((resolve) => {
    const done = (statusCode: number | null, error: string | null) =>
      resolve({
        ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
        statusCode,
        error,
        durationMs: Date.now() - started,
      });
    if (literalIp && !options.allowPrivateTargets && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
      done(null, 'refused: private or loopback address');
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers,
      lookup: guardedLookup(options.allowPrivateTargets),
      timeout: options.timeoutMs,
    });
    req.on('response', (res) => {
      // The body is not needed, only drained, so the socket is freed.
      res.resume();
      res.on('end', () =>
        done(res.statusCode ?? null, res.statusCode && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`),
      );
      res.on('error', (e) => done(res.statusCode ?? null, e.message));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (e) => done(null, e.message.slice(0, 500)));
    req.end(request.body);
  });
}
