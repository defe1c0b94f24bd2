import type { Counted } from '@carhub/api';

/**
 * Counts calls per key in the database, many calls to a statement. While a statement is on
 * its way, the calls that arrive, whatever their key, wait for the next one, which counts
 * them all. And while the server is busy (`busy()`: other requests are being answered),
 * statements start at most every `spacingMs`, so under load one statement counts many calls:
 * at most 1000 / spacingMs statements a second however many requests arrive. A call that
 * finds the server idle goes at once, so a lone caller never waits for the spacing.
 * Each call still learns its exact place in the shared count (its key's total as the
 * statement returns it, less what later calls of the same statement added), so a limit holds
 * across instances as it did with one statement per call.
 */
export type CountStatement = (costs: ReadonlyMap<string, number>) => Promise<ReadonlyMap<string, Counted>>;

export interface CoalescingOptions {
  /** The least time between two statements' starts while the server is busy, in ms. */
  spacingMs: number;
  /** Whether other requests are being answered: only then does a call wait for the spacing. */
  busy: () => boolean;
}

interface Waiting {
  key: string;
  cost: number;
  resolve: (counted: Counted | null) => void;
  reject: (error: unknown) => void;
}

export function coalescedCounter(statement: CountStatement, { spacingMs, busy }: CoalescingOptions) {
  let queued: Waiting[] = [];
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let lastStart = Number.NEGATIVE_INFINITY;

  const send = () => {
    timer = null;
    const batch = queued;
    queued = [];
    running = true;
    lastStart = performance.now();
    const totals = new Map<string, number>();
    for (const call of batch) totals.set(call.key, (totals.get(call.key) ?? 0) + call.cost);
    statement(totals)
      .then(
        (rows) => {
          const added = new Map<string, number>();
          for (const call of batch) {
            const upTo = (added.get(call.key) ?? 0) + call.cost;
            added.set(call.key, upTo);
            const row = rows.get(call.key);
            // This call's place: the key's count before the statement, plus its calls up to and including this one.
            const before = (row?.attempts ?? 0) - (totals.get(call.key) ?? 0);
            call.resolve(row ? { attempts: before + upTo, retryAfter: row.retryAfter } : null);
          }
        },
        (error: unknown) => {
          for (const call of batch) call.reject(error);
        },
      )
      .finally(() => {
        running = false;
        schedule();
      });
  };

  const schedule = () => {
    if (running || timer || queued.length === 0) return;
    const wait = busy() ? lastStart + spacingMs - performance.now() : 0;
    if (wait > 0) timer = setTimeout(send, Math.ceil(wait));
    else send();
  };

  /** The key's shared count once this call's cost is added (null when the statement returned no row for it). */
  return (key: string, cost: number) =>
    new Promise<Counted | null>((resolve, reject) => {
      queued.push({ key, cost, resolve, reject });
      schedule();
    });
}
