import { describe, expect, it } from 'vitest';
import { readingOrderProblem } from './reading-order';

describe('readingOrderProblem', () => {
  const earlier = { at: '2026-01-10', km: 10_000 };
  const later = { at: '2026-03-10', km: 12_000 };

  it('accepts a reading between its neighbours, equal ones included', () => {
    expect(readingOrderProblem({ at: '2026-02-01', km: 11_000 }, { earlier, later })).toBeNull();
    expect(readingOrderProblem({ at: '2026-02-01', km: 10_000 }, { earlier, later })).toBeNull();
    expect(readingOrderProblem({ at: '2026-02-01', km: 12_000 }, { earlier, later })).toBeNull();
    expect(readingOrderProblem({ at: '2026-02-01', km: 5 }, { earlier: null, later })).toBeNull();
    expect(readingOrderProblem({ at: '2026-02-01', km: 99_999 }, { earlier, later: null })).toBeNull();
  });

  it('names the earlier neighbour when lower', () => {
    expect(readingOrderProblem({ at: '2026-02-01', km: 9_999 }, { earlier, later })).toBe(
      "The odometer read 10,000 km on 2026-01-10: a reading of 9,999 km on 2026-02-01 can't be lower.",
    );
  });

  it('names the later neighbour when higher', () => {
    expect(readingOrderProblem({ at: '2026-02-01', km: 12_001 }, { earlier, later })).toBe(
      "The odometer read 12,000 km on 2026-03-10: a reading of 12,001 km on 2026-02-01 can't be higher.",
    );
  });
});
