import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from './json-shape';

describe('jsonShapeProblem', () => {
  it('accepts ordinary inputs', () => {
    expect(jsonShapeProblem('{"0":{"json":{"a":[1,2,{"b":"c"}]}}}')).toBeNull();
    expect(jsonShapeProblem('"just a string"')).toBeNull();
  });

  it('refuses deep nesting without recursing (100,000 levels)', () => {
    expect(jsonShapeProblem('['.repeat(100_000))).toMatch(/deeper than 32/);
    expect(jsonShapeProblem(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`)).toMatch(/deeper/);
  });

  it('counts brackets and colons inside strings as text', () => {
    expect(jsonShapeProblem(JSON.stringify({ a: '[[[[{{{{:::'.repeat(1000), b: 'q\\"[' }))).toBeNull();
  });

  it('refuses too many keys', () => {
    const many = `{${Array.from({ length: 20_001 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(jsonShapeProblem(many)).toMatch(/more than 20000 keys/);
  });

  it('allows exactly the depth limit', () => {
    expect(jsonShapeProblem('['.repeat(32) + ']'.repeat(32))).toBeNull();
    expect(jsonShapeProblem('['.repeat(33) + ']'.repeat(33))).not.toBeNull();
  });
});
