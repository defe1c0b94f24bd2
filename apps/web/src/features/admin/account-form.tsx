import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { SelectField, TextField } from '../../components/ui/field';
import { fieldErrors } from '../../lib/api-error';

export interface AccountValues {
  username: string;
  email: string;
  password: string;
  passwordConfirm: string;
  firstName: string;
  lastName: string;
  role: string;
  commissionRate: string;
}

const blank: AccountValues = {
  username: '',
  email: '',
  password: '',
  passwordConfirm: '',
  firstName: '',
  lastName: '',
  role: '',
  commissionRate: '',
};

/**
 * A new account (staff.create, admin.users.create): the server's schema judges it, and its
 * per-field answers show under each field.
 */
export function AccountForm({
  roles,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  roles: readonly string[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: AccountValues) => void;
}) {
  const [values, setValues] = useState<AccountValues>({ ...blank, role: roles[0] ?? '' });
  const set = (key: keyof AccountValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const errors = fieldErrors(error);
  const seller = values.role === 'staff' || values.role === 'admin';
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(values);
      }}
    >
      <TextField
        label="First name"
        autoComplete="off"
        value={values.firstName}
        onChange={set('firstName')}
        error={errors.firstName?.[0]}
      />
      <TextField
        label="Last name"
        autoComplete="off"
        value={values.lastName}
        onChange={set('lastName')}
        error={errors.lastName?.[0]}
      />
      <TextField
        label="Username"
        autoComplete="off"
        value={values.username}
        onChange={set('username')}
        error={errors.username?.[0]}
      />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="off"
        value={values.email}
        onChange={set('email')}
        error={errors.email?.[0]}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={set('password')}
        error={errors.password?.[0]}
      />
      <TextField
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        value={values.passwordConfirm}
        onChange={set('passwordConfirm')}
        error={errors.passwordConfirm?.[0]}
      />
      <SelectField
        label="Role"
        value={values.role}
        onChange={set('role')}
        options={roles.map((r) => ({ value: r, label: r.charAt(0).toUpperCase() + r.slice(1) }))}
      />
      {seller ? (
        <TextField
          label="Commission rate (%)"
          inputMode="decimal"
          hint="0 to 100; empty for the default."
          value={values.commissionRate}
          onChange={set('commissionRate')}
          error={errors.commissionRate?.[0]}
        />
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The form's values as a create input: the rate only for sellers, and only when given. */
export function accountInput(values: AccountValues) {
  const { commissionRate, role, ...rest } = values;
  const seller = role === 'staff' || role === 'admin';
  return { ...rest, role, ...(seller && commissionRate.trim() ? { commissionRate: commissionRate.trim() } : {}) };
}
