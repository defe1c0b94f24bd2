import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Storage } from '@carhub/api';
import S3rver from 's3rver';

export interface S3rverStorage {
  storage: S3Storage;
  /** What a server process needs to reach the same bucket (STORAGE_DRIVER=s3 and the S3_* variables). */
  env: Record<string, string>;
  /** Every key in the bucket, through the S3 API (ListObjectsV2). */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

const BUCKET = 'photos';

/** The s3 driver against a real S3-protocol server (s3rver) on a random loopback port, with an empty bucket. */
export async function startS3rverStorage(): Promise<S3rverStorage> {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-s3rver-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const storage = new S3Storage({
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint,
    // s3rver's built-in account.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    urlTtlSeconds: 3600,
  });
  return {
    storage,
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async keys() {
      // s3rver answers unsigned requests; a real bucket would want a signed one.
      const res = await fetch(`${endpoint}/${BUCKET}?list-type=2&max-keys=1000`);
      if (!res.ok) throw new Error(`ListObjectsV2 answered ${res.status}`);
      const xml = await res.text();
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1] ?? '').sort();
    },
    async close() {
      await storage.close();
      await s3rver.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
