import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../pagination';
import { bodyFlag, queryFlag } from '../../query-params';

export const notificationsKeyset = defineKeyset({
  id: 'notifications.id',
  keys: { createdAt: { column: 'notifications.createdAt', type: 'timestamptz' } },
  defaultSort: '-createdAt',
});

export const listNotificationsInput = z.object({
  ...pageInputShape(notificationsKeyset),
  unread: queryFlag.optional(),
});

export const notificationOutput = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export const listNotificationsOutput = pageOutput(notificationOutput);

export const markReadInput = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100).optional(),
    all: bodyFlag.optional(),
  })
  .refine((v) => (v.ids !== undefined) !== (v.all === true), {
    message: 'Give either ids or all: true.',
    path: ['ids'],
  });

export const markReadOutput = z.object({ updated: z.number().int() });
export const unreadCountOutput = z.object({ count: z.number().int() });
