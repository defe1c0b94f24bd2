import { z } from 'zod';
import { carIdSchema } from '../../../../domain/cars/schemas';
import { attachmentIdSchema, serviceIdSchema } from '../../../../domain/logbook/services/schemas';
import { formFields } from '../../photos/schemas';

/**
 * cars.services.attachments.add takes a FormData (tRPC carries it as multipart/form-data; the
 * REST route builds one from its own multipart body). The declared type is not trusted: the
 * bytes decide. The file's name is kept (cleaned) as the download's name.
 */
export const addAttachmentInput = z
  .instanceof(FormData, { message: 'Send the file as multipart/form-data with the fields carId, entryId and file.' })
  .transform(formFields)
  .pipe(
    z.strictObject({
      carId: carIdSchema,
      entryId: serviceIdSchema,
      file: z.file('Attach the file as the field "file".'),
    }),
  );

export const removeAttachmentInput = z.object({
  id: carIdSchema,
  entryId: serviceIdSchema,
  attachmentId: attachmentIdSchema,
});
