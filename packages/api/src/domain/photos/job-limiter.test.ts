import { describe, expect, it } from 'vitest';
import { JobLimiter } from './job-limiter';

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('JobLimiter', () => {
  it('runs at most `limit` jobs at once and starts the waiting ones in arrival order', async () => {
    const limiter = new JobLimiter(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const jobs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.waiting).toBe(3);

    gates[1]?.open();
    await jobs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    for (const g of gates) g.open();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a job fails', async () => {
    const limiter = new JobLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit below 1', () => {
    expect(() => new JobLimiter(0)).toThrow(RangeError);
  });
});
