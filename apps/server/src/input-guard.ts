import type { FastifyInstance } from 'fastify';
import { sendRefusal } from './error-reply';
import { JSON_SHAPE_LIMITS, jsonShapeProblem } from './json-shape';

/**
 * JSON inputs are measured before they are parsed or read (json-shape.ts): REST bodies in
 * the app-wide JSON parser; /trpc bodies, which its adapter keeps as text, and /trpc query
 * inputs (`?input=`) in a preValidation hook, before the adapter or any procedure runs.
 * Either way the answer is a 400 naming the limit.
 */
export function registerInputGuard(app: FastifyInstance): void {
  // Fastify's own parser (prototype-poisoning checks included) after the shape check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const problem = jsonShapeProblem(text);
    if (problem) return done(Object.assign(new Error(problem), { statusCode: 400 }), undefined);
    return parseJson(request, text, done);
  });

  app.addHook('preValidation', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    for (const text of [request.body, query?.input]) {
      if (typeof text !== 'string') continue;
      const problem = jsonShapeProblem(text, JSON_SHAPE_LIMITS);
      if (problem) return sendRefusal(request, reply, 'BAD_REQUEST', problem);
    }
  });
}
