import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Card, EmptyState, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage, fieldErrors } from '../../lib/api-error';
import { formatInZone } from '../../lib/format';
import { DeskPage, TableFrame, TableHead, td } from './admin-shell';

type Webhook = RouterOutputs['admin']['webhooks']['list']['items'][number];
const events = [
  'booking.requested',
  'booking.created',
  'booking.approved',
  'booking.declined',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.completed',
  'booking.no_show',
  'sale.created',
  'reminder.due',
  'account.created',
] as const;

function Deliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const carhub = useCarhub();
  const list = useQuery(carhub.admin.webhooks.deliveries.queryOptions({ id: webhook.id, limit: 50 }));
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Delivery log" description={webhook.url}>
      {list.isPending ? (
        <Loading label="Loading deliveries">
          <Skeleton className="h-24" />
        </Loading>
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <p className="text-sm text-slate-600">Nothing delivered yet.</p>
      ) : (
        <TableFrame label="Delivery attempts">
          <TableHead columns={['When', 'Event', 'Attempt', 'Answer', 'Status']} />
          <tbody className="divide-y divide-slate-100">
            {list.data?.items.map((a) => (
              <tr key={a.id}>
                <td className={td}>{formatInZone(a.createdAt, undefined)}</td>
                <td className={td}>{a.eventType}</td>
                <td className={td}>{a.attempt}</td>
                <td className={td}>{a.statusCode ?? a.error ?? '—'}</td>
                <td className={td}>{a.deliveryStatus}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </Dialog>
  );
}

function Webhooks() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const list = useQuery(carhub.admin.webhooks.list.queryOptions({ limit: 100 }));
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set(['booking.requested']));
  const [secret, setSecret] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [removing, setRemoving] = useState<Webhook | null>(null);
  const refresh = () => queryClient.invalidateQueries(carhub.admin.webhooks.pathFilter());
  const create = useMutation({
    ...carhub.admin.webhooks.create.mutationOptions(),
    onSuccess: (w) => {
      setSecret(w.secret);
      setUrl('');
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const toggle = useMutation({
    ...carhub.admin.webhooks.update.mutationOptions(),
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: refresh,
  });
  const remove = useMutation({
    ...carhub.admin.webhooks.delete.mutationOptions(),
    onSuccess: () => {
      toast.success('Webhook deleted.');
      setRemoving(null);
    },
    onError: (e) => toast.error(errorMessage(e)),
    onSettled: refresh,
  });
  const errors = fieldErrors(create.error);
  return (
    <>
      <PageHeader title="Webhooks" />
      <Card className="mb-6">
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ url, events: [...chosen] as (typeof events)[number][] });
          }}
        >
          <TextField
            label="Endpoint URL"
            type="url"
            placeholder="https://example.com/hooks/carhub"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={errors.url?.[0]}
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Events</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {events.map((event) => (
                <label key={event} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={chosen.has(event)}
                    onChange={() =>
                      setChosen((s) => {
                        const next = new Set(s);
                        if (next.has(event)) next.delete(event);
                        else next.add(event);
                        return next;
                      })
                    }
                  />
                  {event}
                </label>
              ))}
            </div>
            {errors.events?.[0] ? <p className="mt-1 text-xs font-medium text-red-700">{errors.events[0]}</p> : null}
          </fieldset>
          <div>
            <Button type="submit" disabled={create.isPending}>
              Add the endpoint
            </Button>
          </div>
        </form>
      </Card>
      {list.isPending ? (
        <Loading label="Loading webhooks">
          <Skeleton className="h-32" />
        </Loading>
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <EmptyState title="No webhook yet">Add an endpoint to be told of bookings and sales.</EmptyState>
      ) : (
        <TableFrame label="Webhook endpoints">
          <TableHead columns={['URL', 'Events', 'Active', 'Actions']} />
          <tbody className="divide-y divide-slate-100">
            {list.data?.items.map((w) => (
              <tr key={w.id}>
                <td className={`${td} break-all font-mono text-xs`}>{w.url}</td>
                <td className={`${td} text-xs`}>{w.events.join(', ')}</td>
                <td className={td}>{w.isActive ? 'Yes' : w.disabledReason ? `No (${w.disabledReason})` : 'No'}</td>
                <td className={td}>
                  <div className="flex flex-wrap gap-2">
                    <Button variant="secondary" onClick={() => setViewing(w)} aria-label={`Deliveries of ${w.url}`}>
                      Deliveries
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => toggle.mutate({ id: w.id, isActive: !w.isActive })}
                      aria-label={`${w.isActive ? 'Pause' : 'Resume'} ${w.url}`}
                    >
                      {w.isActive ? 'Pause' : 'Resume'}
                    </Button>
                    <Button
                      variant="ghost"
                      className="text-red-700"
                      onClick={() => setRemoving(w)}
                      aria-label={`Delete ${w.url}`}
                    >
                      Delete
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <Dialog
        open={secret !== null}
        onOpenChange={(o) => !o && setSecret(null)}
        title="The signing secret"
        description="Shown this once: keep it to verify the X-Carhub-Signature of each delivery."
      >
        <p className="break-all rounded-lg bg-slate-100 p-3 font-mono text-sm">{secret}</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() => secret && navigator.clipboard?.writeText(secret).then(() => toast.success('Copied.'))}
          >
            Copy
          </Button>
          <Button onClick={() => setSecret(null)}>I have kept it</Button>
        </div>
      </Dialog>
      {viewing ? <Deliveries webhook={viewing} onClose={() => setViewing(null)} /> : null}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Delete this webhook?"
        description={removing?.url ?? ''}
        confirmLabel="Delete webhook"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ id: removing.id })}
      />
    </>
  );
}

export function WebhooksPage() {
  return <DeskPage admin>{() => <Webhooks />}</DeskPage>;
}
