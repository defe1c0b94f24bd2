import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApiKeyFormOutput, CreateApiKeyForm } from './create-api-key-form';

afterEach(cleanup);

function renderForm(onSubmit: (values: ApiKeyFormOutput) => Promise<unknown>) {
  render(<CreateApiKeyForm pending={false} onSubmit={onSubmit} onCancel={() => {}} />);
  return userEvent.setup();
}

const dayAhead = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('CreateApiKeyForm validates with the API schema', () => {
  it("refuses a key without a name or a scope in the API's words, sending nothing", async () => {
    const onSubmit = vi.fn(async () => null);
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByText('Give the key at least one scope.');
    expect(screen.getByText('Name the key (what uses it).')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the checked scopes, and the chosen day as an instant at its end', async () => {
    const onSubmit = vi.fn(async (_values: ApiKeyFormOutput) => null);
    const user = renderForm(onSubmit);
    await user.type(screen.getByLabelText('Name'), '  stock sync ');
    await user.click(screen.getByLabelText('Inventory: read'));
    await user.click(screen.getByLabelText('Every area: write'));
    await user.type(screen.getByLabelText('Expires after (optional)'), dayAhead(30));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    const sent = onSubmit.mock.calls[0]?.[0];
    expect(sent?.name).toBe('stock sync');
    expect(sent?.scopes.toSorted()).toEqual(['*:write', 'inventory:read']);
    expect(sent?.expiresAt).toEqual(new Date(`${dayAhead(30)}T23:59:59`));
  });

  it('leaves the expiry out when no day is chosen', async () => {
    const onSubmit = vi.fn(async (_values: ApiKeyFormOutput) => null);
    const user = renderForm(onSubmit);
    await user.type(screen.getByLabelText('Name'), 'reader');
    await user.click(screen.getByLabelText('Cars: read'));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ name: 'reader', scopes: ['cars:read'] });
  });

  it("shows the server's refusal in the form", async () => {
    const user = renderForm(async () => new Error('A key lives at most a year.'));
    await user.type(screen.getByLabelText('Name'), 'reader');
    await user.click(screen.getByLabelText('Cars: read'));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByText('A key lives at most a year.');
  });
});
