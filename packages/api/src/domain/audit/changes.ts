/**
 * What an audit row records: `{ field: [before, after] }` for every field whose value differs.
 * Secrets never reach the log: a key that names a password, hash, token or secret is dropped
 * at any depth (a deny-list by pattern, so a new `apiToken` column is covered without anyone
 * remembering to list it).
 */

export type AuditChanges = Record<string, [unknown, unknown]>;

const SECRET_KEY = /password|hash|token|secret/i;
/** Bookkeeping, not a change anyone made: the audit row's own `at` says when. */
const NOT_A_CHANGE = new Set(['updatedAt']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A value as JSON will store it, with secret keys removed from nested objects too. */
function sanitize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sanitize);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key, inner]) => !isSecretKey(key) && inner !== undefined)
        .map(([key, inner]) => [key, sanitize(inner)]),
    );
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * The changed fields between two snapshots of one entity. A creation passes no `before`
 * (every field goes from null), a deletion no `after`.
 */
export function auditChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (isSecretKey(key) || NOT_A_CHANGE.has(key)) continue;
    const from = sanitize(before?.[key]);
    const to = sanitize(after?.[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = [from, to];
  }
  return changes;
}
