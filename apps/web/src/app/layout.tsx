import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { toast } from 'sonner';
import { errorMessage } from '../lib/api-error';
import { type Me, useSession } from '../lib/session';

const navLink =
  'rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 data-[status=active]:bg-accent-50 data-[status=active]:text-accent-700';

function UnreadBadge() {
  const carhub = useCarhub();
  const unread = useQuery({ ...carhub.notifications.unreadCount.queryOptions(), refetchInterval: 30_000 });
  const count = unread.data?.count ?? 0;
  return (
    <Link to="/notifications" className={navLink}>
      Notifications
      <span className="sr-only">, {count} unread</span>
      {count > 0 ? (
        <span
          aria-hidden="true"
          className="ml-1.5 inline-flex min-w-5 justify-center rounded-full bg-accent-600 px-1.5 text-xs font-bold text-white"
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}

function SignedInNav({ user }: { user: Me }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    ...carhub.auth.logout.mutationOptions(),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/login' });
      toast.success('Signed out.');
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <>
      {user.role === 'client' ? null : (
        <Link to="/admin" className={navLink}>
          Desk
        </Link>
      )}
      <Link to="/bookings" className={navLink}>
        {user.role === 'client' ? 'My bookings' : 'Bookings'}
      </Link>
      <Link to="/garage" className={navLink}>
        My garage
      </Link>
      <UnreadBadge />
      <Link to="/settings" className={navLink}>
        Settings
      </Link>
      <button type="button" className={navLink} onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </>
  );
}

export function Layout() {
  const { user } = useSession();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <Link to="/" className="text-xl font-extrabold tracking-tight text-accent-700">
            carhub
          </Link>
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
            <Link to="/" className={navLink} activeOptions={{ exact: true }}>
              Catalogue
            </Link>
            {user ? <SignedInNav user={user} /> : null}
            {user === null ? (
              <>
                <Link to="/login" className={navLink}>
                  Sign in
                </Link>
                <Link
                  to="/register"
                  className="rounded-lg bg-accent-600 px-3 py-2 text-sm font-semibold text-white hover:bg-accent-700"
                >
                  Create account
                </Link>
              </>
            ) : null}
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6">
        <Outlet />
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-slate-600 sm:px-6">
          <p>© carhub</p>
          <nav aria-label="Legal" className="flex gap-4">
            <Link to="/terms" className="hover:text-slate-900 hover:underline">
              Terms of service
            </Link>
            <Link to="/privacy" className="hover:text-slate-900 hover:underline">
              Privacy policy
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}
