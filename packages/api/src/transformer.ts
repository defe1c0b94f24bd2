import superjson from 'superjson';

type SuperJSONResult = ReturnType<typeof superjson.serialize>;

/** Why the plain walk gave up: superjson itself serializes the value. */
const DECLINED = Symbol('declined');

/** A key V8 keeps in ascending numeric order ahead of every other key of an object. */
const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIntegerKey = (key: string) => INTEGER_KEY.test(key) && Number(key) < 4_294_967_295;

/** superjson's path syntax: dots and backslashes in a key are escaped. */
const escapeKey = (key: string) =>
  key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key;

/**
 * superjson's `serialize` for what answers are made of (plain objects and arrays of strings,
 * finite numbers, booleans, null and valid Dates, no object twice), with superjson's exact
 * result, or DECLINED for anything else (undefined too: superjson writes it as null). superjson walks every answer with a copy of
 * the path and of the ancestors at every node, and rebuilds the annotations at every level;
 * this walk only writes down where the Dates and undefineds are. The answer itself is the
 * JSON part unchanged: JSON.stringify writes a Date as its toISOString, as superjson does.
 */
function plainResult(root: unknown): SuperJSONResult | typeof DECLINED {
  if (root === null || typeof root !== 'object' || root instanceof Date) return DECLINED;
  const seen = new Set<object>();
  let values: Record<string, [string]> | undefined;
  let annotations = 0;

  /**
   * One child of a container: false when it needs no annotation, true when it is a Date
   * (annotated here), 'nested' when annotations were written below it.
   */
  const child = (value: unknown, path: string, key: string): boolean | 'nested' | typeof DECLINED => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return false;
      case 'number':
        return Number.isFinite(value) ? false : DECLINED;
      case 'object':
        break;
      default:
        return DECLINED;
    }
    if (value === null) return false;
    const at = path === '' ? escapeKey(key) : `${path}.${escapeKey(key)}`;
    if (value instanceof Date) {
      if (seen.has(value) || Number.isNaN(value.getTime())) return DECLINED;
      seen.add(value);
      values ??= {};
      values[at] = ['Date'];
      annotations++;
      return true;
    }
    const before = annotations;
    if (!container(value, at)) return DECLINED;
    return annotations > before ? 'nested' : false;
  };

  /** A plain object or an array, walked; false when superjson must serialize it. */
  const container = (value: object, path: string): boolean => {
    if (seen.has(value)) return false;
    seen.add(value);
    // superjson collects each level's annotations in an object, where integer keys come first:
    // an annotated leaf under an integer key after a nested annotation would move ahead of it.
    let nested = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        // superjson skips holes (Object.entries): leave them to it.
        if (!(i in value)) return false;
        const result = child(value[i], path, String(i));
        if (result === DECLINED || (result === true && nested)) return false;
        if (result === 'nested') nested = true;
      }
      return true;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      // superjson refuses these keys (prototype pollution): it throws, so it is left to it.
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
      const result = child(record[key], path, key);
      if (result === DECLINED || (result === true && nested && isIntegerKey(key))) return false;
      if (result === 'nested') nested = true;
    }
    return true;
  };

  if (!container(root, '')) return DECLINED;
  return (values ? { json: root, meta: { values, v: 1 } } : { json: root }) as SuperJSONResult;
}

/** superjson's serialize, byte for byte, by the plain walk where it can. */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const plain = plainResult(value);
  return plain === DECLINED ? superjson.serialize(value) : plain;
}

/** Whether the plain walk serializes this value itself (tests: the common answers take it). */
export function takesPlainWalk(value: unknown): boolean {
  return plainResult(value) !== DECLINED;
}

/**
 * tRPC's transformer: superjson both ways, answers serialized through serializeAnswer. Clients
 * (the SDK) use superjson itself and read the same bytes.
 */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (value: never) => superjson.deserialize(value) },
};
