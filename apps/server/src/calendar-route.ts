import { CALENDAR_FEED_PATH, FEED_SECRET_PATTERN, renderFeed } from '@carhub/api';
import type { Database } from '@carhub/db';
import type { FastifyInstance } from 'fastify';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { sendRestError } from './error-reply';

/**
 * GET /api/calendars/{secret}.ics: the car's pending and approved bookings as iCalendar, for
 * whoever holds the URL (calendar apps send no credentials). A static-prefix route, so it wins
 * over the REST adapter's /api/* wildcard. The secret never reaches the log (logger.ts masks it).
 */
export function registerCalendarFeed(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { file: string } }>(`${CALENDAR_FEED_PATH}/:file`, async (request, reply) => {
    const secret = /^(.+)\.ics$/.exec(request.params.file)?.[1];
    const ics = secret && FEED_SECRET_PATTERN.test(secret) ? await renderFeed(db, secret, new Date()) : null;
    if (ics === null)
      return sendRestError(reply, 'NOT_FOUND', 'There is no such calendar (the URL is unknown or was replaced).');
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="bookings.ics"')
      .send(ics);
  });
}

/** The route in /openapi.json (the adapter only describes procedures). */
export const calendarFeedPaths: ZodOpenApiPathsObject = {
  [`${CALENDAR_FEED_PATH.replace(/^\/api/, '')}/{secret}.ics`]: {
    get: {
      operationId: 'calendars-feed',
      tags: ['cars'],
      summary: "A car's bookings as an iCalendar feed (the URL from cars.calendarUrl)",
      parameters: [
        {
          name: 'secret',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: 'The secret from the URL cars.calendarUrl returned',
        },
      ],
      responses: {
        200: { description: 'iCalendar (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } },
        404: { description: 'Not found (unknown or rotated URL)' },
      },
    },
  },
};
