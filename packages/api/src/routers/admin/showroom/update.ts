import { audit } from '../../../domain/audit/audit';
import { loadShowroom, lockShowroom, saveShowroom } from '../../../domain/showroom/queries';
import { errorResponses } from '../../../openapi-meta';
import { adminProcedure } from '../../../trpc';
import { showroomOutput, updateShowroomInput } from './schemas';

/** Replaces the settings; bookings already made keep their times (and the buffer they were made with). */
export const update = adminProcedure
  .meta({
    openapi: {
      method: 'PUT',
      path: '/admin/showroom',
      tags: ['admin'],
      summary: 'Change the showroom settings (admin)',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(updateShowroomInput)
  .output(showroomOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      await lockShowroom(trx);
      const { updatedAt: _before, ...before } = await loadShowroom(trx, ctx.settings.showroomTimeZone);
      await saveShowroom(trx, input, ctx.auth.user.id);
      const after = await loadShowroom(trx, ctx.settings.showroomTimeZone);
      const { updatedAt: _after, ...changed } = after;
      await audit(trx, ctx.auth, { action: 'update', entity: 'showroom', entityId: null, before, after: changed });
      return after;
    }),
  );
