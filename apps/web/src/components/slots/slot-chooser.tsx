import { useCarhub } from '@carhub/sdk/react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../lib/api-error';
import { isoDateInZone } from '../../lib/format';
import { Loading, Skeleton } from '../ui/feedback';
import { type Slot, SlotPicker } from './slot-picker';

function tomorrow(): string {
  return isoDateInZone(new Date(Date.now() + 24 * 3600 * 1000), undefined);
}

/** A date field and that day's free test-drive hours of one car, in showroom time. */
export function SlotChooser({
  carId,
  initialDate,
  selected,
  onSelect,
  onConfirm,
}: {
  carId: string;
  initialDate?: string;
  selected: Slot | null;
  onSelect: (slot: Slot | null) => void;
  onConfirm: (slot: Slot) => void;
}) {
  const carhub = useCarhub();
  const dateId = useId();
  const [date, setDate] = useState(initialDate ?? tomorrow());
  const slots = useQuery({ ...carhub.inventory.slots.queryOptions({ carId, date }), enabled: date !== '' });
  const zone = slots.data?.timeZone;
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <label htmlFor={dateId} className="block text-sm font-medium text-slate-800">
          Day
        </label>
        <input
          id={dateId}
          type="date"
          value={date}
          min={isoDateInZone(new Date(), undefined)}
          onChange={(event) => {
            setDate(event.target.value);
            onSelect(null);
          }}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
        />
      </div>
      {slots.isPending ? (
        <Loading label="Loading free hours">
          <Skeleton className="h-24" />
        </Loading>
      ) : slots.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(slots.error)}
        </p>
      ) : slots.data.slots.length === 0 ? (
        <p className="rounded-lg bg-slate-100 p-3 text-sm text-slate-700">No free hours that day. Try another day.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            Free hours, showroom time (<span className="font-semibold">{zone}</span>). Use the arrow keys to move and
            Enter to book.
          </p>
          <SlotPicker
            label={`Free hours on ${date} (${zone})`}
            slots={slots.data.slots}
            selected={selected?.startAt ?? null}
            onSelect={onSelect}
            onConfirm={onConfirm}
          />
        </>
      )}
    </div>
  );
}
