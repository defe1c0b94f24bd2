import type { RouterOutputs } from '@carhub/sdk';
import { isApiError } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useQuery } from '@tanstack/react-query';

export type Me = RouterOutputs['auth']['me'];

/** The signed-in user (from the session cookie), null when signed out, undefined while loading. */
export function useSession(): { user: Me | null | undefined; loading: boolean } {
  const carhub = useCarhub();
  const me = useQuery({
    ...carhub.auth.me.queryOptions(),
    retry: (count, error) => !isApiError(error, 'UNAUTHORIZED') && count < 2,
    staleTime: 60_000,
  });
  if (me.isPending) return { user: undefined, loading: true };
  if (me.isError) return { user: null, loading: false };
  return { user: me.data, loading: false };
}

/** Where each role does its work after signing in. */
export function landingFor(user: Pick<Me, 'role'>): string {
  return user.role === 'client' ? '/' : '/admin';
}
