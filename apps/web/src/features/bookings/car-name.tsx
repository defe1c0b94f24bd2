import { useCarhub } from '@carhub/sdk/react';
import { useQuery } from '@tanstack/react-query';

/** "2021 Toyota Corolla" for a booking's car: stock for test drives, a garage car for rentals. */
export function useCarName(carId: string, kind: 'rental' | 'test_drive'): string {
  const carhub = useCarhub();
  const stock = useQuery({
    ...carhub.inventory.get.queryOptions({ id: carId }),
    enabled: kind === 'test_drive',
    retry: false,
  });
  const garage = useQuery({ ...carhub.cars.get.queryOptions({ id: carId }), enabled: kind === 'rental', retry: false });
  const car = kind === 'test_drive' ? stock.data : garage.data;
  return car ? `${car.year} ${car.make} ${car.model}` : 'Car';
}
