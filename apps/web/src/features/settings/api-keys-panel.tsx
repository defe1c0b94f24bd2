import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub } from '@carhub/sdk/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { CopyButton } from '../../components/ui/copy-button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Card, Loading, Skeleton } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';
import { formatInZone } from '../../lib/format';
import { CreateApiKeyForm } from './create-api-key-form';

type ApiKey = RouterOutputs['apiKeys']['list']['items'][number];
type CreatedKey = RouterOutputs['apiKeys']['create'];

const when = (date: Date | null, none: string) => (date ? formatInZone(date, undefined) : none);

function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3">
      <div className="min-w-0 space-y-1">
        <p className="text-sm font-medium text-slate-900">
          {apiKey.name} <code className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">{apiKey.prefix}…</code>
        </p>
        <p className="flex flex-wrap gap-1">
          <span className="sr-only">Scopes:</span>
          {apiKey.scopes.map((scope) => (
            <span key={scope} className="rounded-full bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-700">
              {scope}
            </span>
          ))}
        </p>
        <p className="text-xs text-slate-600">
          Created {when(apiKey.createdAt, '')} · last used {when(apiKey.lastUsedAt, 'never')} ·{' '}
          {apiKey.expiresAt ? `expires ${when(apiKey.expiresAt, '')}` : 'never expires'}
        </p>
      </div>
      <Button variant="secondary" onClick={onRevoke} aria-label={`Revoke the key ${apiKey.name}`}>
        Revoke
      </Button>
    </li>
  );
}

/** Keys for scripts and tools: listed without their secret, created (the key shown once) and revoked. */
export function ApiKeysPanel() {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const keys = useQuery(carhub.apiKeys.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const refresh = () => queryClient.invalidateQueries(carhub.apiKeys.list.queryFilter());
  const create = useMutation({ ...carhub.apiKeys.create.mutationOptions(), onSettled: refresh });
  const revoke = useMutation({
    ...carhub.apiKeys.revoke.mutationOptions(),
    onSuccess: () => {
      toast.success(`Key "${revoking?.name}" revoked: it no longer works.`);
      setRevoking(null);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  return (
    <Card>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">API keys</h2>
        <Button onClick={() => setCreating(true)}>Create a key</Button>
      </div>
      <p className="mb-3 text-sm text-slate-600">
        For scripts and tools: a key acts as you, within the scopes you give it. Send it as{' '}
        <code className="whitespace-nowrap text-xs">Authorization: Bearer …</code> or{' '}
        <code className="whitespace-nowrap text-xs">X-API-Key</code>.
      </p>
      {keys.isPending ? (
        <Loading label="Loading API keys">
          <Skeleton className="h-16" />
        </Loading>
      ) : keys.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(keys.error)}
        </p>
      ) : keys.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">No keys yet: create one for each tool, so each can be revoked alone.</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Your API keys">
          {keys.data.items.map((k) => (
            <KeyRow key={k.id} apiKey={k} onRevoke={() => setRevoking(k)} />
          ))}
        </ul>
      )}
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="Create an API key"
        description="Give it only the access its tool needs."
      >
        <CreateApiKeyForm
          pending={create.isPending}
          onCancel={() => setCreating(false)}
          onSubmit={async (values) => {
            try {
              const key = await create.mutateAsync(values);
              setCreating(false);
              setCreated(key);
              toast.success(`Key "${key.name}" created.`);
              return null;
            } catch (error) {
              return error;
            }
          }}
        />
      </Dialog>
      <Dialog
        open={created !== null}
        onOpenChange={(open) => !open && setCreated(null)}
        title="Copy your new key"
        description="You won't see it again: store it where its tool can read it. Lost it? Revoke it and create another."
      >
        <div className="space-y-4">
          <TextField
            label="API key"
            readOnly
            value={created?.key ?? ''}
            className="font-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex flex-wrap justify-end gap-3">
            <CopyButton text={created?.key ?? ''} what="API key" label="Copy key" />
            <Button onClick={() => setCreated(null)}>Done</Button>
          </div>
        </div>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke "${revoking?.name ?? ''}"?`}
        description="Whatever uses this key is refused from its next call. This can't be undone."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      />
    </Card>
  );
}
