import { AppError } from '../../errors';

/** UPLOAD_MAX_BYTES when nothing else is configured: 10 MiB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Refuses an upload above the configured limit (413). Routes call it with the declared
 * Content-Length before reading the body, and again with the bytes actually read, since a
 * client may omit or understate the header.
 */
export function assertUploadSize(byteLength: number, maxBytes: number): void {
  if (byteLength > maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is too large: ${formatBytes(byteLength)}; the limit is ${formatBytes(maxBytes)}.`,
    );
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
