import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@carhub/db';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../src/domain/notifications/mailer';
import { verifyWebhook } from '../src/domain/notifications/webhook-signature';
import { createOutboxWorker, type OutboxWorkerOptions } from '../src/domain/notifications/worker';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The raw message with quoted-printable soft breaks and escapes undone, to search in. */
  decoded: string;
  messageId: string | null;
  subject: string | null;
}

/** A real SMTP server on loopback (no TLS, no auth) that keeps every message it accepts. */
export async function startSmtpServer() {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const decoded = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          decoded,
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null,
          subject: /^Subject:\s*(.*)$/im.exec(raw)?.[1]?.trim() ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  body: string;
  headers: IncomingHttpHeaders;
  key: string;
  verified: boolean;
  status: number;
  at: number;
}

/**
 * A real webhook receiver on loopback. It verifies every signature with the secret it is
 * given (401 when that fails), answers what `respond` says, and counts a delivery as accepted
 * once per Idempotency-Key, as a careful receiver would.
 */
export async function startReceiver(
  options: {
    secret?: () => string;
    respond?: (hook: { key: string; index: number }) => { status: number; delayMs?: number };
  } = {},
) {
  const received: ReceivedHook[] = [];
  const accepted = new Map<string, number>();
  let secret = options.secret ?? (() => '');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const key = String(req.headers['idempotency-key'] ?? '');
      const verified = verifyWebhook(secret(), body, req.headers['x-carhub-signature'] as string | undefined);
      const plan = verified ? (options.respond?.({ key, index: received.length }) ?? { status: 200 }) : { status: 401 };
      const hook: ReceivedHook = { body, headers: req.headers, key, verified, status: plan.status, at: Date.now() };
      received.push(hook);
      if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
      // Accepted means a 2xx answer went back: a sender that died meanwhile never learnt of it.
      if (verified && plan.status < 300 && !req.socket.destroyed) accepted.set(key, (accepted.get(key) ?? 0) + 1);
      res.writeHead(plan.status, { 'content-type': 'text/plain' }).end(String(plan.status));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Idempotency keys answered 2xx to a sender still listening, with how many times each. */
    accepted,
    setSecret(next: string) {
      secret = () => next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function testWorker(db: Database, overrides: Partial<OutboxWorkerOptions> & { smtpUrl?: string } = {}) {
  const { smtpUrl, ...rest } = overrides;
  return createOutboxWorker({
    db,
    mailer: createMailer({
      smtpUrl,
      from: 'carhub <no-reply@carhub.test>',
      log: { info() {}, warn() {}, error() {} },
      logBodies: false,
    }),
    publicUrl: 'https://carhub.test',
    timeZone: 'UTC',
    webhook: { timeoutMs: 5000, allowPrivateTargets: true },
    pollIntervalMs: 50,
    backoff: { baseMs: 100, capMs: 1000 },
    ...rest,
  });
}

/** Runs batches until nothing is due. */
export async function drain(worker: { runOnce(): Promise<number> }): Promise<void> {
  while ((await worker.runOnce()) > 0) {
    // keep going
  }
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
