import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import type { Storage } from '../../storage/storage';
import { audit } from '../audit/audit';
import { cancelBookingsOffOffer } from '../bookings/off-offer';
import { assertStockCarVisible } from '../cars/policy';
import { type CarRecord, findCar, insertCar, updateCar } from '../cars/queries';
import { isOnOffer } from '../cars/statuses';
import { copyLogbook } from '../logbook/copy-logbook';
import { enqueue } from '../notifications/enqueue';
import { copyCarPhotos } from '../photos/copy-photos';
import { commissionOf } from './commission';
import { alreadySold, insertSale } from './queries';
import type { SaleOutput } from './schemas';

export interface SaleRequest {
  carId: string;
  customerId: string;
  /** Two-place decimal string (priceSchema). */
  price: string;
  notes?: string | null | undefined;
}

export interface SaleContext {
  /** The seller: staff or admin. */
  auth: Pick<Auth, 'user'>;
  storage: Storage;
  now: Date;
  /** The rate of a seller who has none of their own (DEFAULT_COMMISSION_RATE). */
  defaultCommissionRate: string;
}

/**
 * Sells a stock car in one transaction (sales.create and the demo seed): the car is locked,
 * then it becomes `sold`, a copy (details, photos, odometer readings and service records with
 * their attachments; no price or costs) lands in the buyer's garage,
 * its future bookings are cancelled with their customers told, and the sale is stored with the
 * seller's rate, the commission and a snapshot of the car. Two sales of one car queue on the
 * lock; the second finds it sold (409). The photo objects are copied before the commit; if the
 * transaction rolls back, the copies are deleted again.
 */
export async function sellCar(db: Database, ctx: SaleContext, request: SaleRequest): Promise<SaleOutput> {
  const copiedKeys: string[] = [];
  // Once the commit is under way its outcome may be unknown: the copies then stay for the janitor.
  let committing = false;
  try {
    return await db.transaction().execute(async (trx) => {
      const sale = await recordSale(trx, ctx, request, copiedKeys);
      committing = true;
      return sale;
    });
  } catch (error) {
    // The rows that would have pointed at the copies are gone with the rollback; a failure to
    // delete only leaves unreferenced objects, and the caller must see the original error.
    if (!committing) await ctx.storage.deleteMany(copiedKeys).catch(() => undefined);
    throw error;
  }
}

async function recordSale(
  trx: Database,
  ctx: SaleContext,
  request: SaleRequest,
  copiedKeys: string[],
): Promise<SaleOutput> {
  const seller = ctx.auth.user;
  const car = await findCar(trx, request.carId, { forUpdate: true });
  assertStockCarVisible(seller, car);
  if (car.status === 'sold') throw alreadySold();
  if (!car.status || !isOnOffer(car.status)) {
    throw new AppError('CONFLICT', `This car is ${car.status}; only available or reserved stock can be sold.`);
  }
  const { sellerRate } = await lockParties(trx, seller.id, request.customerId);
  // Stored with the sale, so a later change of the seller's rate leaves it be.
  const rate = sellerRate ?? ctx.defaultCommissionRate;
  const garageCar = await copyToGarage(trx, car, request.customerId);
  await copyCarPhotos(trx, ctx.storage, car.id, garageCar.id, copiedKeys);
  await copyLogbook(trx, ctx.storage, car.id, garageCar.id, copiedKeys);
  await updateCar(trx, car.id, { status: 'sold' });
  await cancelBookingsOffOffer(trx, ctx.auth, [{ id: car.id, status: 'sold' }], ctx.now);

  const sale = await insertSale(trx, {
    carId: car.id,
    customerId: request.customerId,
    staffId: seller.id,
    garageCarId: garageCar.id,
    price: request.price,
    commissionRate: rate,
    commission: commissionOf(request.price, rate),
    carMake: car.make,
    carModel: car.model,
    carYear: car.year,
    carVin: car.vin,
    notes: request.notes ?? null,
    soldAt: ctx.now,
  });
  await enqueue(trx, {
    type: 'sale.created',
    recipients: [request.customerId],
    payload: {
      saleId: sale.id,
      carId: car.id,
      garageCarId: garageCar.id,
      carLabel: `${car.year} ${car.make} ${car.model}`,
      price: sale.price,
    },
  });
  await audit(trx, ctx.auth, { action: 'create', entity: 'sale', entityId: sale.id, after: sale });
  return sale;
}

/**
 * The seller and the buyer, key-share locked in id order so neither can be deleted mid-sale
 * (the sale row will point at both). The buyer: an existing, active account other than the
 * seller's. Returns the seller's commission rate as it is now.
 */
async function lockParties(
  trx: Database,
  sellerId: string,
  customerId: string,
): Promise<{ sellerRate: string | null }> {
  const parties = await trx
    .selectFrom('users')
    .select(['users.id', 'users.isActive', 'users.commissionRate'])
    .where('users.id', 'in', [sellerId, customerId])
    .orderBy('users.id')
    .forKeyShare()
    .execute();
  const seller = parties.find((user) => user.id === sellerId);
  if (!seller) throw new AppError('UNAUTHORIZED', 'Your account no longer exists.');
  const customer = parties.find((user) => user.id === customerId);
  if (!customer) {
    throw new AppError('NOT_FOUND', 'No such customer.', { fieldErrors: { customerId: ['No such user.'] } });
  }
  if (!customer.isActive) {
    const message = "This customer's account is deactivated; reactivate it before selling to them.";
    throw new AppError('CONFLICT', message, { fieldErrors: { customerId: [message] } });
  }
  if (customerId === sellerId) {
    const message = 'You can’t sell a car to yourself: a colleague records the sale.';
    throw new AppError('FORBIDDEN', message, { fieldErrors: { customerId: [message] } });
  }
  return { sellerRate: seller.commissionRate };
}

/** The buyer's own copy: the car's details, none of the dealership's (price, status, notes). */
async function copyToGarage(trx: Database, car: CarRecord, customerId: string): Promise<CarRecord> {
  try {
    return await insertCar(trx, {
      ownerId: customerId,
      make: car.make,
      model: car.model,
      year: car.year,
      color: car.color,
      licensePlate: car.licensePlate,
      vin: car.vin,
      mileage: car.mileage,
      fuelType: car.fuelType,
      bodyType: car.bodyType,
      transmission: car.transmission,
    });
  } catch (error) {
    // insertCar speaks to the garage's owner ("You already have..."); here that is the customer.
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const field = error.fieldErrors?.vin ? 'VIN' : 'licence plate';
      throw new AppError(
        'CONFLICT',
        `The customer's garage already has a car with this ${field}; they must change or remove it first.`,
        { fieldErrors: { customerId: [`Their garage already has a car with this ${field}.`] } },
      );
    }
    throw error;
  }
}
