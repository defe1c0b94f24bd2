import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { createElement, type ReactNode } from 'react';
import type { ClientRouter } from './client-router';
import type { CarhubClient } from './create-client';

/*
 * React bindings: tRPC's own TanStack Query integration, typed for this API. A subpath of its
 * own (`@carhub/sdk/react`), so React and TanStack Query stay optional peers a Node user
 * never installs.
 */

const context = createTRPCContext<ClientRouter>();

/** The options proxy `useCarhub()` returns: `carhub.inventory.list.queryOptions(input)`, `.mutationOptions()`, ... */
export type CarhubOptionsProxy = TRPCOptionsProxy<ClientRouter>;

export interface CarhubProviderProps {
  /** A client from `createClient` (or a session's `client`). */
  client: CarhubClient;
  /** The app's TanStack Query client; the provider also makes it the app's `QueryClientProvider`. */
  queryClient: QueryClient;
  children?: ReactNode;
}

/** Puts the client and the query client within reach of `useCarhub()`, `useCarhubClient()` and TanStack Query's hooks. */
export function CarhubProvider({ client, queryClient, children }: CarhubProviderProps): ReactNode {
  return createElement(
    QueryClientProvider,
    { client: queryClient },
    createElement(context.TRPCProvider, { trpcClient: client, queryClient, children }),
  );
}

/**
 * tRPC's options proxy for the API, for TanStack Query's own hooks:
 *
 * @example
 * const carhub = useCarhub();
 * const cars = useQuery(carhub.inventory.list.queryOptions({ limit: 20 }));
 * const book = useMutation(carhub.bookings.create.mutationOptions());
 * queryClient.invalidateQueries(carhub.bookings.list.queryFilter());
 */
export function useCarhub(): CarhubOptionsProxy {
  return context.useTRPC();
}

/** The plain client, for calls outside TanStack Query (an upload, `paginate`, a session's sign-in). */
export function useCarhubClient(): CarhubClient {
  return context.useTRPCClient();
}
