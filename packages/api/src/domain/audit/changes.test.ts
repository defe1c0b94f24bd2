import { describe, expect, it } from 'vitest';
import { auditChanges } from './changes';

describe('auditChanges', () => {
  it('records only the fields that changed, as [before, after]', () => {
    expect(auditChanges({ a: 1, b: 'x', c: null }, { a: 2, b: 'x', c: 'now' })).toEqual({
      a: [1, 2],
      c: [null, 'now'],
    });
  });

  it('leaves out updatedAt, which changes with everything', () => {
    expect(auditChanges({ a: 1, updatedAt: new Date(1) }, { a: 1, updatedAt: new Date(2) })).toEqual({});
  });

  it('records a creation from null and a deletion to null', () => {
    expect(auditChanges(null, { make: 'Ford', color: null })).toEqual({ make: [null, 'Ford'] });
    expect(auditChanges({ make: 'Ford' }, undefined)).toEqual({ make: ['Ford', null] });
  });

  it('stores instants as ISO strings and compares arrays by value', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(auditChanges({ at: null, events: ['a'] }, { at, events: ['a'] })).toEqual({
      at: [null, '2026-01-02T03:04:05.000Z'],
    });
  });

  it('never includes a password, hash, token or secret, at any depth', () => {
    const changes = auditChanges(
      { passwordHash: 'old-hash', secret: 'whsec_a', nested: { apiToken: 't1', keep: 1 } },
      {
        passwordHash: 'new-hash',
        password: 'hunter2-hunter2',
        secret: 'whsec_b',
        token: 'tok',
        sessionToken: 'tok2',
        nested: { apiToken: 't2', keep: 2 },
      },
    );
    expect(changes).toEqual({ nested: [{ keep: 1 }, { keep: 2 }] });
    const text = JSON.stringify(changes);
    for (const secret of ['hash', 'hunter2', 'whsec', 'tok']) expect(text).not.toContain(secret);
  });
});
