import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Spawned, spawnEntry, waitFor } from './helpers';

/**
 * A promise rejected with nobody listening would end a Node process by default: the server
 * logs it with its error and stack, and carries on serving.
 */
describe('an unhandled rejection', () => {
  let run: Spawned;
  let url: string;
  beforeAll(async () => {
    run = spawnEntry('test/fixtures/stray-rejection.ts', [], {});
    await waitFor(() => /Server listening at (http:\/\/[\d.:]+)/.test(run.output()), 60_000, 'the server to listen');
    url = /Server listening at (http:\/\/[\d.:]+)/.exec(run.output())?.[1] ?? '';
  }, 90_000);
  afterAll(async () => {
    run?.child.kill('SIGKILL');
    await run?.exited;
  });

  it('is logged with its error and stack and kills nothing', async () => {
    const res = await fetch(`${url}/stray`);
    expect(res.status).toBe(200);
    await waitFor(() => run.output().includes('unhandled promise rejection'), 10_000, 'the rejection to be logged');
    const lines = run
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as {
            msg?: string;
            err?: { message?: string; stack?: string };
          },
      );
    const logged = lines.find((l) => l.msg === 'unhandled promise rejection');
    expect(logged?.err?.message).toBe('a stray failure nobody awaited');
    expect(logged?.err?.stack).toContain('stray-rejection.ts');
    // Still alive, still serving.
    expect(run.child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
