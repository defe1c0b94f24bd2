import { describe, expect, it } from 'vitest';
import { assertWebhookTarget, isPrivateAddress } from './webhook-target';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    '::ffff:127.0.0.1',
    'fd00::1',
    'fe80::1',
  ])('%s is private', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1'])('%s is public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });
});

describe('assertWebhookTarget', () => {
  it('refuses other schemes always, and loopback unless allowed', async () => {
    await expect(assertWebhookTarget('ftp://example.com/x', true)).rejects.toThrow('only http and https');
    await expect(assertWebhookTarget('http://127.0.0.1:9/hook', false)).rejects.toThrow('private or loopback');
    await expect(assertWebhookTarget('http://[::1]:9/hook', false)).rejects.toThrow('private or loopback');
    await expect(assertWebhookTarget('http://localhost:9/hook', false)).rejects.toThrow();
    await expect(assertWebhookTarget('http://127.0.0.1:9/hook', true)).resolves.toBeUndefined();
    await expect(assertWebhookTarget('https://93.184.216.34/hook', false)).resolves.toBeUndefined();
  });
});
