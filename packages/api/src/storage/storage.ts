import type { Readable } from 'node:stream';

/**
 * Where photo bytes live. Two drivers implement it: `local` (files on disk, served by the
 * server's signed `/media/` route) and `s3` (any S3-compatible service, served by presigned
 * URLs). Callers never build URLs themselves: they keep keys in the database and ask
 * `url(key)` each time they answer, because every URL expires.
 *
 * Keys are `/`-separated segments of `[A-Za-z0-9._-]` that start with a letter or digit
 * (see object-key.ts), e.g. `cars/<carId>/<photoId>.webp`. Both drivers refuse anything else
 * with a `TypeError`: a bad key is a programming error, never user input.
 */
export interface Storage {
  readonly driver: 'local' | 's3';
  /** Stores (or replaces) an object. Readers never see a half-written object. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object as a stream, or null when there is none. The caller must consume or destroy `body`. */
  get(key: string): Promise<StoredObject | null>;
  /**
   * Copies an object to another key (replacing what is there), inside the store: the bytes
   * don't pass through this process on S3. False when there is no object at `from`.
   */
  copy(from: string, to: string): Promise<boolean>;
  /** Removes an object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Removes many objects (missing ones are ignored); for the keys of rows a transaction just deleted. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /**
   * Every object whose key starts with `prefix` (all of them by default), with when it was
   * last written, in no particular order: for the storage janitor, which removes objects no
   * row references.
   */
  list(prefix?: string): AsyncIterable<ListedObject>;
  /**
   * Removes what interrupted writes left behind before `olderThan` (the local driver's temporary
   * files; a PutObject leaves nothing on S3) and answers how many went.
   */
  removeStaleTemporaries(olderThan: Date): Promise<number>;
  /** A URL that fetches the object until it expires (default lifetime from the config). */
  url(key: string, options?: UrlOptions): Promise<string>;
  /** Releases sockets and the like; the server calls it on shutdown. */
  close(): Promise<void>;
}

export interface StoredObject {
  body: Readable;
  contentType: string;
  /** Bytes, when the driver knows it up front. */
  size: number | undefined;
}

export interface ListedObject {
  key: string;
  lastModified: Date;
}

export interface UrlOptions {
  /** Lifetime of this URL in seconds, instead of the configured default. */
  ttlSeconds?: number;
  /** The moment the lifetime starts from (tests use a past one to get an expired URL). */
  now?: Date;
}

/** Settings for createStorage; apps/server fills them from the environment. */
export type StorageConfig = LocalStorageConfig | S3StorageConfig;

export interface LocalStorageConfig {
  driver: 'local';
  /** Root directory of the objects; created on first write. */
  dir: string;
  /** HMAC-SHA256 key of the `/media/` URLs. */
  urlSecret: string;
  urlTtlSeconds: number;
}

export interface S3StorageConfig {
  driver: 's3';
  bucket: string;
  region: string;
  /** For MinIO, R2, s3rver...; undefined means AWS. */
  endpoint: string | undefined;
  /** Both undefined: the AWS SDK's default credential chain (env, profile, instance role). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  urlTtlSeconds: number;
}
