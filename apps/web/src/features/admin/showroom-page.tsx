import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type Control, type FieldErrors, type UseFormRegister, useFieldArray, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { Card, Loading, PageHeader, Skeleton } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { updateShowroomInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { DeskPage } from './admin-shell';

type Values = z.input<typeof updateShowroomInput>;
type Output = z.output<typeof updateShowroomInput>;
type Showroom = RouterOutputs['admin']['showroom']['get'];

const days = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Day = (typeof days)[number][0];

const fields = ['timeZone', 'closedDates', 'minNoticeMinutes', 'bufferMinutes'] as const;
const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function valuesOf(showroom: Showroom): Values {
  const { updatedAt: _updatedAt, ...values } = showroom;
  return values;
}

type Message = { message?: string } | undefined;
type DayErrors = Record<number, { message?: string; from?: Message; to?: Message } | undefined> & {
  message?: string;
  root?: Message;
};

/** The message under a day (its own: overlap, too many; or its first range's) and the ranges at fault. */
function dayError(errors: FieldErrors<Values>, day: Day): { message?: string; bad: number[] } {
  const e = errors.openingHours?.[day] as DayErrors | undefined;
  if (!e) return { bad: [] };
  const bad = Object.keys(e)
    .filter((k) => /^\d+$/.test(k))
    .map(Number);
  const first = bad.map((i) => e[i]?.message ?? e[i]?.from?.message ?? e[i]?.to?.message).find(Boolean);
  const message = e.message ?? e.root?.message ?? first;
  return message ? { message, bad } : { bad };
}

function DayHours({
  day,
  name,
  control,
  register,
  error,
}: {
  day: Day;
  name: string;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  error: { message?: string; bad: number[] };
}) {
  const ranges = useFieldArray({ control, name: `openingHours.${day}` });
  const errorId = useId();
  return (
    <fieldset
      className="grid gap-2 border-t border-slate-100 py-3 first:border-t-0 sm:grid-cols-[8rem_1fr]"
      aria-describedby={error.message ? errorId : undefined}
    >
      <legend className="float-left text-sm font-medium text-slate-800 sm:pt-8">{name}</legend>
      <div className="grid gap-2 sm:col-start-2">
        {ranges.fields.length === 0 ? <p className="text-sm text-slate-600">Closed</p> : null}
        {ranges.fields.map((field, i) => (
          <div key={field.id} className="flex flex-wrap items-end gap-2">
            <div className="w-20">
              <TextField
                label="Opens"
                aria-label={`${name} opens`}
                aria-invalid={error.bad.includes(i) ? true : undefined}
                aria-describedby={error.bad.includes(i) ? errorId : undefined}
                placeholder="09:00"
                autoComplete="off"
                {...register(`openingHours.${day}.${i}.from`)}
              />
            </div>
            <div className="w-20">
              <TextField
                label="Closes"
                aria-label={`${name} closes`}
                aria-invalid={error.bad.includes(i) ? true : undefined}
                aria-describedby={error.bad.includes(i) ? errorId : undefined}
                placeholder="17:00"
                autoComplete="off"
                {...register(`openingHours.${day}.${i}.to`)}
              />
            </div>
            <Button type="button" variant="secondary" onClick={() => ranges.remove(i)}>
              Remove<span className="sr-only"> {`${name} ${i + 1}`}</span>
            </Button>
          </div>
        ))}
        {error.message ? (
          <p id={errorId} className="text-xs font-medium text-red-700" role="alert">
            {error.message}
          </p>
        ) : null}
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              ranges.append(ranges.fields.length === 0 ? { from: '09:00', to: '17:00' } : { from: '', to: '' })
            }
          >
            {ranges.fields.length === 0 ? `Open on ${name}` : `Add hours on ${name}`}
          </Button>
        </div>
      </div>
    </fieldset>
  );
}

function ShowroomForm({ showroom }: { showroom: Showroom }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(updateShowroomInput),
    defaultValues: valuesOf(showroom),
  });
  const [newDate, setNewDate] = useState('');
  const update = useMutation(carhub.admin.showroom.update.mutationOptions());
  const e = form.formState.errors;
  const closed = form.watch('closedDates');
  const setClosed = (dates: string[]) =>
    form.setValue('closedDates', [...new Set(dates)].sort(), { shouldDirty: true, shouldValidate: true });
  return (
    <form
      noValidate
      className="grid gap-6"
      onSubmit={form.handleSubmit(async (values) => {
        try {
          const saved = await update.mutateAsync(values);
          queryClient.setQueryData(carhub.admin.showroom.get.queryKey(), saved);
          form.reset(valuesOf(saved));
          toast.success('Showroom settings saved.');
        } catch (error) {
          const message = applyServerErrors(error, form.setError, fields);
          toast.error(message ?? 'The settings were not saved: see the marked fields.');
        }
      })}
    >
      <Card className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Time zone"
          list="showroom-zones"
          autoComplete="off"
          hint='IANA name, such as "Europe/Berlin".'
          error={e.timeZone?.message}
          {...form.register('timeZone')}
        />
        <datalist id="showroom-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <TextField
          label="Notice (minutes)"
          inputMode="numeric"
          hint="How long before a test drive it can be booked."
          error={e.minNoticeMinutes?.message}
          {...form.register('minNoticeMinutes', { valueAsNumber: true })}
        />
        <TextField
          label="Buffer (minutes)"
          inputMode="numeric"
          hint="Kept free between two drives of a car."
          error={e.bufferMinutes?.message}
          {...form.register('bufferMinutes', { valueAsNumber: true })}
        />
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">Opening hours</h2>
        <p className="mb-2 text-sm text-slate-600">Local times in the showroom's zone, HH:MM; 24:00 is midnight.</p>
        {days.map(([day, name]) => (
          <DayHours
            key={day}
            day={day}
            name={name}
            control={form.control}
            register={form.register}
            error={dayError(e, day)}
          />
        ))}
      </Card>
      <Card>
        <h2 className="mb-2 text-base font-semibold text-slate-900">Closed dates</h2>
        {closed.length === 0 ? (
          <p className="mb-3 text-sm text-slate-600">No closed dates.</p>
        ) : (
          <ul aria-label="Closed dates" className="mb-3 flex flex-wrap gap-2">
            {closed.map((date) => (
              <li key={date} className="flex items-center gap-1 rounded-lg bg-slate-100 py-1 pl-3 pr-1 text-sm">
                {date}
                <button
                  type="button"
                  className="rounded px-2 py-0.5 text-slate-700 hover:bg-slate-200"
                  aria-label={`Remove ${date}`}
                  onClick={() => setClosed(closed.filter((d) => d !== date))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <div className="w-44">
            <TextField
              label="Date to close"
              type="date"
              value={newDate}
              onChange={(ev) => setNewDate(ev.target.value)}
              error={e.closedDates?.message ?? e.closedDates?.[0]?.message}
            />
          </div>
          <Button
            type="button"
            variant="secondary"
            disabled={!newDate}
            onClick={() => {
              setClosed([...closed, newDate]);
              setNewDate('');
            }}
          >
            Add the date
          </Button>
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          Save the settings
        </Button>
        <p className="text-xs text-slate-600">Bookings already made keep their times.</p>
      </div>
    </form>
  );
}

function ShowroomSettings() {
  const carhub = useCarhub();
  const showroom = useQuery(carhub.admin.showroom.get.queryOptions());
  return (
    <>
      <PageHeader title="Showroom settings" />
      {showroom.data ? (
        <ShowroomForm showroom={showroom.data} />
      ) : showroom.isPending ? (
        <Loading label="Loading the showroom settings">
          <Skeleton className="mb-6 h-28" />
          <Skeleton className="h-96" />
        </Loading>
      ) : (
        <p className="text-sm text-red-700">{errorMessage(showroom.error)}</p>
      )}
    </>
  );
}

/** /admin/showroom (admin): the showroom's zone, opening hours, closed dates, notice and buffer. */
export function ShowroomPage() {
  return <DeskPage admin>{() => <ShowroomSettings />}</DeskPage>;
}
