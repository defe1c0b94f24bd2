import type { AppRouter } from '@carhub/api';
import type {
  AnyTRPCProcedure,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
  TRPCRouterRecord,
  TRPCSubscriptionProcedure,
} from '@trpc/server';

/*
 * Why the odd shape of this file: the server's router type carries its context (the Kysely
 * database) and its meta (OpenAPI), so a `.d.ts` built from `AppRouter` would import the
 * server, Kysely and Fastify. The published types must name none of them.
 *
 * TypeScript prints a type structurally in a declaration file when the aliases it was built
 * from are out of reach there. Aliases declared inside a function body are out of reach, so
 * the types below are computed inside functions and published as their `ReturnType`: the
 * emitted `.d.ts` spells every procedure's input and output out and imports only
 * `@trpc/server`. New procedures on `AppRouter` appear here by themselves.
 */

const errorShapeScope = () => {
  type ServerErrorShape = AppRouter['_def']['_config']['$types']['errorShape'];
  return null as unknown as ServerErrorShape;
};

/** The error body the server sends: `data` holds `code`, `httpStatus`, `fieldErrors` and maybe `retryAfter`. */
export type ApiErrorShape = ReturnType<typeof errorShapeScope>;

const clientRouterScope = () => {
  // Context and meta become plain `object`: the client needs neither, and they are what drags the server in.
  type Def<P extends AnyTRPCProcedure> = {
    input: P['_def']['$types']['input'];
    output: P['_def']['$types']['output'];
    meta: object;
    errorShape: ApiErrorShape;
  };
  type ClientProcedure<P extends AnyTRPCProcedure> = P['_def']['type'] extends 'query'
    ? TRPCQueryProcedure<Def<P>>
    : P['_def']['type'] extends 'mutation'
      ? TRPCMutationProcedure<Def<P>>
      : TRPCSubscriptionProcedure<Def<P>>;
  type ClientRecord<R extends TRPCRouterRecord> = {
    [K in keyof R]: R[K] extends AnyTRPCProcedure
      ? ClientProcedure<R[K]>
      : R[K] extends TRPCRouterRecord
        ? ClientRecord<R[K]>
        : never;
  };
  return null as unknown as TRPCBuiltRouter<
    { ctx: object; meta: object; errorShape: ApiErrorShape; transformer: true },
    ClientRecord<AppRouter['_def']['record']>
  >;
};

/** The API's router as a client sees it: every procedure's input and output, nothing of the server. */
export type ClientRouter = ReturnType<typeof clientRouterScope>;
