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
