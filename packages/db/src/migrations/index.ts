import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_extensions';
import * as m0002 from './0002_users';
import * as m0003 from './0003_sessions';
import * as m0004 from './0004_login_throttle';
import * as m0005 from './0005_cars';
import * as m0010 from './0010_notifications';
import * as m0011 from './0011_webhooks';
import * as m0012 from './0012_outbox';
import * as m0013 from './0013_password_resets';
import * as m0014 from './0014_terms';
import * as m0015 from './0015_car_photos';
import * as m0016 from './0016_bookings';
import * as m0017 from './0017_calendar_feeds';
import * as m0020 from './0020_staff_commission';
import * as m0021 from './0021_audit_log';
import * as m0022 from './0022_cars_created_at_index';
import * as m0023 from './0023_sales';
import * as m0040 from './0040_showroom_settings';
import * as m0041 from './0041_booking_buffer';
import * as m0042 from './0042_outbox_guest_email_and_pruning';
import * as m0050 from './0050_api_keys';
import * as m0051 from './0051_idempotency_keys';
import * as m0060 from './0060_logbook';
import * as m0070 from './0070_dashboard_indexes';

/**
 * Every migration, in order. Listed by hand rather than read from the folder so the set is
 * fixed at build time and works the same under tsx, vitest and a bundle. Never edit a
 * migration that has shipped: add the next one.
 */
export const migrations: Record<string, Migration> = {
  '0001_extensions': m0001,
  '0002_users': m0002,
  '0003_sessions': m0003,
  '0004_login_throttle': m0004,
  '0005_cars': m0005,
  '0010_notifications': m0010,
  '0011_webhooks': m0011,
  '0012_outbox': m0012,
  '0013_password_resets': m0013,
  '0014_terms': m0014,
  '0015_car_photos': m0015,
  '0016_bookings': m0016,
  '0017_calendar_feeds': m0017,
  '0020_staff_commission': m0020,
  '0021_audit_log': m0021,
  '0022_cars_created_at_index': m0022,
  '0023_sales': m0023,
  '0040_showroom_settings': m0040,
  '0041_booking_buffer': m0041,
  '0042_outbox_guest_email_and_pruning': m0042,
  '0050_api_keys': m0050,
  '0051_idempotency_keys': m0051,
  '0060_logbook': m0060,
  '0070_dashboard_indexes': m0070,
};
