import { type KeyboardEvent, useId, useRef } from 'react';

export interface Slot {
  startAt: Date;
  endAt: Date;
  localTime: string;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The free hours of a day as real radio buttons (one stop in the tab order): arrow keys,
 * Home and End move and select, Enter books the selected hour, a click selects.
 */
export function SlotPicker({
  slots,
  selected,
  onSelect,
  onConfirm,
  label,
}: {
  slots: readonly Slot[];
  selected: Date | null;
  onSelect: (slot: Slot) => void;
  onConfirm: (slot: Slot) => void;
  label: string;
}) {
  const name = useId();
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const selectedIndex = slots.findIndex((s) => selected !== null && s.startAt.getTime() === selected.getTime());

  const moveTo = (index: number) => {
    const wrapped = (index + slots.length) % slots.length;
    const slot = slots[wrapped];
    if (!slot) return;
    onSelect(slot);
    refs.current[wrapped]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    let target: number | null = null;
    if (event.key in STEP) target = index + (STEP[event.key] ?? 0);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = slots.length - 1;
    if (target !== null) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const slot = slots[index];
      if (slot) onConfirm(slot);
    }
  };

  return (
    <fieldset>
      <legend className="sr-only">{label}</legend>
      <div className="grid grid-cols-3 gap-2 sm:grid-cols-4">
        {slots.map((slot, index) => {
          const checked = index === selectedIndex;
          const id = `${name}-${index}`;
          return (
            <div key={slot.startAt.toISOString()}>
              <input
                ref={(el) => {
                  refs.current[index] = el;
                }}
                id={id}
                type="radio"
                name={name}
                value={slot.startAt.toISOString()}
                checked={checked}
                tabIndex={checked || (selectedIndex === -1 && index === 0) ? 0 : -1}
                onChange={() => onSelect(slot)}
                onKeyDown={(event) => onKeyDown(event, index)}
                className="peer sr-only"
              />
              <label
                htmlFor={id}
                className="block cursor-pointer rounded-lg bg-white px-3 py-2 text-center text-sm font-semibold text-slate-800 tabular-nums ring-1 ring-slate-300 transition-colors peer-checked:bg-accent-600 peer-checked:text-white peer-checked:ring-accent-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent-600 hover:bg-accent-50 peer-checked:hover:bg-accent-700"
              >
                {slot.localTime}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
