import { type KeyboardEvent, useState } from 'react';

interface Photo {
  id: string;
  url: string;
  thumbnailUrl: string | null;
  altText: string | null;
  isPrimary: boolean;
}

/** The large photo and a row of thumbnails; arrow keys on the thumbnails step through them. */
export function Gallery({ photos, title }: { photos: readonly Photo[]; title: string }) {
  const ordered = [...photos].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const [index, setIndex] = useState(0);
  const current = ordered[Math.min(index, ordered.length - 1)];
  if (!current) {
    return (
      <div className="flex aspect-[4/3] items-center justify-center rounded-2xl bg-slate-200 text-slate-600">
        No photos of this car yet
      </div>
    );
  }
  const go = (next: number) => {
    const wrapped = (next + ordered.length) % ordered.length;
    setIndex(wrapped);
    document.getElementById(`thumb-${ordered[wrapped]?.id}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') go(index + 1);
    else if (event.key === 'ArrowLeft') go(index - 1);
    else return;
    event.preventDefault();
  };
  const alt = (photo: Photo, i: number) => photo.altText ?? `${title}, photo ${i + 1}`;
  return (
    <div className="space-y-3">
      <img
        src={current.url}
        alt={alt(current, index)}
        className="aspect-[4/3] w-full rounded-2xl bg-slate-200 object-cover"
      />
      {ordered.length > 1 ? (
        <fieldset className="flex gap-2 overflow-x-auto pb-1">
          <legend className="sr-only">Photos</legend>
          {ordered.map((photo, i) => (
            <button
              key={photo.id}
              id={`thumb-${photo.id}`}
              type="button"
              aria-label={`Show photo ${i + 1} of ${ordered.length}`}
              aria-pressed={i === index}
              tabIndex={i === index ? 0 : -1}
              onClick={() => setIndex(i)}
              onKeyDown={onKeyDown}
              className={`size-16 shrink-0 overflow-hidden rounded-lg ring-2 sm:size-20 ${i === index ? 'ring-accent-600' : 'ring-transparent'}`}
            >
              <img src={photo.thumbnailUrl ?? photo.url} alt="" className="size-full object-cover" />
            </button>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
