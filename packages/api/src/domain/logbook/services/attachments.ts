import { randomUUID } from 'node:crypto';
import type { Database } from '@carhub/db';
import { AppError } from '../../../errors';
import { contentTypeForKey } from '../../../storage/object-key';
import type { Storage, StoredObject } from '../../../storage/storage';
import type { Viewer } from '../../auth/principal';
import { detectFileType, processUpload } from '../../photos/process-upload';
import { logbookCar } from '../logbook-access';
import type { ServiceRecord } from './queries';
import { findService, serviceNotFound } from './queries';
import type { ServiceOutput } from './schemas';

type AttachmentOutput = ServiceOutput['attachments'][number];

const attachmentColumns = [
  'serviceAttachments.id',
  'serviceAttachments.serviceId',
  'serviceAttachments.carId',
  'serviceAttachments.objectKey',
  'serviceAttachments.name',
  'serviceAttachments.contentType',
  'serviceAttachments.size',
] as const;

export function attachmentNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such attachment of this service record.');
}

/** Where an attachment is downloaded: a route that checks who asks, then serves it as a download. */
export function attachmentPath(carId: string, serviceId: string, attachmentId: string): string {
  return `/api/cars/${carId}/services/${serviceId}/attachments/${attachmentId}`;
}

/** Service records as answers, each with its attachments (one query for the whole page). */
export async function toServiceOutputs(db: Database, rows: readonly ServiceRecord[]): Promise<ServiceOutput[]> {
  const ids = rows.map((row) => row.id);
  const attachments =
    ids.length === 0
      ? []
      : await db
          .selectFrom('serviceAttachments')
          .select(attachmentColumns)
          .where('serviceAttachments.serviceId', 'in', ids)
          .orderBy('serviceAttachments.createdAt')
          .orderBy('serviceAttachments.id')
          .execute();
  const byService = new Map<string, AttachmentOutput[]>();
  for (const a of attachments) {
    const output = {
      id: a.id,
      url: attachmentPath(a.carId, a.serviceId, a.id),
      name: a.name,
      contentType: a.contentType,
      size: a.size,
    };
    byService.set(a.serviceId, [...(byService.get(a.serviceId) ?? []), output]);
  }
  return rows.map((row) => ({ ...row, attachments: byService.get(row.id) ?? [] }));
}

export async function toServiceOutput(db: Database, row: ServiceRecord): Promise<ServiceOutput> {
  const [output] = await toServiceOutputs(db, [row]);
  if (!output) throw new Error('toServiceOutputs lost a record');
  return output;
}

interface CleanAttachment {
  bytes: Uint8Array;
  /** What it is served as. */
  contentType: 'application/pdf' | 'image/webp';
  extension: 'pdf' | 'webp';
}

/**
 * Judges an upload by its bytes: a PDF is kept as it is; a JPEG, PNG or WebP is re-encoded
 * without metadata (EXIF, GPS) like a photo. Anything else is a 400.
 */
export async function cleanAttachment(bytes: Uint8Array): Promise<CleanAttachment> {
  const detected = await detectFileType(bytes);
  if (detected?.mime === 'application/pdf') return { bytes, contentType: 'application/pdf', extension: 'pdf' };
  if (detected && ['image/jpeg', 'image/png', 'image/webp'].includes(detected.mime)) {
    const image = await processUpload(bytes);
    return { bytes: image.main.bytes, contentType: 'image/webp', extension: 'webp' };
  }
  const what = detected ? `a ${detected.mime} file` : 'not a PDF or an image';
  throw new AppError('BAD_REQUEST', `Unsupported file: ${what}. Attach a PDF, JPEG, PNG or WebP.`, {
    fieldErrors: { file: ['Attach a PDF, JPEG, PNG or WebP'] },
  });
}

/** The name a download gets: the client's, without any path, control characters or a misleading extension. */
export function attachmentName(given: string, extension: string): string {
  const base = [...(given.split(/[\\/]/).at(-1) ?? '')]
    .filter((c) => c !== '"' && (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f')
    .join('')
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, '') || 'attachment';
  return `${stem}.${extension}`;
}

export interface AttachmentUpload {
  carId: string;
  serviceId: string;
  bytes: Uint8Array;
  name: string;
}

/**
 * Adds an attachment's row (with the car row locked and the record checked again), writes the
 * object inside that transaction, and commits last: a refused upload writes nothing, a
 * committed row always has its object, and a crash before the commit leaves at most an object
 * no row references (the storage janitor's to remove). If the put or a statement fails, the
 * object goes. Answers the service record.
 */
export async function storeAttachment(
  db: Database,
  storage: Storage,
  viewer: Viewer,
  upload: AttachmentUpload,
): Promise<ServiceOutput> {
  const clean = await cleanAttachment(upload.bytes);
  const id = randomUUID();
  const key = `cars/${upload.carId}/services/${upload.serviceId}/${id}.${clean.extension}`;
  let committing = false; // from then on the outcome may be unknown: the janitor judges the object
  try {
    return await db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, viewer, upload.carId, { lock: true });
      const service = await findService(trx, car.id, upload.serviceId);
      if (!service) throw serviceNotFound();
      await trx
        .insertInto('serviceAttachments')
        .values({
          id,
          serviceId: service.id,
          carId: car.id,
          objectKey: key,
          name: attachmentName(upload.name, clean.extension),
          contentType: clean.contentType,
          size: clean.bytes.byteLength,
        })
        .execute();
      // The local driver serves by extension; this object is only ever served by the download route.
      await storage.put(key, clean.bytes, contentTypeForKey(key));
      const { odometerReadingId: _reading, ...record } = service;
      const output = await toServiceOutput(trx, record);
      committing = true;
      return output;
    });
  } catch (error) {
    if (!committing) await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/** Deletes an attachment's row; returns its key for the caller to delete after the commit. Car row locked. */
export async function deleteAttachment(db: Database, carId: string, serviceId: string, id: string): Promise<string> {
  const row = await db
    .deleteFrom('serviceAttachments')
    .where('id', '=', id)
    .where('serviceId', '=', serviceId)
    .where('carId', '=', carId)
    .returning('objectKey')
    .executeTakeFirst();
  if (!row) throw attachmentNotFound();
  return row.objectKey;
}

export interface AttachmentDownload {
  object: StoredObject;
  name: string;
  contentType: string;
  size: number;
}

/** An attachment's bytes for whoever may see the car (another user's car is not found). */
export async function openAttachment(
  db: Database,
  storage: Storage,
  viewer: Viewer,
  ref: { carId: string; serviceId: string; attachmentId: string },
): Promise<AttachmentDownload> {
  const car = await logbookCar(db, viewer, ref.carId);
  const row = await db
    .selectFrom('serviceAttachments')
    .select(attachmentColumns)
    .where('serviceAttachments.id', '=', ref.attachmentId)
    .where('serviceAttachments.serviceId', '=', ref.serviceId)
    .where('serviceAttachments.carId', '=', car.id)
    .executeTakeFirst();
  if (!row) throw attachmentNotFound();
  const object = await storage.get(row.objectKey);
  if (!object) throw attachmentNotFound();
  return { object, name: row.name, contentType: row.contentType, size: row.size };
}
