import type { Storage } from './storage';

function storageMissing(): never {
  throw new Error('No storage was configured here: pass one (createContextInner, seedDemoData)');
}

/**
 * The storage of a context (or seed) given none: every call that would touch an object
 * refuses, so a missing storage is a loud programming error, never a silently lost photo.
 * Work that touches no object (deleting a car without photos) needs none.
 */
export const noStorage: Storage = {
  driver: 'local',
  put: storageMissing,
  get: storageMissing,
  copy: storageMissing,
  delete: storageMissing,
  deleteMany: async (keys) => {
    if (keys.length > 0) storageMissing();
  },
  list: storageMissing,
  removeStaleTemporaries: async () => 0,
  url: storageMissing,
  close: async () => {},
};
