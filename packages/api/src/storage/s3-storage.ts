import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertObjectKey } from './object-key';
import type { ListedObject, S3StorageConfig, Storage, StoredObject, UrlOptions } from './storage';

// The most keys one DeleteObjects request may carry.
const DELETE_BATCH = 1000;

/**
 * Objects in one private bucket (no ACL is ever set, so they inherit the bucket's: keep it
 * private); readers get presigned GET URLs.
 */
export class S3Storage implements Storage {
  readonly driver = 's3' as const;
  readonly client: S3Client;
  readonly #bucket: string;
  readonly #ttlSeconds: number;

  constructor(config: Omit<S3StorageConfig, 'driver'>) {
    this.#bucket = config.bucket;
    this.#ttlSeconds = config.urlTtlSeconds;
    this.client = new S3Client({
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
    await this.client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
      return {
        body: out.Body,
        contentType: out.ContentType ?? 'application/octet-stream',
        size: out.ContentLength,
      };
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw error;
    }
  }

  async copy(from: string, to: string): Promise<boolean> {
    assertObjectKey(from);
    assertObjectKey(to);
    try {
      // Keys are URL-safe by construction (object-key.ts); the source is `bucket/key`.
      await this.client.send(
        new CopyObjectCommand({ Bucket: this.#bucket, Key: to, CopySource: `${this.#bucket}/${from}` }),
      );
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) assertObjectKey(key);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const out = await this.client.send(
        new DeleteObjectsCommand({
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
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }),
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
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.#bucket, Key: key }), {
      expiresIn: options.ttlSeconds ?? this.#ttlSeconds,
      ...(options.now ? { signingDate: options.now } : {}),
    });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function isMissingObject(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
}
