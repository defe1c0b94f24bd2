import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config';

/** Paths pino blanks in every log line: credentials never reach the logs. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'req.headers["x-api-key"]',
  'headers["x-api-key"]',
  '*.password',
  '*.passwordConfirm',
  '*.oldPassword',
  '*.newPassword',
  '*.newPasswordConfirm',
  '*.passwordHash',
  '*.token',
  '*.tokenHash',
  '*.secret',
];

/** A calendar feed's URL is its credential: the path is logged with the secret masked. */
export function maskUrl(url: string): string {
  return url.replace(/^(\/api\/calendars\/)[^/?#]*/, '$1[redacted].ics');
}

export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // fastify's own request serializer, with the URL masked.
    serializers: {
      // Anything else logged under `req` (not a request) passes as it is, redacted as above.
      req: (req: FastifyRequest) =>
        typeof req?.url !== 'string'
          ? (req as unknown as Record<string, unknown>)
          : {
              method: req.method,
              url: maskUrl(req.url),
              host: req.host,
              remoteAddress: req.ip,
              remotePort: req.socket?.remotePort,
            },
    },
    ...(stream ? { stream } : {}),
  };
}
