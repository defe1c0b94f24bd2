import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../pagination';
import { instant } from '../../period';
import { userIdSchema } from '../users/schemas';
import { apiKeyScopeSchema, apiKeyScopes } from './scopes';

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key (what uses it).').max(100),
  /** `<area>:read` (queries), `<area>:write` (mutations), `*:read`, `*:write`. */
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Give the key at least one scope.')
    .max(apiKeyScopes.length)
    .transform((scopes) => [...new Set(scopes)]),
  /** Optional, at most a year ahead; without it the key lasts until revoked. */
  expiresAt: instant('expiresAt').optional(),
});

export const apiKeyIdInput = z.object({ id: z.uuid('Not an API key id.') });

export const apiKeyOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's first characters, to tell keys apart; the key itself is never shown again. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
});

export const createdApiKeyOutput = apiKeyOutput.extend({
  /** The key: send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Shown this once only. */
  key: z.string(),
});

export const apiKeysOutput = z.object({ items: z.array(apiKeyOutput) });

export const adminApiKeyOutput = apiKeyOutput.extend({ userId: z.uuid(), username: z.string() });

export const adminApiKeysKeyset = defineKeyset({
  id: 'apiKeys.id',
  keys: { createdAt: { column: 'apiKeys.createdAt', type: 'timestamptz' } },
  defaultSort: '-createdAt',
});

export const adminListApiKeysInput = z.object({
  userId: userIdSchema.optional(),
  ...pageInputShape(adminApiKeysKeyset),
});

export const adminApiKeysPageOutput = pageOutput(adminApiKeyOutput);
