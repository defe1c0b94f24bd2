import { createTRPCRouter } from '../../trpc';
import { available } from './available';
import { bulkSetStatus } from './bulk-set-status';
import { create } from './create';
import { get } from './get';
import { importCsv } from './import';
import { list } from './list';
import { remove } from './remove';
import { slots } from './slots';
import { update } from './update';

/** Dealership stock: the public catalogue, and staff's work on it. */
export const inventoryRouter = createTRPCRouter({
  list,
  // Before get: /api/inventory/available must not be read as /api/inventory/{id}.
  available,
  get,
  create,
  update,
  remove,
  bulkSetStatus,
  import: importCsv,
  slots,
});
