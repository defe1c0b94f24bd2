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
  });

  it('validates with @apidevtools/swagger-parser', async () => {
    const validated = await SwaggerParser.validate(`${server.url}/openapi.json`, {
      resolve: { http: { safeUrlResolver: false } },
    });
    expect(validated).toMatchObject({ openapi: '3.1.0' });
  });
});
