import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { assertUploadSize } from './upload-size';

describe('assertUploadSize', () => {
  it('lets the limit itself through and refuses one byte more with PAYLOAD_TOO_LARGE', () => {
    expect(() => assertUploadSize(10 * 1024 * 1024, 10 * 1024 * 1024)).not.toThrow();
    let error: unknown;
    try {
      assertUploadSize(10 * 1024 * 1024 + 1, 10 * 1024 * 1024);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect((error as AppError).message).toBe('The file is too large: 10.0 MiB; the limit is 10.0 MiB.');
  });
});
