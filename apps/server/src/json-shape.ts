/**
 * Limits on the shape of a JSON text, checked in one pass over its characters (no recursion,
 * no parse) before anything else reads it: a body nested thousands of levels deep would
 * overflow the stack of every recursive walker after JSON.parse (the NUL check, the REST
 * adapter, superjson), and one with a million keys would keep a core busy.
 */
export interface JsonShapeLimits {
  maxDepth: number;
  maxKeys: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxKeys: 20_000 };

/** A readable reason the text is refused, or null when it is within the limits. Invalid JSON is left to the parser. */
export function jsonShapeProblem(text: string, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): string | null {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > limits.maxDepth) return `JSON nested deeper than ${limits.maxDepth} levels.`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    else if (c === 0x3a /* : */) {
      keys++;
      if (keys > limits.maxKeys) return `JSON with more than ${limits.maxKeys} keys.`;
    }
  }
  return null;
}
