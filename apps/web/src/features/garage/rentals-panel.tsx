import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Card } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatDays, formatInZone, label } from '../../lib/format';
import { serverSettings } from '../../lib/server-settings';

/** Record a rental by whole days or exact times; complete or cancel the open ones. */
export function RentalsPanel({ carId }: { carId: string }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const timeZone = serverSettings.showroomTimeZone ?? undefined;
  const [mode, setMode] = useState<'days' | 'times'>('days');
  const [cancelling, setCancelling] = useState<string | null>(null);
  const rentals = useQuery(carhub.bookings.list.queryOptions({ carId, kind: 'rental', limit: 50 }));
  const refresh = () => Promise.all([queryClient.invalidateQueries(carhub.bookings.pathFilter())]);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const create = useMutation({ ...carhub.bookings.create.mutationOptions(), onError, onSettled: refresh });
  const complete = useMutation({
    ...carhub.bookings.complete.mutationOptions(),
    onSuccess: () => toast.success('Rental completed.'),
    onError,
    onSettled: refresh,
  });
  const cancel = useMutation({
    ...carhub.bookings.cancel.mutationOptions(),
    onSuccess: () => {
      toast.success('Rental cancelled.');
      setCancelling(null);
    },
    onError,
    onSettled: refresh,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form).entries()) as Record<string, string>;
    const renter = { renterName: data.renterName || null, renterPhone: data.renterPhone || null };
    const when =
      mode === 'days'
        ? { startDate: data.startDate, endDate: data.endDate }
        : { startAt: new Date(data.startAt ?? ''), endAt: new Date(data.endAt ?? '') };
    create.mutate(
      { carId, kind: 'rental', ...when, ...renter },
      {
        onSuccess: () => {
          toast.success('Rental recorded.');
          form.reset();
        },
      },
    );
  };
  return (
    <Card>
      <h2 className="text-lg font-semibold">Rentals</h2>
      <form onSubmit={submit} className="mt-3 space-y-3" aria-label="Record a rental">
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium text-slate-800">Record by</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="mode" checked={mode === 'days'} onChange={() => setMode('days')} /> Whole days
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="mode" checked={mode === 'times'} onChange={() => setMode('times')} /> Exact times
          </label>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          {mode === 'days' ? (
            <>
              <TextField label="First day" name="startDate" type="date" required />
              <TextField label="Last day" name="endDate" type="date" required />
            </>
          ) : (
            <>
              <TextField label="Starts" name="startAt" type="datetime-local" required />
              <TextField label="Ends" name="endAt" type="datetime-local" required />
            </>
          )}
          <TextField label="Renter's name" name="renterName" autoComplete="off" />
          <TextField label="Renter's phone" name="renterPhone" type="tel" autoComplete="off" />
        </div>
        <Button type="submit" disabled={create.isPending}>
          Record rental
        </Button>
      </form>
      <h3 className="mt-6 mb-2 text-sm font-semibold text-slate-900">This car's rentals</h3>
      {rentals.data?.items.length ? (
        <ul className="divide-y divide-slate-200">
          {rentals.data.items.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="text-sm">
                <p className="font-medium text-slate-900">
                  {r.startDate
                    ? formatDays(r.startDate, r.endDate)
                    : `${formatInZone(r.startAt, timeZone)} to ${formatInZone(r.endAt, timeZone)}`}
                </p>
                <p className="text-slate-600">
                  {r.renterName ?? 'No renter named'} · {label(r.status)}
                </p>
              </div>
              {r.status === 'pending' || r.status === 'approved' ? (
                <div className="flex gap-2">
                  {r.status === 'approved' && r.startAt.getTime() <= Date.now() ? (
                    <Button
                      variant="secondary"
                      onClick={() => complete.mutate({ id: r.id })}
                      aria-label={`Complete the rental from ${r.startDate ?? formatInZone(r.startAt, timeZone)}`}
                    >
                      Complete
                    </Button>
                  ) : null}
                  <Button
                    variant="ghostDanger"
                    onClick={() => setCancelling(r.id)}
                    aria-label={`Cancel the rental from ${r.startDate ?? formatInZone(r.startAt, timeZone)}`}
                  >
                    Cancel
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No rentals recorded yet.</p>
      )}
      <ConfirmDialog
        open={cancelling !== null}
        onOpenChange={(o) => !o && setCancelling(null)}
        title="Cancel this rental?"
        description="The car becomes free for those dates again."
        confirmLabel="Cancel rental"
        pending={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling })}
      />
    </Card>
  );
}
