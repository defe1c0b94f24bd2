import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter, Storage } from '@carhub/api';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import sharp from 'sharp';
import superjson from 'superjson';
import { expect } from 'vitest';
import type { Config } from '../src/config';
import { startTestServer, type TestServer } from './helpers';
import { startS3rverStorage } from './s3rver-storage';

/** A real server on one storage driver, and a way to list every object that driver holds. */
export interface PhotoServer {
  server: TestServer;
  storage: Storage;
  /** Every stored key, read from the driver's own backend (the directory or the bucket). */
  keys(): Promise<string[]>;
  /** What fetch can open for a URL the API handed out. */
  absolute(url: string): string;
  close(): Promise<void>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .filter((key) => !key.startsWith('.tmp'))
    .sort();
}

export async function startLocalPhotoServer(overrides: Partial<Config>): Promise<PhotoServer> {
  const dir = await mkdtemp(join(tmpdir(), 'carhub-photos-'));
  const server = await startTestServer({
    ...overrides,
    storage: { driver: 'local', dir, urlSecret: 'photo-test-secret-of-at-least-32-chars', urlTtlSeconds: 3600 },
  });
  return {
    server,
    storage: server.app.storage,
    keys: () => filesUnder(dir),
    absolute: (url) => new URL(url, server.url).toString(),
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startS3PhotoServer(overrides: Partial<Config>): Promise<PhotoServer> {
  const s3 = await startS3rverStorage();
  const server = await startTestServer(overrides, { storage: s3.storage });
  return {
    server,
    storage: s3.storage,
    keys: () => s3.keys(),
    absolute: (url) => url,
    async close() {
      // The server closes the storage it was given; s3rver goes after it.
      await server.close();
      await s3.close();
    },
  };
}

/** A tRPC client like the SDK's: FormData inputs go through httpLink on their own, the rest batched. */
export function trpcClient(baseUrl: string, token?: string) {
  const url = `${baseUrl}/trpc`;
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url, transformer: superjson, headers }),
        false: httpBatchLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

export type TrpcClient = ReturnType<typeof trpcClient>;

let counter = 0;
const password = 'photo-tests-password-7';

/** A new client account, its token and a tRPC client signed in with it. */
export async function signUp(baseUrl: string) {
  counter += 1;
  const username = `photos${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const result = await trpcClient(baseUrl).auth.register.mutate({
    username,
    email: `${username}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'Photo',
    lastName: 'Tester',
  });
  return { id: result.user.id, token: result.token, client: trpcClient(baseUrl, result.token) };
}

/** The HTTP status behind a tRPC client error. */
export async function trpcStatus(promise: Promise<unknown>): Promise<number | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data?.httpStatus;
}

export function photoForm(carId: string, file: Blob, name: string, altText?: string): FormData {
  const form = new FormData();
  form.set('carId', carId);
  form.set('file', file, name);
  if (altText !== undefined) form.set('altText', altText);
  return form;
}

export function solid(width: number, height: number, background = '#c03020') {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** A camera JPEG as phones write it: make, model, owner and GPS position in its EXIF. */
export function jpegWithGps(): Promise<Buffer> {
  return solid(640, 480)
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Spy 3000', Copyright: 'Jane Owner' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
    })
    .jpeg()
    .toBuffer();
}

/** Random pixels: JPEG can't squeeze them, so the file is about as large as asked. */
export function noiseJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

/** The path of a signed URL, without its expiry and signature (those differ per answer). */
export function keyOf(url: string | null | undefined): string {
  if (!url) return '';
  return new URL(url, 'http://x').pathname;
}
