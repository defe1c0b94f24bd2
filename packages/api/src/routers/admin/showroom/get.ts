import { loadShowroom } from '../../../domain/showroom/queries';
import { errorResponses } from '../../../openapi-meta';
import { noInput } from '../../../query-params';
import { publicProcedure } from '../../../trpc';
import { showroomOutput } from './schemas';

/** Public: the console shows the opening hours to everyone. */
export const get = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/admin/showroom',
      tags: ['admin'],
      summary: 'The showroom: time zone, opening hours, closed dates, notice and buffer',
      protect: false,
      errorResponses: errorResponses(),
    },
  })
  .input(noInput)
  .output(showroomOutput)
  .query(({ ctx }) => loadShowroom(ctx.db, ctx.settings.showroomTimeZone));
