import { describe, expect, it } from 'vitest';
import { canActOnBooking, canSeeBooking } from './policy';

const alice = { id: 'alice', role: 'client' as const };
const bob = { id: 'bob', role: 'client' as const };
const staff = { id: 'staff', role: 'staff' as const };
const admin = { id: 'admin', role: 'admin' as const };

const stockDrive = { kind: 'test_drive' as const, customerId: 'bob', carOwnerId: null };
const aliceRental = { kind: 'rental' as const, customerId: 'bob', carOwnerId: 'alice' };
// A test drive bob took of a car that is alice's now: not alice's to see.
const driveOfAliceCar = { kind: 'test_drive' as const, customerId: 'bob', carOwnerId: 'alice' };

describe('booking policy', () => {
  it('who sees what', () => {
    expect([alice, bob, staff, admin].map((v) => canSeeBooking(v, stockDrive))).toEqual([false, true, true, true]);
    expect([alice, bob, staff, admin].map((v) => canSeeBooking(v, aliceRental))).toEqual([true, true, false, true]);
    expect(canSeeBooking(alice, driveOfAliceCar)).toBe(false);
  });

  it('who does what', () => {
    expect(canActOnBooking(bob, stockDrive, 'cancel')).toBe(true);
    expect(canActOnBooking(bob, stockDrive, 'reschedule')).toBe(true);
    expect(canActOnBooking(bob, stockDrive, 'approve')).toBe(false);
    expect(canActOnBooking(staff, stockDrive, 'noShow')).toBe(true);
    expect(canActOnBooking(alice, aliceRental, 'complete')).toBe(true);
    expect(canActOnBooking(alice, aliceRental, 'cancel')).toBe(true);
    expect(canActOnBooking(bob, aliceRental, 'complete')).toBe(false);
    expect(canActOnBooking(staff, aliceRental, 'cancel')).toBe(false);
    expect(canActOnBooking(admin, aliceRental, 'approve')).toBe(true);
  });
});
