import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { SelectField, TextField } from '../../components/ui/field';
import { createCarInput } from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { label } from '../../lib/format';
import { bodyTypes, fuelTypes, transmissions } from '../catalogue/catalogue-search';
import { carMakes, modelsOf } from './car-makes';

export type CarFormValues = z.input<typeof createCarInput>;
export type CarFormOutput = z.output<typeof createCarInput>;

const fields = [
  'make',
  'model',
  'year',
  'color',
  'licensePlate',
  'vin',
  'mileage',
  'fuelType',
  'bodyType',
  'transmission',
] as const;

const optional = (values: readonly string[]) => [
  { value: '', label: 'Not set' },
  ...values.map((v) => ({ value: v, label: label(v) })),
];

const blankToNull = (v: unknown) => (v === '' ? null : v);

/** A garage car's fields, checked by the API's own cars.create schema before anything is sent. */
export function CarForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
}: {
  initial?: Partial<CarFormValues>;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: CarFormOutput) => Promise<unknown>;
}) {
  const form = useForm<CarFormValues, unknown, CarFormOutput>({
    resolver: zodResolver(createCarInput),
    defaultValues: { make: '', model: '', year: new Date().getFullYear(), mileage: 0, ...initial },
  });
  const e = form.formState.errors;
  const makeList = useId();
  const modelList = useId();
  const models = modelsOf(form.watch('make') ?? '');
  const text = (name: 'color' | 'licensePlate' | 'vin') => form.register(name, { setValueAs: blankToNull });
  const choice = (name: 'fuelType' | 'bodyType' | 'transmission') => form.register(name, { setValueAs: blankToNull });
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        const error = await onSubmit(values);
        if (error) applyServerErrors(error, form.setError, fields);
      })}
    >
      <TextField
        label="Make"
        list={makeList}
        autoComplete="off"
        hint="Pick from the list or type it."
        error={e.make?.message}
        {...form.register('make')}
      />
      <TextField
        label="Model"
        list={modelList}
        autoComplete="off"
        hint="Suggested for the make; any model is fine."
        error={e.model?.message}
        {...form.register('model')}
      />
      <datalist id={makeList}>
        {carMakes.map((make) => (
          <option key={make} value={make} />
        ))}
      </datalist>
      <datalist id={modelList}>
        {models.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <TextField
        label="Year"
        inputMode="numeric"
        error={e.year?.message}
        {...form.register('year', { valueAsNumber: true })}
      />
      <TextField
        label="Mileage (km)"
        inputMode="numeric"
        error={e.mileage?.message}
        {...form.register('mileage', { valueAsNumber: true })}
      />
      <TextField label="Colour" error={e.color?.message} {...text('color')} />
      <TextField label="Licence plate" error={e.licensePlate?.message} {...text('licensePlate')} />
      <div className="sm:col-span-2">
        <TextField label="VIN" hint="17 characters; optional." error={e.vin?.message} {...text('vin')} />
      </div>
      <SelectField label="Fuel" options={optional(fuelTypes)} error={e.fuelType?.message} {...choice('fuelType')} />
      <SelectField label="Body" options={optional(bodyTypes)} error={e.bodyType?.message} {...choice('bodyType')} />
      <SelectField
        label="Transmission"
        options={optional(transmissions)}
        error={e.transmission?.message}
        {...choice('transmission')}
      />
      <div className="flex items-end sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
