import { z } from 'zod';

/**
 * A yes/no filter that works on both transports: a boolean over tRPC, and `true`/`false`
 * (or `1`/`0`) in a REST query string. z.coerce.boolean would read "false" as true, and a
 * union with z.boolean is refused by the OpenAPI adapter, which only maps string-like
 * query parameters; a preprocess pipe passes as one and keeps the boolean output.
 */
export const queryFlag = z.preprocess(
  (value) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  },
  z.boolean({ error: 'Expected true or false.' }),
);

/**
 * A boolean in a JSON body: true or false and nothing else, typed boolean for the SDK. The
 * OpenAPI adapter sets `coerce` in place on every plain z.boolean() of an input it serves,
 * body fields included (tRPC then parses with it too), so `{ "all": "false" }` would mean
 * true; it leaves a pipe alone.
 */
export const bodyFlag = z.boolean().pipe(z.boolean());

/**
 * A number in a JSON body, kept off the OpenAPI adapter's in-place coercion as bodyFlag is: a
 * plain z.number() there would read "" and null as 0 and true as 1. Wrap the finished schema
 * (its checks and messages stay), e.g. `bodyNumber(z.number().int().min(0))`.
 */
export function bodyNumber(schema: z.ZodType<number, number>) {
  return schema.pipe(z.number());
}

/**
 * The input of a procedure that takes none: no query string or body on REST, nothing over tRPC
 * (an empty object is accepted too, as clients that always send one do).
 */
export const noInput = z.object({}).optional();
