import type { Transporter } from 'nodemailer';
import type { NotifyLogger } from './logger';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The delivery's idempotency key as a Message-ID: a resent mail is recognisably the same one. */
  messageId: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'log';
  /** The longest one send may take (connecting, greeting, each socket wait) before it fails. */
  readonly timeoutMs: number;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  /** smtp:// or smtps:// URL; without it mail goes to the log. */
  smtpUrl: string | undefined;
  from: string;
  log: NotifyLogger;
  /** Write whole bodies to the log (development only: a reset link is a credential). */
  logBodies: boolean;
  /**
   * How long an SMTP server may keep one send waiting, at each step (default 10 s). nodemailer's
   * own defaults (up to 10 minutes) would outlast the worker's lease, and the batch's other
   * deliveries, recorded together, would be claimed and sent again by another worker.
   */
  timeoutMs?: number;
}

export const DEFAULT_MAIL_TIMEOUT_MS = 10_000;

export function createMailer(options: MailerOptions): Mailer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_MAIL_TIMEOUT_MS;
  if (!options.smtpUrl) {
    return {
      kind: 'log',
      timeoutMs,
      async send(mail) {
        const { to, subject, messageId } = mail;
        if (options.logBodies)
          options.log.info({ mail: { to, subject, messageId, text: mail.text } }, 'e-mail (SMTP_URL unset)');
        else options.log.warn({ mail: { to, subject, messageId } }, 'e-mail not sent: SMTP_URL is unset');
      },
      close() {},
    };
  }
  const smtpUrl = options.smtpUrl;
  // nodemailer loads with the first mail, not with every process that could send one.
  let transport: Promise<Transporter> | undefined;
  const connect = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      }),
    ));
  return {
    kind: 'smtp',
    timeoutMs,
    async send(mail) {
      await (await connect()).sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close() {
      void transport?.then((opened) => opened.close());
    },
  };
}
