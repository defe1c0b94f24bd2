/**
 * A counting semaphore: at most `limit` jobs run at once, the rest wait in arrival order.
 * Decoding a 40-megapixel image takes ~160 MB of pixels, so a burst of uploads must queue
 * rather than all decode together.
 */
export class JobLimiter {
  readonly limit: number;
  #active = 0;
  #peak = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('JobLimiter limit must be a whole number >= 1');
    this.limit = limit;
  }

  /** Jobs running now. */
  get active(): number {
    return this.#active;
  }

  /** Jobs waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** The most jobs that ever ran at once (for tests and metrics). */
  get peak(): number {
    return this.#peak;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await job();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#take();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(() => {
        this.#take();
        resolve();
      });
    });
  }

  #take(): void {
    this.#active += 1;
    this.#peak = Math.max(this.#peak, this.#active);
  }

  #release(): void {
    this.#active -= 1;
    // Hand the slot straight to the next waiter so a newcomer can't jump the queue.
    this.#waiting.shift()?.();
  }
}
