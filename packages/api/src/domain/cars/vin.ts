/** ISO 3779: 17 characters, digits and capital letters except I, O and Q (too like 1 and 0). */
const vinAlphabet = /^[A-HJ-NPR-Z0-9]{17}$/;

const letterValues: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** How people type VINs (lower case, spaced in groups) is not part of the VIN. */
export function normalizeVin(vin: string): string {
  return vin.replace(/\s+/g, '').toUpperCase();
}

/** The check digit (position 9) a North American VIN must carry: 0-9 or X for ten. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin.charAt(i);
    const value = /[0-9]/.test(c) ? Number(c) : (letterValues[c] ?? 0);
    sum += value * (weights[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Why a (normalised) VIN is refused, or null. Only VINs from North America (first character
 * 1-5) must carry a check digit; elsewhere position 9 is free, so it is not checked there.
 */
export function vinProblem(vin: string): string | null {
  if (vin.length !== 17) return 'VIN must be exactly 17 characters.';
  if (!vinAlphabet.test(vin)) return 'VIN may hold only digits and the letters A-Z except I, O and Q.';
  if (/^[1-5]/.test(vin) && vin.charAt(8) !== vinCheckDigit(vin)) {
    return 'VIN check digit (9th character) does not match: check for a typing error.';
  }
  return null;
}
