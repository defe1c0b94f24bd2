import { API_KEY_MAX_LIFETIME_DAYS, generateApiKey } from '../../domain/api-keys/keys';
import { insertApiKey } from '../../domain/api-keys/queries';
import { createApiKeyInput, createdApiKeyOutput } from '../../domain/api-keys/schemas';
import { audit } from '../../domain/audit/audit';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { sessionProcedure } from '../../trpc';

const DAY_MS = 24 * 60 * 60 * 1000;

export const create = sessionProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api-keys',
      tags: ['api-keys'],
      summary: 'Create an API key for a script or tool (the key is in this answer only)',
      protect: true,
      errorResponses: errorResponses(401, 403),
    },
  })
  .input(createApiKeyInput)
  .output(createdApiKeyOutput)
  .mutation(async ({ ctx, input }) => {
    const now = ctx.settings.now().getTime();
    if (input.expiresAt && input.expiresAt.getTime() <= now) {
      throw new AppError('BAD_REQUEST', 'expiresAt must be in the future.', {
        fieldErrors: { expiresAt: ['expiresAt must be in the future.'] },
      });
    }
    if (input.expiresAt && input.expiresAt.getTime() > now + API_KEY_MAX_LIFETIME_DAYS * DAY_MS) {
      const message = 'A key lives at most a year: expiresAt must be within a year from now.';
      throw new AppError('BAD_REQUEST', message, { fieldErrors: { expiresAt: [message] } });
    }
    const generated = generateApiKey();
    return ctx.db.transaction().execute(async (trx) => {
      const row = await insertApiKey(trx, {
        userId: ctx.auth.user.id,
        name: input.name,
        prefix: generated.prefix,
        tokenHash: generated.tokenHash,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
      });
      await audit(trx, ctx.auth, { action: 'create', entity: 'api_key', entityId: row.id, after: row });
      return { ...row, key: generated.token };
    });
  });
