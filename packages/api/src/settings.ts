import { randomBytes } from 'node:crypto';
import { DEFAULT_API_KEY_RATE_LIMIT } from './domain/api-keys/keys';

/**
 * Operator settings procedures need. The server fills them from its config (apps/server
 * config.ts reads the environment); tests and scripts pass what they test.
 */
export interface ApiSettings {
  /** auth.register refuses a sign-up that does not accept the terms. */
  requireTerms: boolean;
  /** Webhook URLs may point at loopback and private networks (development, tests). */
  webhookAllowPrivateTargets: boolean;
  /** The commission rate (percent, "5.00") of staff created without one. */
  defaultCommissionRate: string;
  /** IANA zone of the showroom (SHOWROOM_TZ): "today", midnights and test-drive hours are read in it. */
  showroomTimeZone: string;
  /** Where absolute links (calendar feeds) start, e.g. https://carhub.example. */
  publicUrl: string;
  /**
   * Key the calendar-feed secrets are derived from (HMAC). Changing it changes the URL shown
   * next; URLs already handed out keep working until rotated (only their hash is looked up).
   */
  calendarFeedKey: string;
  /** The clock booking rules read; tests pass a fixed one instead of mocking Date. */
  now: () => Date;
  /** Requests one API key may make in a minute (API_KEY_RATE_LIMIT). */
  apiKeyRateLimit: number;
}

export const defaultSettings: ApiSettings = {
  requireTerms: false,
  webhookAllowPrivateTargets: false,
  defaultCommissionRate: '5.00',
  showroomTimeZone: 'UTC',
  publicUrl: 'http://localhost:3000',
  calendarFeedKey: randomBytes(32).toString('base64url'),
  now: () => new Date(),
  apiKeyRateLimit: DEFAULT_API_KEY_RATE_LIMIT,
};
