import { CamelCasePlugin, type UnknownRow } from 'kysely';

/** Names converted once each: column names and aliases come from code, a set that stops growing. */
const MAX_NAMES = 10_000;

function remembered(cache: Map<string, string>, name: string, convert: (name: string) => string): string {
  let converted = cache.get(name);
  if (converted === undefined) {
    converted = convert(name);
    if (cache.size < MAX_NAMES) cache.set(name, converted);
  }
  return converted;
}

function isPlainObject(value: unknown): value is UnknownRow {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]')
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/**
 * Kysely's CamelCasePlugin, the same names both ways, without its per-row cost: it converted
 * every identifier of every query and every key of every row character by character, and built
 * each row with a reduce. Here each name is converted once, and rows are mapped in a loop
 * (nested plain objects and arrays of them, as jsonb columns return, are mapped as before).
 */
export class CamelCaseNames extends CamelCasePlugin {
  readonly #camel = new Map<string, string>();
  readonly #snake = new Map<string, string>();

  protected override camelCase(name: string): string {
    return remembered(this.#camel, name, (n) => super.camelCase(n));
  }

  protected override snakeCase(name: string): string {
    return remembered(this.#snake, name, (n) => super.snakeCase(n));
  }

  protected override mapRow(row: UnknownRow): UnknownRow {
    const mapped: UnknownRow = {};
    for (const key of Object.keys(row)) {
      let value = row[key];
      if (Array.isArray(value)) value = value.map((item) => (isPlainObject(item) ? this.mapRow(item) : item));
      else if (isPlainObject(value)) value = this.mapRow(value);
      mapped[this.camelCase(key)] = value;
    }
    return mapped;
  }
}
