import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer } from '../src/domain/notifications/mailer';

/**
 * An SMTP server that accepts the connection and then says nothing: a send must give up after
 * the mailer's timeout, well within the worker's lease, instead of nodemailer's minutes.
 */
let silent: Server;
let port: number;
const sockets: Socket[] = [];
beforeAll(async () => {
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

it('gives up on an SMTP server that never greets after its timeout', async () => {
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: 'carhub <no-reply@carhub.test>',
    log: { info() {}, warn() {}, error() {} },
    logBodies: false,
    timeoutMs: 300,
  });
  const started = Date.now();
  const sent = mailer.send({ to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>', messageId: '<m@x>' });
  await expect(sent).rejects.toThrow(/greeting|timeout/i);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(mailer.timeoutMs).toBe(300);
  mailer.close();
});
