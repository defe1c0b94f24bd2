import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long, uncommon password', async () => {
    expect(await passwordProblems('violet-gearbox-42', { username: 'alice', email: 'alice@example.com' })).toEqual([]);
  });

  it.each([
    ['short1x', 'at least 8'],
    ['x'.repeat(129), 'at most 128'],
    ['12345678901', 'all digits'],
    ['password', 'too common'],
    ['Qwerty123', 'too common'],
  ])('refuses %s (%s)', async (password, message) => {
    expect((await passwordProblems(password)).join(' ')).toContain(message);
  });

  it('refuses the username and the e-mail address, in any case', async () => {
    expect(await passwordProblems('Alice.Smith', { username: 'alice.smith' })).toContain(
      'Password must not be the username.',
    );
    expect(await passwordProblems('ALICE@EXAMPLE.COM', { email: 'alice@example.com' })).toContain(
      'Password must not be the e-mail address.',
    );
  });

  it('names every broken rule', async () => {
    expect(await passwordProblems('1234')).toHaveLength(3);
  });
});
