import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// How procedures parse their inputs and outputs (patches/@trpc__server@11.22.1.patch: a zod
// schema is parsed synchronously, parseAsync only when the schema needs it). What must hold
// whichever parse runs: invalid input is a 400, an answer keeps only its schema's fields, an
// answer off its schema is a 500, and a schema with an async refinement still works.
const t = initTRPC.create();
const item = z.object({ id: z.string(), count: z.number().int() });
const router = t.router({
  echo: t.procedure
    .input(item)
    .output(item)
    .query(({ input }) => ({ ...input, secret: 'not in the schema' })),
  wrong: t.procedure.output(item).query(() => ({ id: 'a', count: 'three' }) as unknown as z.infer<typeof item>),
  checked: t.procedure
    .input(z.object({ name: z.string() }).refine(async (value) => value.name !== 'taken', 'That name is taken.'))
    .output(z.object({ name: z.string() }))
    .mutation(({ input }) => input),
});
const caller = t.createCallerFactory(router)({});

describe('procedure schemas', () => {
  it('answers with only the fields of the output schema', async () => {
    await expect(caller.echo({ id: 'a', count: 2 })).resolves.toStrictEqual({ id: 'a', count: 2 });
  });

  it('refuses invalid input as BAD_REQUEST, naming the field', async () => {
    const error = await caller.echo({ id: 'a', count: 2.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect(JSON.stringify((error as TRPCError).cause)).toContain('count');
  });

  it('turns an answer off its schema into INTERNAL_SERVER_ERROR', async () => {
    await expect(caller.wrong()).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Output validation failed',
    });
  });

  it('runs a schema with an async refinement, both ways it can end', async () => {
    await expect(caller.checked({ name: 'free' })).resolves.toEqual({ name: 'free' });
    await expect(caller.checked({ name: 'taken' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
