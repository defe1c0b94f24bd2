// Stand-in for `@carhub/sdk/react` until the SDK ships its React bindings: the same names
// and shapes (CarhubProvider, useCarhub, useCarhubClient), so swapping is an import change.
import type { CarhubClient, ClientRouter } from '@carhub/sdk';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';

const context = createTRPCContext<ClientRouter>();

export function CarhubProvider(props: { client: CarhubClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <context.TRPCProvider trpcClient={props.client} queryClient={props.queryClient}>
      {props.children}
    </context.TRPCProvider>
  );
}

export const useCarhub = context.useTRPC;
export const useCarhubClient = context.useTRPCClient;
