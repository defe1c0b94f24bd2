import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CarForm, type CarFormOutput } from './car-form';

afterEach(cleanup);

function renderForm(onSubmit: (values: CarFormOutput) => Promise<unknown>) {
  render(<CarForm submitLabel="Add car" pending={false} onSubmit={onSubmit} />);
  return userEvent.setup();
}

const suggestions = (label: string) => {
  const list = document.getElementById(screen.getByLabelText(label).getAttribute('list') ?? '');
  return [...(list?.querySelectorAll('option') ?? [])].map((o) => o.value);
};

describe('CarForm', () => {
  it("refuses what cars.create refuses, in the API's words, and sends nothing", async () => {
    const onSubmit = vi.fn(async () => null);
    const user = renderForm(onSubmit);
    await user.type(screen.getByLabelText('Make'), 'Skoda');
    await user.type(screen.getByLabelText('Model'), 'Octavia');
    await user.clear(screen.getByLabelText('Year'));
    await user.type(screen.getByLabelText('Year'), '1850');
    await user.type(screen.getByLabelText('VIN'), 'TOO-SHORT');
    await user.click(screen.getByRole('button', { name: 'Add car' }));
    await screen.findByText(/^Year must be a whole number from 1886 to \d{4}\.$/);
    expect(screen.getByLabelText('VIN').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('suggests makes, and the models of the make typed (any case, accents optional)', async () => {
    const user = renderForm(async () => null);
    expect(suggestions('Make')).toContain('Škoda');
    expect(suggestions('Model')).toEqual([]);
    await user.type(screen.getByLabelText('Make'), 'skoda');
    expect(suggestions('Model')).toContain('Octavia');
    await user.clear(screen.getByLabelText('Make'));
    await user.type(screen.getByLabelText('Make'), 'Volvo');
    expect(suggestions('Model')).toContain('XC60');
    expect(suggestions('Model')).not.toContain('Octavia');
  });

  it('sends a make the list does not know, and empty optional fields as null', async () => {
    const onSubmit = vi.fn(async (_values: CarFormOutput) => null);
    const user = renderForm(onSubmit);
    await user.type(screen.getByLabelText('Make'), 'Trabant');
    await user.type(screen.getByLabelText('Model'), '601');
    await user.click(screen.getByRole('button', { name: 'Add car' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ make: 'Trabant', model: '601', vin: null, fuelType: null });
  });
});
