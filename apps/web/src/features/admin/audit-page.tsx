import type { RouterInputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { SelectField, TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatInZone } from '../../lib/format';
import { DeskPage, MoreButton, TableFrame, TableHead, td } from './admin-shell';

type Filters = NonNullable<RouterInputs['admin']['audit']['list']>;
const entities = ['user', 'car', 'photo', 'webhook', 'sale', 'booking', 'showroom', 'api_key'];
const actions = ['create', 'update', 'delete', 'export'];

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function Audit() {
  const carhub = useCarhub();
  const [form, setForm] = useState({ entity: '', action: '', entityId: '', from: '', to: '' });
  const filters: Filters = {
    limit: 50,
    ...(form.entity ? { entity: form.entity as Filters['entity'] } : {}),
    ...(form.action ? { action: form.action as Filters['action'] } : {}),
    ...(form.entityId.trim() ? { entityId: form.entityId.trim() } : {}),
    ...(form.from ? { from: new Date(`${form.from}T00:00:00`) } : {}),
    ...(form.to ? { to: new Date(`${form.to}T23:59:59`) } : {}),
  };
  const list = useInfiniteQuery(
    carhub.admin.audit.list.infiniteQueryOptions(filters, { getNextPageParam: (p) => p.nextCursor }),
  );
  const entries = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <>
      <PageHeader title="Audit log" />
      <div className="mb-4 grid gap-3 sm:grid-cols-5">
        <SelectField
          label="Entity"
          value={form.entity}
          onChange={set('entity')}
          options={[{ value: '', label: 'Any' }, ...entities.map((e) => ({ value: e, label: e }))]}
        />
        <SelectField
          label="Action"
          value={form.action}
          onChange={set('action')}
          options={[{ value: '', label: 'Any' }, ...actions.map((a) => ({ value: a, label: a }))]}
        />
        <TextField label="Entity id" value={form.entityId} onChange={set('entityId')} />
        <TextField label="From" type="date" value={form.from} onChange={set('from')} />
        <TextField label="To" type="date" value={form.to} onChange={set('to')} />
      </div>
      {list.isPending ? (
        <Loading label="Loading the audit log">
          <Skeleton className="h-64" />
        </Loading>
      ) : list.isError ? (
        <p role="alert" className="text-red-700">
          {errorMessage(list.error)}
        </p>
      ) : entries.length === 0 ? (
        <EmptyState title="No entry matches" />
      ) : (
        <TableFrame label="Audit entries">
          <TableHead columns={['When', 'Who', 'Action', 'What', 'Changes (before → after)']} />
          <tbody className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap`}>{formatInZone(entry.at, undefined)}</td>
                <td className={td}>{entry.actorName}</td>
                <td className={td}>{entry.action}</td>
                <td className={td}>
                  {entry.entity}
                  <span className="block font-mono text-xs text-slate-600">{entry.entityId ?? ''}</span>
                </td>
                <td className={td}>
                  <dl className="space-y-0.5 text-xs">
                    {Object.entries(entry.changes).map(([field, [before, after]]) => (
                      <div key={field} className="flex flex-wrap gap-1">
                        <dt className="font-semibold">{field}:</dt>
                        <dd>
                          <span className="text-red-800 line-through decoration-red-400">{show(before)}</span> →{' '}
                          <span className="text-green-800">{show(after)}</span>
                        </dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <MoreButton query={list} />
    </>
  );
}

export function AuditPage() {
  return <DeskPage admin>{() => <Audit />}</DeskPage>;
}
