import { describe, expect, it } from 'vitest';
import { readCookieValue } from './cookie-header';

describe('readCookieValue', () => {
  it.each([
    ['__Host-session=abc', 'abc'],
    ['other=100%; __Host-session=abc', 'abc'],
    ['__Host-session=abc; other=%E0%A4%A', 'abc'],
    ['x=%; y=%zz;__Host-session=a%20b', 'a b'],
    ['__Host-session="quoted"', 'quoted'],
    ['__Host-session=%; __Host-session=good', 'good'],
    ['__Host-session=%', null],
    ['other=1', null],
    ['=; ;;==;__Host-session', null],
    ['', null],
  ])('%j gives %j', (header, expected) => {
    expect(readCookieValue(header, '__Host-session')).toBe(expected);
  });

  it('is not fooled by a name that only ends like the cookie', () => {
    expect(readCookieValue('x__Host-session=evil', '__Host-session')).toBeNull();
  });
});
