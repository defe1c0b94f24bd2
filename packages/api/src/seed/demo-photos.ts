import type { Database } from '@carhub/db';
import { carNotFound } from '../domain/cars/policy';
import type { CarCheck } from '../domain/photos/store-photo';
import { storeCarPhoto } from '../domain/photos/store-photo';
import type { Storage } from '../storage/storage';
import { demoGarageCars, demoStockCars } from './demo-cars';

// How many of the demo stock cars for sale (in demoStockCars order) get a photo; the garage cars all do.
const STOCK_WITH_PHOTOS = 8;

const paint: Record<string, string> = {
  black: '#1d1f22',
  white: '#eceff1',
  silver: '#b0b6bb',
  grey: '#6d7378',
  blue: '#2f5fa8',
  red: '#b3262d',
  green: '#2e7d4f',
};

/**
 * A made-up "photo": the car's colour as a simple side view on a plain backdrop. Drawn as SVG
 * shapes only, since text would need fonts the machine may not have.
 */
async function demoImage(color: string | null): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const body = paint[(color ?? '').toLowerCase()] ?? '#8a8f94';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="640">
    <rect width="960" height="640" fill="#dfe7ee"/>
    <rect y="470" width="960" height="170" fill="#9aa3ab"/>
    <path d="M150 430 L190 330 Q210 300 260 295 L360 290 L450 215 Q470 200 520 200 L640 200 Q690 200 720 240 L770 300 L830 320 Q860 330 860 370 L860 430 Z" fill="${body}" stroke="#222" stroke-width="6"/>
    <path d="M470 230 L520 225 L560 225 L560 290 L400 292 Z M580 225 L650 225 Q680 228 700 255 L730 292 L580 292 Z" fill="#cfe3f2" stroke="#222" stroke-width="4"/>
    <circle cx="300" cy="440" r="62" fill="#222"/><circle cx="300" cy="440" r="28" fill="#999"/>
    <circle cx="710" cy="440" r="62" fill="#222"/><circle cx="710" cy="440" r="28" fill="#999"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

const exists: CarCheck = (car) => {
  if (!car) throw carNotFound();
};

/**
 * Gives the demo garage cars and the first demo stock cars a photo each, through the same
 * pipeline as an upload. Cars that have a photo already are left alone, so it is safe to rerun.
 */
export async function seedDemoPhotos(db: Database, storage: Storage): Promise<number> {
  const plates = Object.values(demoGarageCars).flatMap((cars) => cars.map((car) => car.licensePlate ?? ''));
  const vins = demoStockCars()
    .filter((car) => car.status === 'available')
    .slice(0, STOCK_WITH_PHOTOS)
    .map((car) => car.vin ?? '');
  const demoUsernames = Object.keys(demoGarageCars);
  const cars = await db
    .selectFrom('cars')
    .leftJoin('users', 'users.id', 'cars.ownerId')
    .select(['cars.id', 'cars.make', 'cars.model', 'cars.color'])
    .where((eb) =>
      eb.or([
        eb.and([eb('users.username', 'in', demoUsernames), eb('cars.licensePlate', 'in', plates)]),
        eb.and([eb('cars.ownerId', 'is', null), eb('cars.vin', 'in', vins)]),
      ]),
    )
    .where(({ not, exists: hasAny, selectFrom }) =>
      not(hasAny(selectFrom('carPhotos').select('carPhotos.id').whereRef('carPhotos.carId', '=', 'cars.id'))),
    )
    .orderBy('cars.id')
    .execute();
  for (const car of cars) {
    const bytes = await demoImage(car.color);
    await storeCarPhoto(db, storage, { carId: car.id, bytes, altText: `${car.make} ${car.model}` }, exists);
  }
  return cars.length;
}
