import { z } from 'zod';
import { carIdSchema } from '../../../domain/cars/schemas';
import { bodyNumber } from '../../../query-params';
import { optionalText } from '../../../text-fields';

export const photoIdSchema = z.uuid('Not a photo id.');

export const altTextSchema = optionalText('Alt text', 300);

/**
 * A multipart form's fields as an object. A field sent twice becomes a list, so the object
 * schema below refuses it instead of one value silently winning.
 */
export function formFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return fields;
}

/**
 * cars.photos.add takes a FormData (tRPC carries it as multipart/form-data; the REST route
 * builds one from its own multipart body). The file's declared type and name are not trusted:
 * processUpload judges the bytes.
 */
export const addPhotoInput = z
  .instanceof(FormData, { message: 'Send the photo as multipart/form-data with the fields carId and file.' })
  .transform(formFields)
  .pipe(
    z.strictObject({
      carId: carIdSchema,
      file: z.file('Attach the photo as the field "file".'),
      altText: altTextSchema.optional(),
    }),
  );

export const updatePhotoInput = z.object({
  carId: carIdSchema,
  photoId: photoIdSchema,
  /** null or blank clears it. */
  altText: altTextSchema.nullish(),
  /** The photo's new place in the order, from 0; the others shift to make room. */
  position: bodyNumber(
    z.number('Position must be a number.').int('Position must be a whole number.').min(0, 'Position starts at 0.'),
  ).optional(),
  /** Only `true`: a car with photos always has a primary one, so make another photo primary instead. */
  isPrimary: z.literal(true, 'isPrimary can only be set to true (make another photo primary instead).').optional(),
});

export const removePhotoInput = z.object({ carId: carIdSchema, photoId: photoIdSchema });
