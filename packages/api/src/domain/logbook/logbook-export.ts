import type { Database } from '@carhub/db';
import { type CsvColumn, csvLines } from '../../csv/csv-writer';
import type { Viewer } from '../auth/principal';
import { logbookCar } from './logbook-access';

interface LogbookRow {
  at: string;
  kind: 'odometer' | 'fuel' | 'service';
  odometerKm: number | null;
  liters: string | null;
  cost: string | null;
  fullTank: boolean | null;
  title: string | null;
  items: string | null;
  place: string | null;
  notes: string | null;
}

const columns: CsvColumn<LogbookRow>[] = [
  { header: 'date', value: (r) => r.at },
  { header: 'kind', value: (r) => r.kind },
  { header: 'odometerKm', value: (r) => r.odometerKm },
  { header: 'liters', value: (r) => r.liters },
  { header: 'cost', value: (r) => r.cost },
  { header: 'fullTank', value: (r) => r.fullTank },
  { header: 'title', value: (r) => r.title },
  { header: 'items', value: (r) => r.items },
  { header: 'stationOrShop', value: (r) => r.place },
  { header: 'notes', value: (r) => r.notes },
];

/**
 * A car's logbook as CSV, oldest first: odometer readings of their own (those of fill-ups and
 * services are in those rows), fill-ups and services. Cells a spreadsheet would read as a
 * formula are neutralised by the CSV writer, as in every export. For whoever may keep the
 * car's logbook (another user's car is not found).
 */
export async function logbookCsv(db: Database, viewer: Viewer, carId: string): Promise<AsyncGenerator<string>> {
  const car = await logbookCar(db, viewer, carId);
  const [readings, fuel, services] = await Promise.all([
    db
      .selectFrom('odometerReadings')
      .select(['at', 'km', 'note', 'createdAt'])
      .where('carId', '=', car.id)
      .where('source', 'not in', ['fuel', 'service'])
      .execute(),
    db
      .selectFrom('fuelEntries')
      .select(['at', 'odometerKm', 'liters', 'totalCost', 'fullTank', 'station', 'notes', 'createdAt'])
      .where('carId', '=', car.id)
      .execute(),
    db
      .selectFrom('serviceRecords')
      .select(['at', 'odometerKm', 'title', 'items', 'cost', 'shop', 'notes', 'createdAt'])
      .where('carId', '=', car.id)
      .execute(),
  ]);
  const empty = { liters: null, cost: null, fullTank: null, title: null, items: null, place: null };
  const rows: (LogbookRow & { createdAt: Date })[] = [
    ...readings.map((r) => ({
      ...empty,
      at: r.at,
      kind: 'odometer' as const,
      odometerKm: r.km,
      notes: r.note,
      createdAt: r.createdAt,
    })),
    ...fuel.map((f) => ({
      ...empty,
      at: f.at,
      kind: 'fuel' as const,
      odometerKm: f.odometerKm,
      liters: f.liters,
      cost: f.totalCost,
      fullTank: f.fullTank,
      place: f.station,
      notes: f.notes,
      createdAt: f.createdAt,
    })),
    ...services.map((s) => ({
      ...empty,
      at: s.at,
      kind: 'service' as const,
      odometerKm: s.odometerKm,
      cost: s.cost,
      title: s.title,
      items: s.items.join('; '),
      place: s.shop,
      notes: s.notes,
      createdAt: s.createdAt,
    })),
  ];
  rows.sort((a, b) => a.at.localeCompare(b.at) || a.createdAt.getTime() - b.createdAt.getTime());
  async function* once() {
    yield rows;
  }
  return csvLines(columns, once());
}
