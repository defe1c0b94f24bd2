import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  type KyselyPlugin,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryId,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { CamelCaseNames, SnakeCaseCompiler } from './camel-case';

const compilerWith = (plugin: KyselyPlugin, compiler: () => PostgresQueryCompiler) =>
  new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: compiler,
    },
    plugins: [plugin],
  });

const ourCompiler = () => {
  const names = new CamelCaseNames();
  return compilerWith(names, () => new SnakeCaseCompiler(names));
};

describe('CamelCaseNames', () => {
  it('writes the SQL CamelCasePlugin writes', () => {
    const queries = (db: Kysely<any>) => [
      db
        .selectFrom('carPhotos as cp')
        .innerJoin('cars', 'cars.id', 'cp.carId')
        .select(['cp.thumbnailKey', 'cars.fuelType as fuelKind', sql<number>`count(*)`.as('photoCount')])
        .where('cars.ownerId', '=', 'x')
        .orderBy('cp.createdAt', 'desc'),
      db
        .updateTable('serviceRecords')
        .set({ odometerKm: 1, nextDueAt: null })
        .where('id', '=', 'y')
        .returning('updatedAt'),
      db
        .insertInto('loginThrottle')
        .values({ throttleKey: 'k', attemptCount: 1 })
        .onConflict((oc) =>
          oc.column('throttleKey').doUpdateSet({ attemptCount: sql`login_throttle.attempt_count + 1` }),
        ),
      db
        .with('recentCars', (qb) => qb.selectFrom('cars').select(['cars.id', 'cars.createdAt']).limit(5))
        .selectFrom('recentCars')
        .where(sql<boolean>`${sql.ref('recentCars.createdAt')} > now() - interval '1 day'`)
        .where('recentCars.id', 'in', db.selectFrom('carPhotos').select('carPhotos.carId'))
        .selectAll(),
      db.deleteFrom('apiKeys').where('apiKeys.revokedAt', 'is not', null),
    ];
    const ours = queries(ourCompiler());
    const theirs = queries(compilerWith(new CamelCasePlugin(), () => new PostgresQueryCompiler()));
    // Twice: the second time from the remembered names.
    for (let round = 0; round < 2; round++) {
      ours.forEach((query, i) => {
        expect(query.compile().sql).toBe(theirs[i]?.compile().sql);
      });
    }
  });

  it('leaves the names of a handle without plugins as they are (migrations, schema reads)', () => {
    const db = ourCompiler();
    const marked = db.selectFrom('carPhotos').select('carPhotos.thumbnailKey').compile().sql;
    const raw = db.withoutPlugins().selectFrom('carPhotos').select('carPhotos.thumbnailKey').compile().sql;
    expect(marked).toBe('select "car_photos"."thumbnail_key" from "car_photos"');
    expect(raw).toBe('select "carPhotos"."thumbnailKey" from "carPhotos"');
  });

  it('maps rows as CamelCasePlugin maps them, nested jsonb objects and arrays included', async () => {
    const when = new Date(0);
    const bytes = Buffer.from('ab');
    const rows = () => [
      {
        car_id: 'a',
        created_at: when,
        raw_bytes: bytes,
        nothing_here: null,
        opening_hours: { week_day: 1, time_ranges: [{ start_at: '09:00', end_at: '12:00' }, 'plain'] },
        tag_list: ['first_tag', { inner_key: 2 }],
      },
      { car_id: 'b', created_at: when, raw_bytes: bytes, nothing_here: 1, opening_hours: {}, tag_list: [] },
    ];
    const queryId = { queryId: 'q' } as QueryId;
    const ours = await new CamelCaseNames().transformResult({ result: { rows: rows() }, queryId });
    const theirs = await new CamelCasePlugin().transformResult({ result: { rows: rows() }, queryId });
    expect(ours.rows).toEqual(theirs.rows);
    expect(Object.keys(ours.rows[0] ?? {})).toEqual([
      'carId',
      'createdAt',
      'rawBytes',
      'nothingHere',
      'openingHours',
      'tagList',
    ]);
    expect(ours.rows[0]?.createdAt).toBe(when);
    expect(ours.rows[0]?.rawBytes).toBe(bytes);
  });
});
