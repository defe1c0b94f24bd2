/** Longest plate accepted, counting only its letters and digits. */
export const PLATE_MAX_CHARS = 12;

const plateCharacters = /^[\p{L}\p{N} -]+$/u;

/**
 * The form plates are compared in: "ab-12 cd" and "AB12CD" are the same plate. Stored beside
 * the plate as entered (which is what people see), and unique within a garage and within stock.
 */
export function normalizePlate(plate: string): string {
  return plate.replace(/[\s-]+/g, '').toUpperCase();
}

/** Why a plate (as entered, trimmed) is refused, or null when it is fine. */
export function plateProblem(plate: string): string | null {
  if (!plateCharacters.test(plate)) return 'Licence plate may hold only letters, digits, spaces and dashes.';
  const normalized = normalizePlate(plate);
  if (normalized.length === 0) return 'Licence plate must hold at least one letter or digit.';
  if (normalized.length > PLATE_MAX_CHARS) {
    return `Licence plate must have at most ${PLATE_MAX_CHARS} letters and digits.`;
  }
  return null;
}
