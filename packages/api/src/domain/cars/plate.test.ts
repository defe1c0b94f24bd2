import { describe, expect, it } from 'vitest';
import { normalizePlate, plateProblem } from './plate';

describe('normalizePlate', () => {
  it.each([
    ['ab-12 cd', 'AB12CD'],
    ['AB12CD', 'AB12CD'],
    ['  m - xy   123 ', 'MXY123'],
    ['b-ab\t1234', 'BAB1234'],
    ['tö-ab 12', 'TÖAB12'],
  ])('%j -> %j', (plate, expected) => {
    expect(normalizePlate(plate)).toBe(expected);
  });

  it('makes plates differing only in case, spaces and dashes equal', () => {
    expect(normalizePlate('Ab 12-Cd')).toBe(normalizePlate('AB-12-CD'));
    expect(normalizePlate('AB12CD')).not.toBe(normalizePlate('AB12CE'));
  });
});

describe('plateProblem', () => {
  it.each(['AB-12 CD', 'M XY 123', 'TÖL-A 1', '1'])('accepts %j', (plate) => {
    expect(plateProblem(plate)).toBeNull();
  });

  it.each([
    ['AB_12', 'only letters, digits, spaces and dashes'],
    ['AB.12', 'only letters, digits, spaces and dashes'],
    ['- -', 'at least one letter or digit'],
    ['ABCDEFGHJKLMN', 'at most 12 letters and digits'],
  ])('refuses %j', (plate, message) => {
    expect(plateProblem(plate)).toContain(message);
  });

  it('counts only letters and digits against the length limit', () => {
    expect(plateProblem('AB-CD-EF-GH-JK-LM')).toBeNull();
  });
});
