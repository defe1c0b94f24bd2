import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '../../components/ui/button';
import { TextField } from '../../components/ui/field';
import { apiKeyAreas, createApiKeyInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { isoDateInZone, label } from '../../lib/format';

/** The form's own shape: the API's schema, with the expiry as a day picked in a date field. */
export const apiKeyForm = createApiKeyInput.extend({
  // The key then works until the end of that day (the browser's own zone).
  expiresAt: z.preprocess(
    (day) => (typeof day === 'string' && day !== '' ? new Date(`${day}T23:59:59`) : undefined),
    createApiKeyInput.shape.expiresAt,
  ),
});
type FormInput = z.input<typeof apiKeyForm>;
export type ApiKeyFormOutput = z.output<typeof apiKeyForm>;

const rows = [{ area: '*', name: 'Every area' }, ...apiKeyAreas.map((area) => ({ area, name: label(area) }))];

/** Name, scopes and expiry, checked by the API's own apiKeys.create schema before anything is sent. */
export function CreateApiKeyForm({
  pending,
  onSubmit,
  onCancel,
}: {
  pending: boolean;
  /** Sends the key's input; answers the error when the API refused it, null otherwise. */
  onSubmit: (values: ApiKeyFormOutput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const form = useForm<FormInput, unknown, ApiKeyFormOutput>({
    resolver: zodResolver(apiKeyForm),
    defaultValues: { name: '', scopes: [], expiresAt: '' },
  });
  const e = form.formState.errors;
  const today = isoDateInZone(new Date(), undefined);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        const error = await onSubmit(values);
        const message = error ? applyServerErrors(error, form.setError, ['name', 'scopes', 'expiresAt']) : null;
        if (message) form.setError('root', { message });
      })}
    >
      <TextField
        label="Name"
        hint="What uses it, e.g. “stock sync”."
        error={e.name?.message}
        {...form.register('name')}
      />
      <fieldset aria-describedby={e.scopes ? 'api-key-scopes-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Scopes</legend>
        <p className="text-xs text-slate-600">
          Read allows an area's queries, write its changes; write doesn't imply read.
        </p>
        <div className="mt-2 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {rows.map(({ area, name }) => (
            <div key={area} className="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
              <span className="font-medium text-slate-800">{name}</span>
              <span className="flex gap-4">
                {(['read', 'write'] as const).map((access) => (
                  <label key={access} className="flex items-center gap-1.5 text-slate-700">
                    <input
                      type="checkbox"
                      value={`${area}:${access}`}
                      className="size-4 accent-accent-600"
                      {...form.register('scopes')}
                    />
                    <span className="sr-only">{name}: </span>
                    {access}
                  </label>
                ))}
              </span>
            </div>
          ))}
        </div>
        {e.scopes ? (
          <p id="api-key-scopes-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
            {e.scopes.message ?? e.scopes.root?.message}
          </p>
        ) : null}
      </fieldset>
      <TextField
        label="Expires after (optional)"
        type="date"
        min={today}
        hint="Without a date the key works until you revoke it; at most a year ahead."
        error={e.expiresAt?.message}
        {...form.register('expiresAt')}
      />
      {e.root ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {e.root.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Create key
        </Button>
      </div>
    </form>
  );
}
