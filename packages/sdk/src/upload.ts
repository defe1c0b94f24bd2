import type { TRPCRequestOptions } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { ClientRouter } from './client-router';
import type { CarhubClient } from './create-client';

type UpdatePhotoInput = inferRouterInputs<ClientRouter>['cars']['photos']['update'];

/** A photo to add to a car: JPEG, PNG or WebP, judged by its bytes. */
export interface PhotoUpload {
  carId: UpdatePhotoInput['carId'];
  /** A `File` (from an `<input type="file">`) or a `Blob`; its name and type are not trusted. */
  file: Blob;
  altText?: NonNullable<UpdatePhotoInput['altText']>;
}

/** What `cars.photos.add` answers: the car with its photos, the new one in place. */
export type PhotoUploadResult = inferRouterOutputs<ClientRouter>['cars']['photos']['add'];

/**
 * Adds a photo to a car through `cars.photos.add` (a multipart request of its own). Too large
 * a file is `PAYLOAD_TOO_LARGE` (413), a file that is not a photo `BAD_REQUEST` (400).
 *
 * @example
 * const car = await uploadPhoto(client, { carId, file: input.files[0], altText: 'Front' });
 */
export function uploadPhoto(
  client: CarhubClient,
  photo: PhotoUpload,
  options?: TRPCRequestOptions,
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
  return add.mutate(form, options);
}
