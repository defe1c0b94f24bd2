import type { RouterOutputs } from '@carhub/sdk';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '../../components/ui/button';
import { SelectField, TextField } from '../../components/ui/field';
import {
  bodyTypeSchema,
  carStatusSchema,
  createCarInput,
  fuelTypeSchema,
  priceSchema,
  transmissionSchema,
} from '../../lib/api-schemas';
import { applyServerErrors } from '../../lib/form-errors';
import { label } from '../../lib/format';
import { bodyTypes, fuelTypes, transmissions } from '../catalogue/catalogue-search';

export type StockCar = RouterOutputs['inventory']['get'];

/** inventory.create's input, from the API's own field schemas (the form refuses what it refuses). */
export const stockFormSchema = createCarInput.extend({
  fuelType: fuelTypeSchema,
  bodyType: bodyTypeSchema,
  transmission: transmissionSchema,
  price: priceSchema,
  status: carStatusSchema,
});
export type StockFormOutput = z.output<typeof stockFormSchema>;
type StockFormValues = z.input<typeof stockFormSchema>;

const fields = [
  'make',
  'model',
  'year',
  'color',
  'licensePlate',
  'vin',
  'mileage',
  'notes',
  'fuelType',
  'bodyType',
  'transmission',
  'price',
  'status',
] as const;
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: label(v) }));
const blankToNull = (v: unknown) => (v === '' ? null : v);

export function StockForm({
  car,
  pending,
  onSubmit,
}: {
  car?: StockCar | undefined;
  pending: boolean;
  onSubmit: (values: StockFormOutput) => Promise<unknown>;
}) {
  const form = useForm<StockFormValues, unknown, StockFormOutput>({
    resolver: zodResolver(stockFormSchema),
    defaultValues: car
      ? {
          make: car.make,
          model: car.model,
          year: car.year,
          color: car.color,
          licensePlate: car.licensePlate,
          vin: car.vin,
          mileage: car.mileage,
          notes: car.notes,
          fuelType: car.fuelType ?? 'petrol',
          bodyType: car.bodyType ?? 'sedan',
          transmission: car.transmission ?? 'manual',
          price: car.price ?? '',
          status: car.status ?? 'available',
        }
      : {
          make: '',
          model: '',
          year: new Date().getFullYear(),
          mileage: 0,
          fuelType: 'petrol',
          bodyType: 'sedan',
          transmission: 'manual',
          price: '',
          status: 'available',
        },
  });
  const e = form.formState.errors;
  const text = (name: 'color' | 'licensePlate' | 'vin' | 'notes') => form.register(name, { setValueAs: blankToNull });
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(async (values) => {
        const error = await onSubmit(values);
        if (error) applyServerErrors(error, form.setError, fields);
      })}
    >
      <TextField label="Make" error={e.make?.message} {...form.register('make')} />
      <TextField label="Model" error={e.model?.message} {...form.register('model')} />
      <TextField
        label="Year"
        inputMode="numeric"
        error={e.year?.message}
        {...form.register('year', { valueAsNumber: true })}
      />
      <TextField
        label="Price (EUR)"
        inputMode="decimal"
        hint='e.g. "18990" or "18990.50"'
        error={e.price?.message}
        {...form.register('price')}
      />
      <TextField
        label="Mileage (km)"
        inputMode="numeric"
        error={e.mileage?.message}
        {...form.register('mileage', { valueAsNumber: true })}
      />
      <TextField label="Colour" error={e.color?.message} {...text('color')} />
      <TextField label="Licence plate" error={e.licensePlate?.message} {...text('licensePlate')} />
      <TextField label="VIN" hint="17 characters; optional." error={e.vin?.message} {...text('vin')} />
      <SelectField
        label="Fuel"
        options={options(fuelTypes)}
        error={e.fuelType?.message}
        {...form.register('fuelType')}
      />
      <SelectField
        label="Body"
        options={options(bodyTypes)}
        error={e.bodyType?.message}
        {...form.register('bodyType')}
      />
      <SelectField
        label="Transmission"
        options={options(transmissions)}
        error={e.transmission?.message}
        {...form.register('transmission')}
      />
      <SelectField
        label="Status"
        options={options(carStatusSchema.options)}
        error={e.status?.message}
        {...form.register('status')}
      />
      <div className="sm:col-span-2">
        <TextField label="Staff notes" hint="Seen by staff only." error={e.notes?.message} {...text('notes')} />
      </div>
      <div className="flex items-end sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {car ? 'Save changes' : 'Add to stock'}
        </Button>
      </div>
    </form>
  );
}
