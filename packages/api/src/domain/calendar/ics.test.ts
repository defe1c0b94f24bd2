import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ics';

describe('iCalendar rendering', () => {
  it('escapes text values as RFC 5545 says', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'ü'.repeat(60)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(line);
  });

  it('writes all-day events with DATE values ending the day after, timed ones in UTC, CRLF throughout', () => {
    const ics = renderCalendar({
      name: 'Van',
      now: new Date('2027-01-01T00:00:00Z'),
      events: [
        {
          uid: 'a@carhub',
          summary: 'Rental',
          description: null,
          startAt: new Date('2027-02-27T23:00:00Z'),
          endAt: new Date('2027-03-01T23:00:00Z'),
          startDate: '2027-02-28',
          endDate: '2027-03-01',
          status: 'CONFIRMED',
          updatedAt: new Date('2027-01-01T00:00:00Z'),
        },
        {
          uid: 'b@carhub',
          summary: 'Test drive',
          description: 'Bring licence',
          startAt: new Date('2027-03-28T07:00:00Z'),
          endAt: new Date('2027-03-28T08:00:00Z'),
          startDate: null,
          endDate: null,
          status: 'TENTATIVE',
          updatedAt: new Date('2027-01-01T00:00:00Z'),
        },
      ],
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20270228\r\nDTEND;VALUE=DATE:20270302\r\n');
    expect(ics).toContain('DTSTART:20270328T070000Z\r\nDTEND:20270328T080000Z\r\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
