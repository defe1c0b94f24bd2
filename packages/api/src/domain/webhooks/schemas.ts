import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../pagination';
import { bodyFlag } from '../../query-params';
import { webhookEventTypes } from '../notifications/events';

const url = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an http(s) URL.' }));
const events = z
  .array(z.enum(webhookEventTypes))
  .min(1, 'Subscribe to at least one event.')
  .max(webhookEventTypes.length);
const secret = z.string().min(16, 'A secret must be at least 16 characters.').max(200);
const description = z.string().trim().max(500).nullish();

export const createWebhookInput = z.object({
  url,
  events,
  /** Optional: one is generated when left out. Either way it is shown once, in this answer. */
  secret: secret.optional(),
  isActive: bodyFlag.optional(),
  description,
});

export const updateWebhookInput = z.object({
  id: z.uuid('Not a webhook id.'),
  url: url.optional(),
  events: events.optional(),
  secret: secret.optional(),
  isActive: bodyFlag.optional(),
  description,
});

export const webhookIdInput = z.object({ id: z.uuid('Not a webhook id.') });

/** Never the secret. */
export const webhookOutput = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  isActive: z.boolean(),
  firstFailureAt: z.date().nullable(),
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const createWebhookOutput = webhookOutput.extend({
  /** Shown once: keep it to verify signatures. */
  secret: z.string(),
});

export const webhooksKeyset = defineKeyset({
  id: 'webhookEndpoints.id',
  keys: { createdAt: { column: 'webhookEndpoints.createdAt', type: 'timestamptz' } },
  defaultSort: 'createdAt',
});

export const listWebhooksInput = z.object(pageInputShape(webhooksKeyset));
export const listWebhooksOutput = pageOutput(webhookOutput);

export const deliveriesKeyset = defineKeyset({
  id: 'a.id',
  keys: { createdAt: { column: 'a.createdAt', type: 'timestamptz' } },
  defaultSort: '-createdAt',
});

export const deliveriesInput = z.object({
  id: z.uuid('Not a webhook id.'),
  ...pageInputShape(deliveriesKeyset),
});

export const deliveryAttemptOutput = z.object({
  id: z.uuid(),
  deliveryId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  deliveryStatus: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  createdAt: z.date(),
});

export const deliveriesOutput = z.object({ items: z.array(deliveryAttemptOutput), nextCursor: z.string().nullable() });
