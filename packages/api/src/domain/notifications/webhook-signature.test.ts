import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"sale.created"}';
  const now = 1_760_000_000;

  it('verifies what it signed', () => {
    expect(verifyWebhook(secret, body, signWebhook(secret, body, now), { now })).toBe(true);
  });

  it('refuses a tampered body, another secret, a stale timestamp and junk', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, `${body} `, header, { now })).toBe(false);
    expect(verifyWebhook('other', body, header, { now })).toBe(false);
    expect(verifyWebhook(secret, body, header, { now: now + 301 })).toBe(false);
    expect(verifyWebhook(secret, body, header.replace(/t=\d+/, `t=${now + 1}`), { now })).toBe(false);
    expect(verifyWebhook(secret, body, 'v1=abc', { now })).toBe(false);
    expect(verifyWebhook(secret, body, undefined, { now })).toBe(false);
  });

  it('matches an HMAC computed independently', async () => {
    const { createHmac } = await import('node:crypto');
    const mac = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${now},v1=${mac}`);
  });
});
