import type { FileTypeResult } from 'file-type';
import type { Sharp } from 'sharp';
import { AppError } from '../../errors';
import { JobLimiter } from './job-limiter';

/** What an upload may be, judged by its bytes (never by its name or declared type). */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

export const DEFAULT_LIMIT_INPUT_PIXELS = 40_000_000;
export const DEFAULT_MAIN_MAX_SIZE = 1600;
export const DEFAULT_THUMBNAIL_MAX_SIZE = 320;
const WEBP_QUALITY = 82;
// A pathological image that is small but slow to decode must not hold a slot for ever.
const JOB_TIMEOUT_SECONDS = 30;

/** The process-wide cap on image jobs: two decode at once, the rest wait. */
export const imageJobs = new JobLimiter(2);

export interface ProcessedImage {
  bytes: Buffer;
  contentType: 'image/webp';
  /** The extension the storage key should carry (the local driver serves by extension). */
  extension: 'webp';
  width: number;
  height: number;
}

export interface ProcessedUpload {
  /** At most `mainMaxSize` on its longer side, never enlarged. */
  main: ProcessedImage;
  /** At most `thumbnailMaxSize` on its longer side. */
  thumbnail: ProcessedImage;
  /** What the upload really was. */
  sourceType: AcceptedImageType;
}

export interface ProcessUploadOptions {
  /** Largest width x height accepted (default 40 megapixels). */
  limitInputPixels?: number;
  mainMaxSize?: number;
  thumbnailMaxSize?: number;
  /** Defaults to the shared `imageJobs`; tests pass their own to observe it. */
  limiter?: JobLimiter;
}

/**
 * Turns untrusted upload bytes into a clean photo and its thumbnail: type judged by content,
 * pixel count capped before decoding, EXIF orientation applied, re-encoded as WebP with no
 * metadata at all (no EXIF, no GPS, no camera serials). Anything wrong with the input is an
 * AppError BAD_REQUEST (400), never a 500.
 *
 * Check the byte size first with assertUploadSize: this function trusts it was bounded.
 */
/**
 * The image libraries load with the first upload, not with the server: a process that never
 * takes one never holds them (sharp, its native libvips and file-type: ~40 MiB resident).
 */
async function loadSharp(): Promise<typeof import('sharp').default> {
  return (await import('sharp')).default;
}

/** What the bytes are, judged by their content (file-type's magic numbers). */
export async function detectFileType(bytes: Uint8Array): Promise<FileTypeResult | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return fileTypeFromBuffer(bytes);
}

export async function processUpload(bytes: Uint8Array, options: ProcessUploadOptions = {}): Promise<ProcessedUpload> {
  const sourceType = await sniffImageType(bytes);
  const sharp = await loadSharp();
  const limitInputPixels = options.limitInputPixels ?? DEFAULT_LIMIT_INPUT_PIXELS;
  const mainMaxSize = options.mainMaxSize ?? DEFAULT_MAIN_MAX_SIZE;
  const thumbnailMaxSize = options.thumbnailMaxSize ?? DEFAULT_THUMBNAIL_MAX_SIZE;

  return (options.limiter ?? imageJobs).run(async () => {
    try {
      // Only the header is read here (no pixels decoded), so it needs no pixel limit; checking
      // the size ourselves gives a message that says why. The limit on the decoder below stays
      // as the backstop.
      const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
      if (width * height > limitInputPixels) {
        throw new AppError(
          'BAD_REQUEST',
          `The image is ${width}x${height} pixels (${megapixels(width * height)} MP); the limit is ${megapixels(limitInputPixels)} MP.`,
        );
      }
      // Without withMetadata/keepExif sharp writes no metadata, so EXIF and GPS are dropped.
      const input = sharp(bytes, { limitInputPixels, failOn: 'warning', sequentialRead: true });
      const main = await encode(input.rotate(), mainMaxSize);
      const thumbnail = await encode(sharp(main.bytes, { failOn: 'warning' }), thumbnailMaxSize);
      return { main, thumbnail, sourceType };
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw decodeError(error);
    }
  });
}

async function sniffImageType(bytes: Uint8Array): Promise<AcceptedImageType> {
  const detected = await detectFileType(bytes);
  const accepted: readonly string[] = ACCEPTED_IMAGE_TYPES;
  if (!detected || !accepted.includes(detected.mime)) {
    const what = detected ? `a ${detected.mime} file` : 'not an image';
    throw new AppError('BAD_REQUEST', `Unsupported file: ${what}. Upload a JPEG, PNG or WebP image.`, {
      fieldErrors: { file: ['Upload a JPEG, PNG or WebP image'] },
    });
  }
  return detected.mime as AcceptedImageType;
}

async function encode(image: Sharp, maxSize: number): Promise<ProcessedImage> {
  const { data, info } = await image
    .resize({ width: maxSize, height: maxSize, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: WEBP_QUALITY })
    .timeout({ seconds: JOB_TIMEOUT_SECONDS })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: 'image/webp', extension: 'webp', width: info.width, height: info.height };
}

function decodeError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new AppError('BAD_REQUEST', 'The image has too many pixels.', { cause: error });
  }
  if (/timeout/i.test(message)) {
    return new AppError('BAD_REQUEST', 'The image took too long to process.', { cause: error });
  }
  return new AppError('BAD_REQUEST', 'The image could not be read: it is corrupt or truncated.', {
    cause: error,
    fieldErrors: { file: ['The image is corrupt or truncated'] },
  });
}

function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toFixed(1);
}
