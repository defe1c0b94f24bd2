import nodemailer from 'nodemailer';
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
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) {
    return {
      kind: 'log',
      async send(mail) {
        const { to, subject, messageId } = mail;
        if (options.logBodies)
          options.log.info({ mail: { to, subject, messageId, text: mail.text } }, 'e-mail (SMTP_URL unset)');
        else options.log.warn({ mail: { to, subject, messageId } }, 'e-mail not sent: SMTP_URL is unset');
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}
