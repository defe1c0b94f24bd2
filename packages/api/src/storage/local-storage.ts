import { randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, opendir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkMediaSignature, type MediaUrlCheck, mediaSignature } from './media-url-signature';
import { assertObjectKey, contentTypeForKey, encodeObjectKey } from './object-key';
import type { ListedObject, LocalStorageConfig, Storage, StoredObject, UrlOptions } from './storage';

/** Where the `/media/` route is mounted; `url()` builds paths under it. */
export const MEDIA_PATH_PREFIX = '/media/';

// Keys never start with a dot, so this directory can't collide with an object.
const TEMP_DIR = '.tmp';
const DELETE_CONCURRENCY = 16;

/**
 * Objects as files under one root directory. The Content-Type comes from the key's extension
 * (see contentTypeForKey), so `put` refuses a type that disagrees with it.
 */
export class LocalStorage implements Storage {
  readonly driver = 'local' as const;
  readonly root: string;
  readonly #secret: string;
  readonly #ttlSeconds: number;

  constructor(config: Omit<LocalStorageConfig, 'driver'>) {
    if (config.urlSecret.length === 0) throw new TypeError('LocalStorage needs a non-empty urlSecret');
    this.root = resolve(config.dir);
    this.#secret = config.urlSecret;
    this.#ttlSeconds = config.urlTtlSeconds;
  }

  /** The file of a key; throws on anything that could land outside the root. */
  pathOf(key: string): string {
    assertObjectKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new TypeError(`Invalid storage key ${JSON.stringify(key)}`);
    return path;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const expected = contentTypeForKey(key);
    if (mediaType(contentType) !== mediaType(expected)) {
      throw new TypeError(
        `The local driver serves ${key} as ${expected}, not ${contentType}: give the key that extension`,
      );
    }
    await this.#write(key, (temp) => writeFile(temp, bytes));
  }

  async copy(from: string, to: string): Promise<boolean> {
    // Both keys are judged before anything is opened: a bad target must not strand an open source.
    this.pathOf(from);
    this.pathOf(to);
    if (mediaType(contentTypeForKey(from)) !== mediaType(contentTypeForKey(to))) {
      throw new TypeError(`The local driver can't copy ${from} to ${to}: the extensions differ`);
    }
    // Read through get(): the same O_NOFOLLOW open, so a planted symlink is no source either.
    const source = await this.get(from);
    if (!source) return false;
    try {
      await this.#write(to, (temp) => pipeline(source.body, createWriteStream(temp)));
    } finally {
      // Closes the file handle whatever happened (a no-op once the pipeline has ended it).
      source.body.destroy();
    }
    return true;
  }

  /** Writes a temporary file, then renames it over the key's file. */
  async #write(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const path = this.pathOf(key);
    const tempDir = join(this.root, TEMP_DIR);
    const temp = join(tempDir, randomUUID());
    await mkdir(tempDir, { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      await write(temp);
      // rename is atomic on one filesystem: a reader sees the old object or the new one, never half of one.
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      // O_NOFOLLOW: a symlink planted in the root can't redirect a read elsewhere.
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      return null;
    }
    return { body: createReadStream('', { fd: handle }), contentType: contentTypeForKey(key), size: stats.size };
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) assertObjectKey(key);
    for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
      await Promise.all(keys.slice(i, i + DELETE_CONCURRENCY).map((key) => this.delete(key)));
    }
  }

  async *list(prefix = ''): AsyncIterable<ListedObject> {
    for await (const key of this.#walk('')) {
      if (!key.startsWith(prefix)) continue;
      const stats = await lstat(join(this.root, key)).catch(() => null); // gone meanwhile
      if (stats) yield { key, lastModified: stats.mtime };
    }
  }

  /** The keys of the regular files under `dir` (relative to the root), depth first; never the temporary files. */
  async *#walk(dir: string): AsyncIterable<string> {
    let entries: Awaited<ReturnType<typeof opendir>>;
    try {
      entries = await opendir(join(this.root, dir));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for await (const entry of entries) {
      const key = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (dir === '' && entry.name === TEMP_DIR) continue;
      if (entry.isDirectory()) yield* this.#walk(key);
      else if (entry.isFile()) yield key;
    }
  }

  async removeStaleTemporaries(olderThan: Date): Promise<number> {
    let removed = 0;
    let entries: Awaited<ReturnType<typeof opendir>>;
    try {
      entries = await opendir(join(this.root, TEMP_DIR));
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    for await (const entry of entries) {
      const path = join(this.root, TEMP_DIR, entry.name);
      const stats = await lstat(path).catch(() => null);
      if (!stats || stats.mtime >= olderThan) continue;
      await rm(path, { force: true });
      removed++;
    }
    return removed;
  }

  async url(key: string, options: UrlOptions = {}): Promise<string> {
    assertObjectKey(key);
    const now = options.now ?? new Date();
    const expiresAt = Math.floor(now.getTime() / 1000) + (options.ttlSeconds ?? this.#ttlSeconds);
    const sig = mediaSignature(this.#secret, key, expiresAt);
    return `${MEDIA_PATH_PREFIX}${encodeObjectKey(key)}?exp=${expiresAt}&sig=${sig}`;
  }

  /** For the `/media/` route: is this `exp`/`sig` pair a live signature of `key`? */
  checkUrl(key: string, exp: string | undefined, sig: string | undefined, now?: Date): MediaUrlCheck {
    return checkMediaSignature(this.#secret, key, exp, sig, now);
  }

  async close(): Promise<void> {}
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR: a path segment is a file; ELOOP: the O_NOFOLLOW refusal of a symlink.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}
