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
