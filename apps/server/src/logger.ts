import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
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

// Query parameters that carry a signature or a secret: the local driver's `sig`, S3's
// `X-Amz-Signature` and `X-Amz-Credential`, tokens and keys of any kind.
const SECRET_PARAM =
  /^(sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|token|access_token|key|api_key|apikey|secret|password)$/i;

/**
 * A URL as the log may keep it: a calendar feed's path is its credential (masked), and the
 * value of every query parameter that signs or authorises (`sig`, `X-Amz-Signature`, tokens)
 * is replaced, so a signed photo URL in the log can't be replayed.
 */
export function maskUrl(url: string): string {
  const masked = url.replace(/^(\/api\/calendars\/)[^/?#]*/, '$1[redacted].ics');
  const q = masked.indexOf('?');
  if (q < 0) return masked;
  const query = masked
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAM.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${masked.slice(0, q)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function loggerOptions(config: Config, stream?: DestinationStream): NonNullable<FastifyServerOptions['logger']> {
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

/**
 * Fastify's two lines of every request, "incoming request" and "request completed", the same
 * lines (same fields, same order, same request id) written by a child of the server's logger
 * that skips pino's redaction pass. Their fields are only what the serializers above keep
 * (method, masked URL, host, address and port; the status code) and the response time, which
 * no redact path matches, yet the redactor cloned and walked each of them: 5-7 % of the CPU of
 * a small request. Every other line, "request errored" included, goes through the redacting
 * logger as before.
 */
export class RequestLines extends LogController {
  #plain: FastifyBaseLogger | undefined;

  /** Called with the server's logger once it exists (before the first request). */
  attach(log: FastifyBaseLogger): void {
    this.#plain = log.child({}, { redact: { paths: [] } });
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    const plain = this.#plain;
    // A route with a log level of its own logs through its own logger.
    if (!plain || request.log.level !== plain.level) super.incomingRequest(request, reply);
    else if (!this.isLogDisabled(request)) plain.info({ reqId: request.id, req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const plain = this.#plain;
    if (error || !plain || reply.log.level !== plain.level) super.requestCompleted(error, request, reply);
    else if (!this.isLogDisabled(request)) {
      plain.info({ reqId: request.id, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
