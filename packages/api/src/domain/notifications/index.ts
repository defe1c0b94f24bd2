export { type EnqueueResult, enqueue } from './enqueue';
export {
  type EventOf,
  type EventType,
  eventTypes,
  type NotificationEvent,
  type WebhookEventType,
  webhookEventTypes,
} from './events';
export type { NotifyLogger } from './logger';
export { createMailer, type Mailer, type MailerOptions, type OutgoingMail } from './mailer';
export { signWebhook, verifyWebhook } from './webhook-signature';
export { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './worker';
