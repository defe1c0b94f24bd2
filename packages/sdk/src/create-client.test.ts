import { describe, expect, it } from 'vitest';
import { createClient, trpcEndpoint } from './create-client';

describe('trpcEndpoint', () => {
  it('adds /trpc to a base URL once', () => {
    expect(trpcEndpoint('https://cars.example.com')).toBe('https://cars.example.com/trpc');
    expect(trpcEndpoint('https://cars.example.com/')).toBe('https://cars.example.com/trpc');
    expect(trpcEndpoint('https://cars.example.com/trpc')).toBe('https://cars.example.com/trpc');
    expect(trpcEndpoint('https://example.com/carhub/trpc/')).toBe('https://example.com/carhub/trpc');
    expect(trpcEndpoint('https://example.com/carhub')).toBe('https://example.com/carhub/trpc');
  });
});

describe('createClient', () => {
  it('refuses both a token and getToken, which would leave it unclear which one is sent', () => {
    expect(() => createClient({ url: 'http://localhost', token: 'a', getToken: () => 'b' })).toThrow(TypeError);
  });
});

describe('idempotency keys', () => {
  it('refuses a key no header can carry, before anything is sent', async () => {
    let sent = 0;
    const client = createClient({
      url: 'http://localhost',
      fetch: async () => {
        sent += 1;
        return new Response('{}');
      },
    });
    const refused = client.health.ping.query(undefined, { context: { idempotencyKey: 'two words' } });
    await expect(refused).rejects.toThrow(/idempotencyKey must be 1-255 visible ASCII characters/);
    expect(sent).toBe(0);
  });
});
