/**
 * Counts calls per key in the database, joining the calls that arrive while a key's count is
 * on its way into one statement: thirty requests from one address at once make one or two
 * upserts of the key's row, not thirty queued on its lock. Each call still learns its exact
 * place in the shared count (the total the statement returns, less what later calls of the
 * same statement added), so a limit holds across instances as it did with one statement per call.
 */
export type CountStatement = (key: string, cost: number) => Promise<{ attempts: number; retryAfter: number } | null>;

interface Waiting {
  cost: number;
  resolve: (attempts: { attempts: number; retryAfter: number } | null) => void;
  reject: (error: unknown) => void;
}

interface KeyState {
  /** Calls that arrived while a statement for the key was running: the next statement counts them. */
  queued: Waiting[];
}

export function coalescedCounter(statement: CountStatement) {
  const running = new Map<string, KeyState>();

  const send = (key: string, batch: Waiting[], state: KeyState) => {
    const total = batch.reduce((sum, call) => sum + call.cost, 0);
    statement(key, total)
      .then(
        (row) => {
          let added = 0;
          for (const call of batch) {
            added += call.cost;
            // This call's place: the count before the statement, plus the calls up to and including it.
            call.resolve(row ? { attempts: row.attempts - total + added, retryAfter: row.retryAfter } : null);
          }
        },
        (error: unknown) => {
          for (const call of batch) call.reject(error);
        },
      )
      .finally(() => {
        const next = state.queued;
        if (next.length === 0) {
          running.delete(key);
          return;
        }
        state.queued = [];
        send(key, next, state);
      });
  };

  /** The shared count once this call's cost is added (null when the statement returned no row). */
  return (key: string, cost: number) =>
    new Promise<{ attempts: number; retryAfter: number } | null>((resolve, reject) => {
      const call = { cost, resolve, reject };
      const state = running.get(key);
      if (state) {
        state.queued.push(call);
        return;
      }
      const fresh: KeyState = { queued: [] };
      running.set(key, fresh);
      send(key, [call], fresh);
    });
}
