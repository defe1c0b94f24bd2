import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverRoot, startTestServer, type TestServer } from './helpers';
import { DocumentValidator } from './openapi-validate';
import { registerOverRest, restClient } from './rest-client';

const run = promisify(execFile);
const bin = (name: string) => join(serverRoot, 'node_modules', '.bin', name);
const fixture = join(serverRoot, 'test', 'fixtures', 'openapi-client', 'workflow.ts');

/**
 * The document as a stranger uses it: a client generated from the live /openapi.json
 * (openapi-typescript + openapi-fetch) typechecks under strict with no casts and runs a whole
 * workflow whose every answer fits the document; two independent tools find no error in it.
 */
interface GeneratedWorkflow {
  run(
    baseUrl: string,
    staffToken: string,
    validate: (path: string, method: string, status: number, body: unknown) => void,
  ): Promise<{
    catalogueSeen: number;
    pages: number;
    bookingStatus: string;
    conflictCode: string;
    fieldErrors: string[];
  }>;
}

let server: TestServer;
let workDir: string;

beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent' });
  // Under apps/server, so the generated client resolves openapi-fetch from its node_modules.
  workDir = await mkdtemp(join(serverRoot, '.openapi-client-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await server.close();
});

describe('a client generated from /openapi.json', () => {
  it('generates, typechecks under strict with no casts, and runs a workflow every answer of which fits the document', async () => {
    const generated = await run(
      bin('openapi-typescript'),
      [`${server.url}/openapi.json`, '-o', join(workDir, 'schema.d.ts')],
      {
        cwd: workDir,
      },
    );
    // openapi-typescript prints one line per document: what it wrote and how long it took.
    expect(`${generated.stdout}${generated.stderr}`).toMatch(/schema\.d\.ts/);
    expect(generated.stderr).not.toMatch(/error|warn/i);
    const schema = await readFile(join(workDir, 'schema.d.ts'), 'utf8');
    for (const name of [
      'Car',
      'Photo',
      'Booking',
      'User',
      'Sale',
      'Notification',
      'Webhook',
      'WebhookDelivery',
      'AuditEntry',
      'Session',
      'StaffMetrics',
      'CarPage',
      'Error',
    ]) {
      expect(schema, name).toMatch(new RegExp(`\\b${name}: \\{`));
    }

    const source = await readFile(fixture, 'utf8');
    const code = source.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bas\s+(?!const\b)[A-Za-z{[(]/);
    expect(code).not.toMatch(/[\w)\]]!\./);
    expect(code).not.toMatch(/@ts-|\bany\b/);
    await copyFile(fixture, join(workDir, 'workflow.ts'));
    await writeFile(
      join(workDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: false,
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['workflow.ts', 'schema.d.ts'],
      }),
    );
    const typecheck = await run(bin('tsc'), ['-p', workDir]).catch((error: { stdout?: string }) => error);
    expect('stdout' in typecheck ? typecheck.stdout : '').toBe('');

    const doc = await DocumentValidator.fetch(server.url);
    const mismatches: string[] = [];
    const seen: string[] = [];
    const validate = (path: string, method: string, status: number, body: unknown) => {
      seen.push(`${method} ${path} ${status}`);
      for (const problem of doc.responseErrors(path, method, status, body))
        mismatches.push(`${method} ${path} ${status}: ${problem}`);
    };
    const rest = restClient(server.url);
    const staff = await registerOverRest(rest, 'genstaff');
    await server.database.db.updateTable('users').set({ role: 'staff' }).where('id', '=', staff.id).execute();

    const workflow = (await import(join(workDir, 'workflow.ts'))) as GeneratedWorkflow;
    const result = await workflow.run(server.url, staff.token, validate);
    expect(result).toMatchObject({ catalogueSeen: 3, pages: 2, bookingStatus: 'cancelled', conflictCode: 'CONFLICT' });
    expect(result.fieldErrors).toContain('year');
    expect(seen).toContain('POST /bookings/{id}/approve 200');
    expect(seen).toContain('POST /bookings 409');
    expect(seen).toContain('POST /cars 400');
    expect(seen).toContain('GET /auth/me 401');
    expect(mismatches).toEqual([]);
    // Generating and typechecking take a while on a loaded machine.
  }, 240_000);
});

describe('what the document says', () => {
  type Operation = {
    operationId: string;
    description?: string;
    tags?: string[];
    security?: unknown[];
    requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }>;
  };
  const operationsOf = (doc: { paths: Record<string, Record<string, Operation>> }) =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );

  it('refers every error to Error, declares Retry-After on 429, tags, descriptions and who may call', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
      tags: Array<{ name: string; description: string }>;
      components: {
        securitySchemes: Record<string, unknown>;
        schemas: Record<string, { properties: Record<string, { items?: unknown }> }>;
      };
    };
    const operations = operationsOf(doc);
    const declaredTags = new Set(doc.tags.map((t) => t.name));
    for (const t of doc.tags) expect(t.description, t.name).not.toBe('');
    for (const { path, method, op } of operations) {
      const where = `${method} ${path}`;
      expect(op.description, where).toEqual(expect.stringMatching(/\S/));
      for (const tag of op.tags ?? []) expect(declaredTags.has(tag), `${where} tag ${tag}`).toBe(true);
      expect(Array.isArray(op.security), `${where} declares security`).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.['application/json']?.schema, `${where} ${status}`).toEqual({
          $ref: '#/components/schemas/Error',
        });
        if (status === '429') expect(response.headers?.['Retry-After'], `${where} 429`).toBeDefined();
      }
      if (op.requestBody) expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['413', '415']));
    }
    const op = (path: string, method: string) => operations.find((o) => o.path === path && o.method === method)?.op;
    expect(op('/auth/password-reset', 'post')?.security).toEqual([]);
    expect(op('/auth/password-reset/confirm', 'post')?.security).toEqual([]);
    expect(op('/inventory', 'get')?.security).toEqual([]);
    expect(op('/auth/login', 'post')?.security).toEqual([]);
    expect(op('/cars', 'get')?.security).toEqual([{ Authorization: [] }, { ApiKey: [] }, { SessionCookie: [] }]);
    expect(doc.components.securitySchemes.SessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(op('/bookings/{id}/approve', 'post')?.requestBody).toBeUndefined();
    expect(op('/bookings/{id}/cancel', 'post')?.requestBody?.required).toBe(false);
    expect(op('/bookings', 'post')?.requestBody?.content['application/json']?.schema).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/BookingCreateRentalDays' },
        { $ref: '#/components/schemas/BookingCreateRentalTimes' },
        { $ref: '#/components/schemas/BookingCreateTestDrive' },
      ],
    });
    expect(doc.components.schemas.Booking?.properties.startAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(doc.components.schemas.Car?.properties.createdAt).toMatchObject({ format: 'date-time' });
    expect(doc.components.schemas.CarPage?.properties.items?.items).toEqual({ $ref: '#/components/schemas/Car' });
  });
});

describe('the document under independent tools', () => {
  it('passes @redocly/cli lint with the recommended rules, without errors', async () => {
    const file = join(workDir, 'openapi.json');
    await writeFile(file, await (await fetch(`${server.url}/openapi.json`)).text());
    const lint = await run(bin('redocly'), ['lint', '--extends=recommended', '--format=json', file], {
      cwd: workDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number };
      problems: Array<{ ruleId: string; severity: string }>;
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('validates with @apidevtools/swagger-parser', async () => {
    const validated = await SwaggerParser.validate(`${server.url}/openapi.json`, {
      resolve: { http: { safeUrlResolver: false } },
    });
    expect(validated).toMatchObject({ openapi: '3.1.0' });
  }, 120_000);
});
