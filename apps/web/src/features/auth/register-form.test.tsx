import { createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegisterForm, type RegisterValues } from './register-form';

afterEach(cleanup);

// The form links to /terms, so it renders inside a router.
function renderForm(requireTerms: boolean, onSubmit: (values: RegisterValues) => Promise<unknown>) {
  const rootRoute = createRootRoute({
    component: () => <RegisterForm requireTerms={requireTerms} pending={false} onSubmit={onSubmit} />,
  });
  const router = createRouter({ routeTree: rootRoute });
  return render(<RouterProvider router={router} />);
}

async function fill(user: ReturnType<typeof userEvent.setup>, values: Partial<Record<string, string>>) {
  for (const [label, value] of Object.entries(values)) {
    const field = screen.getByLabelText(label, { exact: true });
    await user.clear(field);
    if (value) await user.type(field, value);
  }
}

const valid = {
  'First name': 'Erin',
  'Last name': 'Tester',
  Username: 'erin_t',
  'E-mail': 'erin@example.test',
  Password: 'Sunny-Garage-2026',
  'Confirm password': 'Sunny-Garage-2026',
};

describe('RegisterForm validates with the API schema', () => {
  it("shows the API's own messages and sends nothing while a field is wrong", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (_values: RegisterValues) => null);
    renderForm(false, onSubmit);
    await screen.findByLabelText('Username');
    await fill(user, { ...valid, Username: 'x!', 'E-mail': 'not-an-address', 'Confirm password': 'different-1' });
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('Passwords do not match.');
    const username = screen.getByLabelText('Username');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    // The message is tied to its field, so a screen reader reads it with the field.
    const described = document.getElementById(username.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toMatch(/username/i);
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('requires the terms box only when the operator does', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async (_values: RegisterValues) => null);
    renderForm(true, onSubmit);
    await screen.findByLabelText('Username');
    await fill(user, valid);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('Accept the terms of service to continue.');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'terms of service' }).getAttribute('href')).toBe('/terms');
    await user.click(screen.getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ username: 'erin_t', acceptTerms: true });
  });

  it("puts the server's per-field refusal on the field", async () => {
    const user = userEvent.setup();
    const { TRPCClientError } = await import('@trpc/client');
    const taken = new TRPCClientError('That username is taken.', {
      result: {
        error: {
          message: 'That username is taken.',
          code: -32009,
          data: { code: 'CONFLICT', httpStatus: 409, fieldErrors: { username: ['That username is taken.'] } },
        },
      },
    } as never);
    renderForm(false, async () => taken);
    await screen.findByLabelText('Username');
    await fill(user, valid);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('That username is taken.');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });
});
