import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { codeOfStatus, sendRefusal } from './error-reply';
import { refuseTooLarge } from './upload-limits';

/**
 * What fastify itself refuses (an unknown route, an unparsable, oversized or unsupported body)
 * answered in the one error body, or in tRPC's shape under /trpc. Set on the root before any
 * plugin registers, so every scope inherits it.
 */
export function registerServerErrors(app: FastifyInstance, limits: { bodyLimitBytes: number }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 400 || status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendRefusal(request, reply, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
    if (status === 413) return refuseTooLarge(request, reply, bodyTooLargeMessage(request, limits.bodyLimitBytes));
    return sendRefusal(request, reply, codeOfStatus(status), readableMessage(error, request));
  });
  app.setNotFoundHandler((request, reply) =>
    sendRefusal(request, reply, 'NOT_FOUND', `There is no ${request.method} ${pathOf(request)}.`),
  );
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function bodyTooLargeMessage(request: FastifyRequest, fallbackLimit: number): string {
  const limit = request.routeOptions.bodyLimit ?? fallbackLimit;
  return `The request body is too large: the limit is ${limit} bytes.`;
}

/** fastify's messages name its internals ("FST_ERR_CTP_..."): say what was wrong with the request instead. */
function readableMessage(error: FastifyError, request: FastifyRequest): string {
  const contentType = request.headers['content-type'];
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Unsupported content type ${JSON.stringify(contentType ?? '')}: send JSON (application/json), or no body at all.`;
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The content-length header does not match the body sent.';
    default:
      if (error instanceof SyntaxError || error.name === 'SyntaxError') return 'The request body is not valid JSON.';
      return sentence(error.message);
  }
}

function sentence(text: string): string {
  const trimmed = text.trim() || 'The request was refused';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
