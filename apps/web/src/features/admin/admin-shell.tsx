import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { RequireUser } from '../../app/require-user';
import { buttonClass } from '../../components/ui/button';
import { EmptyState } from '../../components/ui/feedback';
import type { Me } from '../../lib/session';

const tab =
  'whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 data-[status=active]:bg-accent-50 data-[status=active]:text-accent-700';

const staffTabs = [
  { to: '/admin', label: 'Dashboard', exact: true },
  { to: '/admin/bookings', label: 'Bookings' },
  { to: '/admin/stock', label: 'Stock' },
  { to: '/admin/sales', label: 'Sales' },
  { to: '/admin/staff', label: 'Staff' },
] as const;
const adminTabs = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/webhooks', label: 'Webhooks' },
  { to: '/admin/showroom', label: 'Showroom' },
] as const;

function AdminNav({ user }: { user: Me }) {
  const tabs = user.role === 'admin' ? [...staffTabs, ...adminTabs] : staffTabs;
  return (
    <nav
      aria-label="Showroom desk"
      className="-mx-1 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 px-1 pb-2"
    >
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} className={tab} activeOptions={{ exact: 'exact' in t }}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The desk's pages: staff and admins (admins only where `admin` is set). A client, or staff on
 * an admin page, is told so and sent on; the API refuses them anyway.
 */
export function DeskPage({ admin = false, children }: { admin?: boolean; children: (user: Me) => ReactNode }) {
  return (
    <RequireUser>
      {(user) => {
        const allowed = admin ? user.role === 'admin' : user.role !== 'client';
        if (!allowed) {
          return (
            <EmptyState
              title={admin ? 'This page is for admins' : 'This page is for showroom staff'}
              action={
                <Link to="/" className={buttonClass()}>
                  Back to the catalogue
                </Link>
              }
            >
              Your account can't open the showroom desk. If you work here, ask an admin to give you the staff role.
            </EmptyState>
          );
        }
        return (
          <>
            <AdminNav user={user} />
            {children(user)}
          </>
        );
      }}
    </RequireUser>
  );
}

// A region that scrolls must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable).
const scrollableRegion = { tabIndex: 0 };

/** A table that scrolls sideways inside its own frame on a narrow screen, never the page. */
export function TableFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      {...scrollableRegion}
      className="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <table className="w-full min-w-[40rem] text-left text-sm">{children}</table>
    </section>
  );
}

export const th = 'px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600';

/** A table's header row: one column header per name, after any cells given first (a select-all box). */
export function TableHead({ columns, children }: { columns: readonly string[]; children?: ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>
        {children}
        {columns.map((h) => (
          <th key={h} className={th} scope="col">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
export const td = 'px-3 py-2 align-top text-slate-800';

/** "2021 Skoda Octavia". */
export function carTitle(car: { year: number; make: string; model: string }): string {
  return `${car.year} ${car.make} ${car.model}`;
}

/** A toggle the lists share: more pages through keyset cursors. */
export function MoreButton({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="mt-4 flex justify-center">
      <button
        type="button"
        className={buttonClass('secondary')}
        onClick={() => query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
      >
        {query.isFetchingNextPage ? 'Loading…' : 'Show more'}
      </button>
    </div>
  );
}
