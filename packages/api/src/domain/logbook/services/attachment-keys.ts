import type { Database } from '@carhub/db';

/** The storage keys of every attachment of a car, or of every car in a garage (deleted with them). */
export async function attachmentKeysOf(
  db: Database,
  where: { carId: string } | { ownerId: string },
): Promise<string[]> {
  const rows =
    'carId' in where
      ? await db.selectFrom('serviceAttachments').select('objectKey').where('carId', '=', where.carId).execute()
      : await db
          .selectFrom('serviceAttachments')
          .innerJoin('cars', 'cars.id', 'serviceAttachments.carId')
          .select('serviceAttachments.objectKey')
          .where('cars.ownerId', '=', where.ownerId)
          .execute();
  return rows.map((row) => row.objectKey);
}
