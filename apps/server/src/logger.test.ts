import { describe, expect, it } from 'vitest';
import { maskUrl } from './logger';

describe('maskUrl', () => {
  it.each([
    ['/media/cars/a.webp?exp=1796000000&sig=SECRETsig', '/media/cars/a.webp?exp=1796000000&sig=[redacted]'],
    [
      '/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261201&X-Amz-Signature=abcdef&X-Amz-Expires=3600',
      '/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Expires=3600',
    ],
    ['/api/auth/x?token=t0k3n&page=2', '/api/auth/x?token=[redacted]&page=2'],
    ['/api/calendars/abcdef.ics', '/api/calendars/[redacted].ics'],
    ['/api/inventory?make=Volvo', '/api/inventory?make=Volvo'],
    ['/odd?%zz=1&sig', '/odd?%zz=1&sig'],
  ])('%s', (url, expected) => {
    expect(maskUrl(url)).toBe(expected);
  });
});
