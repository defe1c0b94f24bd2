import { type RouterOutputs, uploadPhoto } from '@carhub/sdk';
import { useCarhub, useCarhubClient } from '@carhub/sdk/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Card } from '../../components/ui/feedback';
import { TextField } from '../../components/ui/field';
import { errorMessage } from '../../lib/api-error';

type Photo = RouterOutputs['cars']['get']['photos'][number];

/** Upload, order (drag, or the move buttons from the keyboard), primary, alt text and delete. */
export function PhotosPanel({ carId, photos, title }: { carId: string; photos: readonly Photo[]; title: string }) {
  const carhub = useCarhub();
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [editing, setEditing] = useState<Photo | null>(null);
  const [removing, setRemoving] = useState<Photo | null>(null);
  const [altText, setAltText] = useState('');
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  // The photo whose move handle had focus: it keeps focus once the list is in its new order.
  const [moved, setMoved] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const refresh = () => queryClient.invalidateQueries(carhub.cars.get.queryFilter({ id: carId }));
  const client = useCarhubClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadPhoto(client, { carId, file }, { onProgress: setSent }),
    onMutate: () => setSent({ loaded: 0, total: 1 }),
    onSuccess: (_car, file) => {
      toast.success('Photo uploaded.');
      // Clear the field, unless another photo was chosen while this one was on its way.
      if (fileRef.current?.files?.[0] === file) fileRef.current.value = '';
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => {
      setSent(null);
      return refresh();
    },
  });
  const update = useMutation({
    ...carhub.cars.photos.update.mutationOptions(),
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const remove = useMutation({
    ...carhub.cars.photos.remove.mutationOptions(),
    onSuccess: () => {
      toast.success('Photo deleted.');
      setRemoving(null);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: refresh,
  });
  const ordered = [...photos].sort((a, b) => a.position - b.position);
  const move = (photo: Photo, position: number) => {
    if (position < 0 || position >= ordered.length) return;
    update.mutate(
      { carId, photoId: photo.id, position },
      { onSuccess: () => toast.success(`Photo moved to place ${position + 1}.`) },
    );
  };
  const onDrop = (event: DragEvent, target: Photo) => {
    event.preventDefault();
    const photo = ordered.find((p) => p.id === dragged);
    setDragged(null);
    if (photo && photo.id !== target.id) move(photo, ordered.indexOf(target));
  };
  const name = (p: Photo, i: number) => p.altText ?? `photo ${i + 1}`;
  const order = ordered.map((p) => p.id).join();
  useEffect(() => {
    if (!moved || !order) return;
    listRef.current?.querySelector<HTMLElement>(`[data-move="${moved}"]`)?.focus();
  }, [moved, order]);
  const onHandleKey = (event: KeyboardEvent, photo: Photo, i: number) => {
    const target = {
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      Home: 0,
      End: ordered.length - 1,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    if (target === i) return;
    setMoved(photo.id);
    move(photo, target);
  };
  return (
    <Card>
      <h2 className="text-lg font-semibold">Photos</h2>
      <form
        className="mt-3 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const file = fileRef.current?.files?.[0];
          if (!file) {
            toast.error('Choose a photo first.');
            return;
          }
          upload.mutate(file);
        }}
      >
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
            Photo (JPEG, PNG or WebP)
          </label>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-accent-50 file:px-3 file:py-2 file:font-semibold file:text-accent-700"
          />
        </div>
        <Button type="submit" disabled={upload.isPending}>
          Upload photo
        </Button>
      </form>
      {sent ? (
        <div className="mt-3">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Uploading… {Math.floor((100 * sent.loaded) / sent.total)} %
            <progress className="w-40 accent-accent-600" max={sent.total} value={sent.loaded} />
          </label>
        </div>
      ) : null}
      {ordered.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No photos yet: upload one and it becomes the cover photo.</p>
      ) : (
        <ul
          ref={listRef}
          className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
          aria-label={`Photos of ${title}, in order`}
        >
          {ordered.map((photo, i) => (
            <li
              key={photo.id}
              draggable
              onDragStart={() => setDragged(photo.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, photo)}
              className={`overflow-hidden rounded-xl ring-1 ${dragged === photo.id ? 'opacity-50' : ''} ${photo.isPrimary ? 'ring-2 ring-accent-600' : 'ring-slate-200'}`}
            >
              <img
                src={photo.thumbnailUrl ?? photo.url}
                alt={photo.altText ?? `${title}, photo ${i + 1}`}
                className="aspect-[4/3] w-full object-cover"
              />
              <div className="flex items-center justify-between gap-1 px-2 pt-2 whitespace-nowrap">
                {photo.isPrimary ? (
                  <span className="rounded-full bg-accent-100 px-2 py-0.5 text-xs font-semibold text-accent-700">
                    Cover photo
                  </span>
                ) : (
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() =>
                      update.mutate(
                        { carId, photoId: photo.id, isPrimary: true },
                        { onSuccess: () => toast.success('Cover photo set.') },
                      )
                    }
                    aria-label={`Make cover: ${name(photo, i)}`}
                  >
                    Make cover
                  </Button>
                )}
                <Button
                  variant="ghostDanger"
                  className="px-2 py-1"
                  onClick={() => setRemoving(photo)}
                  aria-label={`Delete ${name(photo, i)}`}
                >
                  Delete
                </Button>
              </div>
              <div className="flex items-center gap-1 px-2 pb-2 whitespace-nowrap">
                <Button
                  variant="ghost"
                  className="cursor-grab px-2 py-1"
                  data-move={photo.id}
                  onKeyDown={(e) => onHandleKey(e, photo, i)}
                  onBlur={() => setMoved(null)}
                  aria-label={`Reorder ${name(photo, i)}, place ${i + 1} of ${ordered.length}: arrow keys move it`}
                >
                  <span aria-hidden="true">⠿</span> Move
                </Button>
                <Button
                  variant="ghost"
                  className="px-2 py-1"
                  disabled={i === 0}
                  onClick={() => move(photo, i - 1)}
                  aria-label={`Move ${name(photo, i)} earlier`}
                >
                  ←
                </Button>
                <Button
                  variant="ghost"
                  className="px-2 py-1"
                  disabled={i === ordered.length - 1}
                  onClick={() => move(photo, i + 1)}
                  aria-label={`Move ${name(photo, i)} later`}
                >
                  →
                </Button>
                <span className="ml-auto">
                  <Button
                    variant="ghost"
                    className="px-2 py-1"
                    onClick={() => {
                      setEditing(photo);
                      setAltText(photo.altText ?? '');
                    }}
                    aria-label={`Alt text of ${name(photo, i)}`}
                  >
                    Alt text
                  </Button>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title="Describe the photo"
        description="For people who can't see it: what does it show?"
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!editing) return;
            update.mutate(
              { carId, photoId: editing.id, altText: altText.trim() || null },
              {
                onSuccess: () => {
                  toast.success('Description saved.');
                  setEditing(null);
                },
              },
            );
          }}
        >
          <TextField label="Alt text" value={altText} onChange={(e) => setAltText(e.target.value)} maxLength={300} />
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={() => setEditing(null)}>
              Close
            </Button>
            <Button type="submit">Save</Button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title="Delete this photo?"
        description="It is removed for good."
        confirmLabel="Delete photo"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ carId, photoId: removing.id })}
      />
    </Card>
  );
}
