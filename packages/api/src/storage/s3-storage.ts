import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { assertObjectKey } from './object-key';
import type { ListedObject, S3StorageConfig, Storage, StoredObject, UrlOptions } from './storage';

// The most keys one DeleteObjects request may carry.
const DELETE_BATCH = 1000;

type Sdk = typeof import('@aws-sdk/client-s3') & typeof import('@aws-sdk/s3-request-presigner');

/**
 * Objects in one private bucket (no ACL is ever set, so they inherit the bucket's: keep it
 * private); readers get presigned GET URLs. The AWS SDK loads with the first call, so a
 * server storing on its own disk never holds it (~10 MiB resident).
 */
export class S3Storage implements Storage {
  readonly driver = 's3' as const;
  readonly #config: Omit<S3StorageConfig, 'driver'>;
  readonly #bucket: string;
  readonly #ttlSeconds: number;
  #connected: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(config: Omit<S3StorageConfig, 'driver'>) {
    this.#config = config;
    this.#bucket = config.bucket;
    this.#ttlSeconds = config.urlTtlSeconds;
  }

  #connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.#connected ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(
      ([s3, presigner]) => {
        const sdk = { ...s3, ...presigner };
        return { sdk, client: this.#newClient(sdk) };
      },
    );
    return this.#connected;
  }

  #newClient(sdk: Sdk): S3Client {
    const config = this.#config;
    return new sdk.S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
      // The SDK's default (checksums on every request, aws-chunked bodies) is not understood by
      // S3-compatible servers such as s3rver or older MinIO/R2: they store the chunk framing as
      // the object, and presigned URLs get signed with the checksum of an empty body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertObjectKey(key);
    const { sdk, client } = await this.#connect();
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    const { sdk, client } = await this.#connect();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
      return {
        body: out.Body,
        contentType: out.ContentType ?? 'application/octet-stream',
        size: out.ContentLength,
      };
    } catch (error) {
      if (isMissingObject(sdk, error)) return null;
      throw error;
    }
  }

  async copy(from: string, to: string): Promise<boolean> {
    assertObjectKey(from);
    assertObjectKey(to);
    const { sdk, client } = await this.#connect();
    try {
      // Keys are URL-safe by construction (object-key.ts); the source is `bucket/key`.
      await client.send(
        new sdk.CopyObjectCommand({ Bucket: this.#bucket, Key: to, CopySource: `${this.#bucket}/${from}` }),
      );
      return true;
    } catch (error) {
      if (isMissingObject(sdk, error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    const { sdk, client } = await this.#connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) assertObjectKey(key);
    const { sdk, client } = await this.#connect();
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const out = await client.send(
        new sdk.DeleteObjectsCommand({
          Bucket: this.#bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 even when some keys failed; those are listed in Errors.
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        const detail = failed.map((e) => `${e.Key}: ${e.Code ?? 'error'}`).join(', ');
        throw new Error(`S3 could not delete ${failed.length} object(s): ${detail}`);
      }
    }
  }

  async *list(prefix = ''): AsyncIterable<ListedObject> {
    const { sdk, client } = await this.#connect();
    let token: string | undefined;
    do {
      const out = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of out.Contents ?? []) {
        if (object.Key && object.LastModified) yield { key: object.Key, lastModified: object.LastModified };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  /** A PutObject or CopyObject is all or nothing: an interrupted one leaves no object behind. */
  async removeStaleTemporaries(): Promise<number> {
    return 0;
  }

  async url(key: string, options: UrlOptions = {}): Promise<string> {
    assertObjectKey(key);
    const { sdk, client } = await this.#connect();
    return sdk.getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: this.#bucket, Key: key }), {
      expiresIn: options.ttlSeconds ?? this.#ttlSeconds,
      ...(options.now ? { signingDate: options.now } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.#connected) (await this.#connected).client.destroy();
  }
}

function isMissingObject(sdk: Sdk, error: unknown): boolean {
  return (
    error instanceof sdk.S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}
