import type { BodyType, FuelType, Transmission } from '@carhub/db';
import type { CarValues } from '../domain/cars/queries';
import { vinCheckDigit } from '../domain/cars/vin';

/** Garage cars of the demo clients, by username. */
export const demoGarageCars: Readonly<Record<string, ReadonlyArray<Omit<CarValues, 'ownerId'>>>> = {
  alice: [
    {
      make: 'Volkswagen',
      model: 'Golf',
      year: 2018,
      color: 'Blue',
      licensePlate: 'B-AL 2018',
      vin: 'WVWZZZAUZJW000001',
      mileage: 74_200,
      fuelType: 'petrol',
      bodyType: 'hatchback',
      transmission: 'manual',
      notes: 'Winter tyres in the cellar.',
    },
    {
      make: 'Honda',
      model: 'Accord',
      year: 2003,
      color: 'Silver',
      licensePlate: 'B-AL 2003',
      vin: '1HGCM82633A004352',
      mileage: 198_500,
      fuelType: 'petrol',
      bodyType: 'sedan',
      transmission: 'automatic',
    },
  ],
  bob: [
    {
      make: 'Renault',
      model: 'Kangoo',
      year: 2020,
      color: 'White',
      licensePlate: 'HH-BR 77',
      mileage: 51_000,
      fuelType: 'diesel',
      bodyType: 'van',
      transmission: 'manual',
    },
  ],
};

interface ModelLine {
  make: string;
  model: string;
  bodyType: BodyType;
  fuelTypes: FuelType[];
  /** World manufacturer identifier: the first three VIN characters. */
  wmi: string;
  basePrice: number;
}

const modelLines: ModelLine[] = [
  {
    make: 'Toyota',
    model: 'Corolla',
    bodyType: 'sedan',
    fuelTypes: ['petrol', 'hybrid'],
    wmi: 'JTD',
    basePrice: 24_000,
  },
  { make: 'Toyota', model: 'RAV4', bodyType: 'suv', fuelTypes: ['hybrid'], wmi: 'JTM', basePrice: 36_000 },
  {
    make: 'Toyota',
    model: 'Yaris',
    bodyType: 'hatchback',
    fuelTypes: ['petrol', 'hybrid'],
    wmi: 'VNK',
    basePrice: 19_000,
  },
  {
    make: 'Volkswagen',
    model: 'Golf',
    bodyType: 'hatchback',
    fuelTypes: ['petrol', 'diesel'],
    wmi: 'WVW',
    basePrice: 27_000,
  },
  { make: 'Volkswagen', model: 'Passat', bodyType: 'wagon', fuelTypes: ['diesel'], wmi: 'WVW', basePrice: 38_000 },
  { make: 'Volkswagen', model: 'ID.4', bodyType: 'suv', fuelTypes: ['electric'], wmi: 'WVG', basePrice: 42_000 },
  { make: 'BMW', model: '3 Series', bodyType: 'sedan', fuelTypes: ['petrol', 'diesel'], wmi: 'WBA', basePrice: 45_000 },
  { make: 'BMW', model: 'Z4', bodyType: 'convertible', fuelTypes: ['petrol'], wmi: 'WBA', basePrice: 52_000 },
  { make: 'Ford', model: 'Mustang', bodyType: 'coupe', fuelTypes: ['petrol'], wmi: '1FA', basePrice: 48_000 },
  { make: 'Ford', model: 'Transit', bodyType: 'van', fuelTypes: ['diesel'], wmi: 'WF0', basePrice: 39_000 },
  { make: 'Ford', model: 'Ranger', bodyType: 'pickup', fuelTypes: ['diesel'], wmi: '1FT', basePrice: 41_000 },
  { make: 'Tesla', model: 'Model 3', bodyType: 'sedan', fuelTypes: ['electric'], wmi: '5YJ', basePrice: 43_000 },
  { make: 'Tesla', model: 'Model Y', bodyType: 'suv', fuelTypes: ['electric'], wmi: '7SA', basePrice: 47_000 },
  { make: 'Dacia', model: 'Duster', bodyType: 'suv', fuelTypes: ['petrol', 'lpg'], wmi: 'UU1', basePrice: 21_000 },
  { make: 'Mazda', model: 'MX-5', bodyType: 'convertible', fuelTypes: ['petrol'], wmi: 'JMZ', basePrice: 33_000 },
  { make: 'Volvo', model: 'V60', bodyType: 'wagon', fuelTypes: ['hybrid', 'diesel'], wmi: 'YV1', basePrice: 49_000 },
];

const colors = ['Black', 'White', 'Silver', 'Grey', 'Blue', 'Red', 'Green'];
const vinCharacters = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** mulberry32: a small seeded generator, so the demo stock is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A VIN with a correct check digit (position 9), valid wherever it claims to come from. */
function demoVin(wmi: string, serial: number, random: () => number): string {
  const pick = () => vinCharacters.charAt(Math.floor(random() * vinCharacters.length));
  const draft = `${wmi}${pick()}${pick()}${pick()}${pick()}${pick()}0${pick()}${pick()}${String(serial).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

/** About fifty stock cars across makes, body types, fuels, years and prices; the same every time. */
export function demoStockCars(count = 50): Array<Omit<CarValues, 'ownerId'>> {
  const random = seededRandom(20_260_101);
  const cars: Array<Omit<CarValues, 'ownerId'>> = [];
  for (let i = 0; i < count; i++) {
    const line = modelLines[i % modelLines.length] as ModelLine;
    const age = Math.floor(random() * 10);
    const year = 2025 - age;
    const mileage = age * 12_000 + Math.floor(random() * 9_000);
    const price = Math.max(2_500, Math.round((line.basePrice * 0.88 ** age) / 50) * 50) - (i % 3 === 0 ? 0.01 : 0);
    const transmission: Transmission = line.fuelTypes.includes('electric') || random() < 0.6 ? 'automatic' : 'manual';
    cars.push({
      make: line.make,
      model: line.model,
      year,
      color: colors[Math.floor(random() * colors.length)] ?? null,
      vin: demoVin(line.wmi, 100 + i, random),
      mileage,
      fuelType: line.fuelTypes[Math.floor(random() * line.fuelTypes.length)] ?? 'petrol',
      bodyType: line.bodyType,
      transmission,
      price: price.toFixed(2),
      // A few cars show the other statuses: reserved in the catalogue, sold and removed to staff only.
      status: i % 17 === 5 ? 'reserved' : i % 23 === 7 ? 'sold' : i % 29 === 11 ? 'removed' : 'available',
    });
  }
  return cars;
}
