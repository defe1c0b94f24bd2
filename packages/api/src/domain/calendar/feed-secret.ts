import { createHash, createHmac } from 'node:crypto';

/** The path the feed is served under; the secret sits where `{secret}` is. */
export const CALENDAR_FEED_PATH = '/api/calendars';

/** 43 base64url characters: 256 bits, unguessable, URL-safe. */
export const FEED_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The secret of one feed generation of a car: reproducible with the key, never stored. */
export function feedSecret(key: string, carId: string, feedId: string): string {
  return createHmac('sha256', key).update(`calendar-feed:${carId}:${feedId}`).digest('base64url');
}

/** What the database keeps and the feed route looks the secret up by. */
export function hashFeedSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function feedUrl(publicUrl: string, secret: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${CALENDAR_FEED_PATH}/${secret}.ics`;
}
