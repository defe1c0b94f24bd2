import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };

  it('doubles each attempt, between half and all of the full delay', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(2, policy, () => 1)).toBe(2000);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(6000);
  });

  it('never passes the cap, however many attempts', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(50, policy, () => 0)).toBe(30_000);
  });
});
