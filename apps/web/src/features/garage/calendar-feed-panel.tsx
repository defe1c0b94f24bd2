import { useCarhub } from '@carhub/sdk/react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { CopyButton } from '../../components/ui/copy-button';
import { Card } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';

/** The car's private iCalendar URL: copy it into a calendar app, or rotate it to cut off old copies. */
export function CalendarFeedPanel({ carId }: { carId: string }) {
  const carhub = useCarhub();
  const [url, setUrl] = useState('');
  const feed = useMutation({
    ...carhub.cars.calendarUrl.mutationOptions(),
    onSuccess: (result) => setUrl(result.url),
    onError: (error) => toast.error(errorMessage(error)),
  });
  const { mutate } = feed;
  useEffect(() => mutate({ id: carId }), [carId, mutate]);
  return (
    <Card>
      <h2 className="text-lg font-semibold">Calendar feed</h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        Subscribe in your calendar app to see this car's rentals and drives.
      </p>
      <TextField label="Calendar URL" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      <div className="mt-3 flex flex-wrap gap-2">
        <CopyButton text={url} what="Calendar URL" label="Copy URL" />
        <Button
          variant="ghost"
          onClick={() =>
            feed.mutate(
              { id: carId, rotate: true },
              { onSuccess: () => toast.success('New URL issued; the old one no longer works.') },
            )
          }
        >
          Issue a new URL
        </Button>
      </div>
    </Card>
  );
}
