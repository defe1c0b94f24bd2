import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { SlotChooser } from '../../components/slots/slot-chooser';
import type { Slot } from '../../components/slots/slot-picker';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';

export type Booking = RouterOutputs['bookings']['list']['items'][number];

const changeable = new Set(['pending', 'approved']);

function useRefreshBookings() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(carhub.bookings.pathFilter()),
      queryClient.invalidateQueries(carhub.inventory.slots.queryFilter()),
    ]);
}

function RescheduleDialog({ booking, carName, onClose }: { booking: Booking; carName: string; onClose: () => void }) {
  const carhub = useCarhub();
  const refresh = useRefreshBookings();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [dates, setDates] = useState({ startDate: booking.startDate ?? '', endDate: booking.endDate ?? '' });
  const reschedule = useMutation({
    ...carhub.bookings.reschedule.mutationOptions(),
    onSuccess: () => {
      toast.success('Booking rescheduled.');
      onClose();
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const isDrive = booking.kind === 'test_drive';
  const save = (chosen: Slot | null) => {
    if (isDrive) {
      if (chosen) reschedule.mutate({ id: booking.id, startAt: chosen.startAt });
    } else reschedule.mutate({ id: booking.id, ...dates });
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Reschedule: ${carName}`}>
      {isDrive ? (
        <SlotChooser carId={booking.carId} selected={slot} onSelect={setSlot} onConfirm={save} />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="First day"
            type="date"
            value={dates.startDate}
            onChange={(e) => setDates((d) => ({ ...d, startDate: e.target.value }))}
          />
          <TextField
            label="Last day"
            type="date"
            value={dates.endDate}
            onChange={(e) => setDates((d) => ({ ...d, endDate: e.target.value }))}
          />
        </div>
      )}
      <div className="mt-6 flex justify-end gap-3">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
        <Button onClick={() => save(slot)} disabled={reschedule.isPending || (isDrive && !slot)}>
          Save the new time
        </Button>
      </div>
    </Dialog>
  );
}

/** Reschedule and cancel, offered only while the booking is pending or approved. */
export function BookingActions({ booking, carName }: { booking: Booking; carName: string }) {
  const carhub = useCarhub();
  const refresh = useRefreshBookings();
  const [open, setOpen] = useState<'reschedule' | 'cancel' | null>(null);
  const cancel = useMutation({
    ...carhub.bookings.cancel.mutationOptions(),
    onSuccess: () => {
      toast.success('Booking cancelled.');
      setOpen(null);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  if (!changeable.has(booking.status)) return null;
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setOpen('reschedule')} aria-label={`Reschedule ${carName}`}>
        Reschedule
      </Button>
      <Button variant="ghostDanger" onClick={() => setOpen('cancel')} aria-label={`Cancel ${carName}`}>
        Cancel
      </Button>
      {open === 'reschedule' ? (
        <RescheduleDialog booking={booking} carName={carName} onClose={() => setOpen(null)} />
      ) : null}
      <ConfirmDialog
        open={open === 'cancel'}
        onOpenChange={(o) => setOpen(o ? 'cancel' : null)}
        title="Cancel this booking?"
        description={`${carName}: the hour goes back to others.`}
        confirmLabel="Cancel booking"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate({ id: booking.id })}
      />
    </div>
  );
}
