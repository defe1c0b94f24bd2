export { renderFeed } from './feed-queries';
export { CALENDAR_FEED_PATH, FEED_SECRET_PATTERN } from './feed-secret';
export { type IcsEvent, renderCalendar } from './ics';
