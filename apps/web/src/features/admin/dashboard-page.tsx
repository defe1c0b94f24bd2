import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { buttonClass } from '../../components/ui/button';
import { Card, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { errorMessage } from '../../lib/api-error';
import { formatInZone, label } from '../../lib/format';
import { carTitle, DeskPage } from './admin-shell';
import { deskShortcuts, Kbd, ShortcutsDialog, useDeskShortcuts } from './shortcuts';

type Dashboard = RouterOutputs['admin']['dashboard'];
type Drive = Dashboard['pending']['items'][number];

const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });

function Figure({ label: name, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <p className="text-sm text-slate-600">{name}</p>
      <p className="text-2xl font-bold text-slate-900">{value}</p>
      {detail ? <p className="text-xs text-slate-600">{detail}</p> : null}
    </div>
  );
}

function DriveList({
  title,
  list,
  timeZone,
  empty,
}: {
  title: string;
  list: Dashboard['pending'];
  timeZone: string;
  empty: string;
}) {
  return (
    <Card>
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-sm font-semibold text-slate-800">{list.count}</span>
      </div>
      {list.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100">
          {list.items.slice(0, 8).map((drive: Drive) => (
            <li key={drive.id} className="py-2 text-sm">
              <p className="font-medium text-slate-900">{carTitle(drive.car)}</p>
              <p className="text-slate-600">
                {formatInZone(drive.startAt, timeZone)} · {drive.customerName ?? 'Former customer'} ·{' '}
                {label(drive.status)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list.count > 0 ? (
        <Link to="/admin/bookings" className="mt-3 inline-block text-sm font-medium text-accent-700 hover:underline">
          Open the booking queue
        </Link>
      ) : null}
    </Card>
  );
}

function Figures({ d }: { d: Dashboard }) {
  const stockTotal = d.stock.available + d.stock.reserved;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <DriveList
        title="Pending requests"
        list={d.pending}
        timeZone={d.timeZone}
        empty="No request waits for approval."
      />
      <DriveList title="Test drives today" list={d.drivesToday} timeZone={d.timeZone} empty="No test drive today." />
      <DriveList
        title="Test drives tomorrow"
        list={d.drivesTomorrow}
        timeZone={d.timeZone}
        empty="No test drive tomorrow."
      />
      <Card>
        <h2 className="font-semibold text-slate-900">Stock</h2>
        <div className="mt-3 grid grid-cols-2 gap-4">
          <Figure label="Available" value={String(d.stock.available)} />
          <Figure label="Reserved" value={String(d.stock.reserved)} />
          <Figure label="Sold" value={String(d.stock.sold)} />
          <Figure label="Removed" value={String(d.stock.removed)} />
        </div>
        <p className="mt-3 text-xs text-slate-600">{stockTotal} on offer in the catalogue.</p>
      </Card>
      <Card>
        <h2 className="font-semibold text-slate-900">Sales</h2>
        <div className="mt-3 grid grid-cols-2 gap-4">
          <Figure
            label="This month"
            value={String(d.sales.thisMonth.count)}
            detail={euros.format(Number(d.sales.thisMonth.revenue))}
          />
          <Figure
            label="Last month"
            value={String(d.sales.lastMonth.count)}
            detail={euros.format(Number(d.sales.lastMonth.revenue))}
          />
        </div>
      </Card>
      <Card>
        <h2 className="font-semibold text-slate-900">My commission</h2>
        <div className="mt-3">
          <Figure
            label="This month"
            value={euros.format(Number(d.myCommissionThisMonth))}
            detail={`Rate ${d.myCommissionRate}%`}
          />
        </div>
      </Card>
    </div>
  );
}

function Dashboard() {
  const carhub = useCarhub();
  const dashboard = useQuery({ ...carhub.admin.dashboard.queryOptions({}), refetchInterval: 60_000 });
  const { helpOpen, setHelpOpen } = useDeskShortcuts();
  return (
    <>
      <PageHeader title="Showroom desk">
        <div className="flex flex-wrap gap-2">
          {deskShortcuts.map((s) => (
            <Link
              key={s.key}
              to={s.to}
              search={s.search}
              className={buttonClass(s.key === 'b' ? 'secondary' : 'primary')}
              aria-keyshortcuts={s.key.toUpperCase()}
            >
              {s.label} <Kbd>{s.key.toUpperCase()}</Kbd>
            </Link>
          ))}
          <button
            type="button"
            className={buttonClass('ghost')}
            onClick={() => setHelpOpen(true)}
            aria-keyshortcuts="?"
          >
            Shortcuts <Kbd>?</Kbd>
          </button>
        </div>
      </PageHeader>
      {dashboard.isPending ? (
        <Loading label="Loading the dashboard">
          <div className="grid gap-4 lg:grid-cols-3">
            {['a', 'b', 'c', 'd', 'e', 'f'].map((key) => (
              <Skeleton key={key} className="h-40" />
            ))}
          </div>
        </Loading>
      ) : dashboard.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(dashboard.error)}
        </p>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">
            Today is {dashboard.data.today} in showroom time ({dashboard.data.timeZone}).
          </p>
          <Figures d={dashboard.data} />
        </>
      )}
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </>
  );
}

export function DashboardPage() {
  return <DeskPage>{() => <Dashboard />}</DeskPage>;
}
