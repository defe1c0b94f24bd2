import type { TRPCRequestOptions } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { ClientRouter } from './client-router';
import type { CarhubClient } from './create-client';
import type { UploadProgressListener } from './upload-progress';

type UpdatePhotoInput = inferRouterInputs<ClientRouter>['cars']['photos']['update'];

/** A photo to add to a car: JPEG, PNG or WebP, judged by its bytes. */
export interface PhotoUpload {
  carId: UpdatePhotoInput['carId'];
  /** A `File` (from an `<input type="file">`) or a `Blob`; its name and type are not trusted. */
  file: Blob;
  altText?: NonNullable<UpdatePhotoInput['altText']>;
}

/** The call's options (`context`, `signal`) and, to draw a progress bar, `onProgress`. */
export interface PhotoUploadOptions extends TRPCRequestOptions {
  /**
   * Called as the request body goes out, with the bytes sent and the body's size. In a
   * browser the upload then travels by XMLHttpRequest (fetch has no upload events), so a
   * `fetch` given to `createClient` is not used for it; in Node the body is streamed.
   */
  onProgress?: UploadProgressListener;
}

/** What `cars.photos.add` answers: the car with its photos, the new one in place. */
export type PhotoUploadResult = inferRouterOutputs<ClientRouter>['cars']['photos']['add'];

/**
 * Adds a photo to a car through `cars.photos.add` (a multipart request of its own). Too large
 * a file is `PAYLOAD_TOO_LARGE` (413), a file that is not a photo `BAD_REQUEST` (400).
 *
 * @example
 * const car = await uploadPhoto(client, { carId, file: input.files[0], altText: 'Front' });
 * @example
 * await uploadPhoto(client, { carId, file }, { onProgress: ({ loaded, total }) => bar.value = loaded / total });
 */
export function uploadPhoto(
  client: CarhubClient,
  photo: PhotoUpload,
  options: PhotoUploadOptions = {},
): Promise<PhotoUploadResult> {
  const form = new FormData();
  form.set('carId', photo.carId);
  const name = typeof File !== 'undefined' && photo.file instanceof File ? photo.file.name : 'photo';
  form.set('file', photo.file, name);
  if (photo.altText !== undefined) form.set('altText', photo.altText);
  // The procedure's input type is the FormData the server parses; this is that FormData.
  const add = client.cars.photos.add as {
    mutate(input: FormData, options?: TRPCRequestOptions): Promise<PhotoUploadResult>;
  };
  const { onProgress, ...rest } = options;
  const context = onProgress ? { ...rest.context, onUploadProgress: onProgress } : rest.context;
  return add.mutate(form, { ...rest, ...(context ? { context } : {}) });
}
