const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

/**
 * Refuses any key that is not plain relative segments. Because every segment must start with
 * a letter or digit, `.`, `..`, hidden names, absolute paths, backslashes, NUL and empty
 * segments are all out before any path is built; the local driver still checks the resolved
 * path stays under its root.
 */
export function assertObjectKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TypeError(`Invalid storage key: expected 1-${MAX_KEY_LENGTH} characters`);
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new TypeError(`Invalid storage key ${JSON.stringify(key)}: bad segment ${JSON.stringify(segment)}`);
    }
  }
}

export function isValidObjectKey(key: string): boolean {
  try {
    assertObjectKey(key);
    return true;
  } catch {
    return false;
  }
}

/** Keys only use URL-safe characters, but encode each segment anyway so a future charset change can't break URLs. */
export function encodeObjectKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  avif: 'image/avif',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
};

/**
 * The local driver keeps no metadata beside the file, so the key's extension decides the
 * Content-Type it is served with; anything unknown is served as an opaque download.
 */
export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const extension = dot === -1 ? '' : key.slice(dot + 1).toLowerCase();
  return TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}
