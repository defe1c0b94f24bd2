import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

/** Signed URLs and secrets in query strings never reach the log, whatever the route answers. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'info' });
});
afterAll(() => server.close());

describe('log redaction', () => {
  it('masks signatures, credentials and tokens of every logged URL', async () => {
    const secrets = ['SIGsecret123', 'AMZsig456', 'AMZcred789', 'TOKsecret000'];
    await fetch(`${server.url}/media/cars/x/photo.webp?exp=4102444800&sig=${secrets[0]}`);
    await fetch(`${server.url}/api/inventory?X-Amz-Signature=${secrets[1]}&X-Amz-Credential=${secrets[2]}&make=Volvo`);
    await fetch(`${server.url}/trpc/health.ping?token=${secrets[3]}`);
    const text = server.logs.text;
    expect(text).toContain('sig=[redacted]');
    expect(text).toContain('X-Amz-Signature=[redacted]');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
