import type { Database } from '@carhub/db';
import type { NotifyLogger } from '../notifications/logger';
import { type PruneOptions, pruneExpired } from './prune';

export interface Pruner {
  /** One pass over every table; what each lost. */
  runOnce(): Promise<Record<string, number>>;
  start(): void;
  stop(): Promise<void>;
}

/** Runs pruneExpired every `intervalMs` (first a few seconds after start), one pass at a time. */
export function createPruner(
  options: PruneOptions & { db: Database; log: NotifyLogger; intervalMs: number; firstRunMs?: number },
): Pruner {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const runOnce = () => pruneExpired(options.db, options);
  const tick = () => {
    running = runOnce()
      .then((deleted) => {
        if (Object.values(deleted).some((n) => n > 0)) options.log.info({ deleted }, 'pruned expired rows');
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
