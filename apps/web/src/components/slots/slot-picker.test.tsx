import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Slot, SlotPicker } from './slot-picker';

afterEach(cleanup);

const slots: Slot[] = ['09:00', '10:00', '11:00', '12:00'].map((localTime, i) => ({
  localTime,
  startAt: new Date(Date.UTC(2027, 2, 28, 9 + i)),
  endAt: new Date(Date.UTC(2027, 2, 28, 10 + i)),
}));

function Harness({ onConfirm }: { onConfirm: (slot: Slot) => void }) {
  const [selected, setSelected] = useState<Slot | null>(null);
  return (
    <SlotPicker
      label="Free hours"
      slots={slots}
      selected={selected?.startAt ?? null}
      onSelect={setSelected}
      onConfirm={onConfirm}
    />
  );
}

const checked = () => screen.getAllByRole('radio').findIndex((r) => (r as HTMLInputElement).checked);

describe('SlotPicker', () => {
  it('is one tab stop; arrows move and select, wrapping at both ends; Home and End jump', async () => {
    const user = userEvent.setup();
    render(<Harness onConfirm={() => {}} />);
    expect(screen.getByRole('group', { name: 'Free hours' })).toBeTruthy();
    await user.tab();
    expect(document.activeElement).toBe(screen.getAllByRole('radio')[0]);
    await user.keyboard('{ArrowRight}');
    expect(checked()).toBe(1);
    expect(document.activeElement).toBe(screen.getAllByRole('radio')[1]);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(checked()).toBe(0);
    await user.keyboard('{ArrowLeft}');
    expect(checked()).toBe(3);
    await user.keyboard('{Home}');
    expect(checked()).toBe(0);
    await user.keyboard('{End}');
    expect(checked()).toBe(3);
    // Only the selected hour is in the tab order.
    expect(screen.getAllByRole('radio').map((r) => r.tabIndex)).toEqual([-1, -1, -1, 0]);
  });

  it('Enter books the focused hour; a click selects without booking', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    await user.click(screen.getByText('11:00'));
    expect(checked()).toBe(2);
    expect(onConfirm).not.toHaveBeenCalled();
    await user.keyboard('{ArrowUp}{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onConfirm.mock.calls[0]?.[0]).toEqual(slots[1]);
  });
});
