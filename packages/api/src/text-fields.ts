import { z } from 'zod';

/** Text that must be given: trimmed, 1 to `max` characters. */
export const requiredText = (label: string, max: number) =>
  z
    .string(`${label} must be text.`)
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

/** Text that may be left out: trimmed; blank means "none" and is stored as NULL, not as an empty string. */
export const optionalText = (label: string, max: number) =>
  z
    .string(`${label} must be text.`)
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((value) => (value === '' ? null : value));
