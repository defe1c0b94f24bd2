import { Navigate, useLocation } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Loading, Skeleton } from '../components/ui/feedback';
import { type Me, useSession } from '../lib/session';

/** Renders its page for a signed-in user; sends anyone else to /login and back afterwards. */
export function RequireUser({ children }: { children: (user: Me) => ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) {
    return (
      <Loading label="Loading">
        <Skeleton className="h-64" />
      </Loading>
    );
  }
  if (user === null) return <Navigate to="/login" search={{ redirect: location.href }} replace />;
  return <>{children(user)}</>;
}
