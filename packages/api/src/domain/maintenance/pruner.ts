import type { Database } from '@carhub/db';
import type { Storage } from '../../storage/storage';
import type { NotifyLogger } from '../notifications/logger';
import { type PruneOptions, pruneExpired } from './prune';
import { sweepStorage } from './storage-janitor';

export interface Pruner {
  /** One pass over every table (and the storage, when given one); what each lost. */
  runOnce(): Promise<Record<string, number>>;
  start(): void;
  stop(): Promise<void>;
}

export interface PrunerOptions extends PruneOptions {
  db: Database;
  log: NotifyLogger;
  intervalMs: number;
  firstRunMs?: number;
  /** The storage whose orphaned objects go too (sweepStorage); none: rows only. */
  storage?: Storage;
}

/**
 * Runs pruneExpired, then the storage janitor (sweepStorage), every `intervalMs` (first a few
 * seconds after start), one pass at a time.
 */
export function createPruner(options: PrunerOptions): Pruner {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const runOnce = async () => {
    const deleted = await pruneExpired(options.db, options);
    if (!options.storage) return deleted;
    const swept = await sweepStorage(options.db, options.storage);
    return { ...deleted, 'storage orphans': swept.orphans, 'storage temporaries': swept.temporaries };
  };
  const tick = () => {
    running = runOnce()
      .then((deleted) => {
        if (Object.values(deleted).some((n) => n > 0)) options.log.info({ deleted }, 'pruned expired rows and objects');
      })
      .catch((error: unknown) => options.log.warn({ err: error }, 'pruning failed; trying again next time'))
      .finally(() => {
        running = null;
        if (!timer) return; // stopped meanwhile
        timer = setTimeout(tick, options.intervalMs);
        timer.unref();
      });
  };
  return {
    runOnce,
    start() {
      if (timer) return;
      timer = setTimeout(tick, options.firstRunMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
