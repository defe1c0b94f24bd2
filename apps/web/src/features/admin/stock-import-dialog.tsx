import type { RouterOutputs } from '@carhub/sdk';
import { useCarhub, useCarhubClient } from '@carhub/sdk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { errorMessage } from '../../lib/api-error';
import { TableFrame, td, th } from './admin-shell';

type ImportResult = RouterOutputs['inventory']['import'];

/** CSV import: a dry run shows every row error first; only a clean file can be imported, whole. */
export function StockImportDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const carhub = useCarhub();
  const client = useCarhubClient();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const send = (dryRun: boolean) => {
    const form = new FormData();
    if (file) form.set('file', file, file.name);
    form.set('dryRun', String(dryRun));
    // The procedure's input is the FormData the server parses; the client sends it past the batch link.
    return client.inventory.import.mutate(form as never);
  };
  const check = useMutation({
    mutationFn: () => send(true),
    onSuccess: setPreview,
    onError: (error) => {
      setPreview(null);
      toast.error(errorMessage(error));
    },
  });
  const commit = useMutation({
    mutationFn: () => send(false),
    onSuccess: (result) => {
      toast.success(`Imported ${result.createdIds.length} cars.`);
      setPreview(null);
      setFile(null);
      onOpenChange(false);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries(carhub.inventory.pathFilter()),
        queryClient.invalidateQueries(carhub.admin.dashboard.queryFilter()),
      ]),
  });
  const clean = preview !== null && preview.errors.length === 0 && preview.cars.length > 0;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Import stock from CSV"
      description="The columns of the stock CSV export, a header row first; up to 5,000 rows. Check the file first: nothing is added until every row is right."
    >
      <div className="space-y-4">
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="block w-full text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" disabled={!file || check.isPending} onClick={() => check.mutate()}>
            {check.isPending ? 'Checking…' : 'Check the file'}
          </Button>
          <Button disabled={!clean || commit.isPending} onClick={() => commit.mutate()}>
            {preview && clean ? `Import ${preview.cars.length} cars` : 'Import'}
          </Button>
        </div>
        {preview ? (
          <div aria-live="polite">
            <p className="text-sm text-slate-800">
              {preview.rowCount} rows read: {preview.cars.length} ready,{' '}
              <strong className={preview.errors.length > 0 ? 'text-red-700' : ''}>
                {preview.errors.length} problem{preview.errors.length === 1 ? '' : 's'}
              </strong>
              .{preview.errors.length > 0 ? ' Fix them in the file, choose it again and check it again.' : ''}
            </p>
            {preview.errors.length > 0 ? (
              <div className="mt-3">
                <TableFrame label="Row errors">
                  <thead className="bg-slate-50">
                    <tr>
                      <th className={th} scope="col">
                        Row
                      </th>
                      <th className={th} scope="col">
                        Column
                      </th>
                      <th className={th} scope="col">
                        Problem
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {preview.errors.slice(0, 200).map((error) => (
                      <tr key={`${error.row}-${error.column}-${error.message}`}>
                        <td className={td}>{error.row}</td>
                        <td className={`${td} font-mono text-xs`}>{error.column ?? '(row)'}</td>
                        <td className={td}>{error.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableFrame>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
