import { renderCalendar } from '@carhub/api';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

/** Notes a customer typed reach staff's calendar feed: whatever they hold stays one text value. */
const hostile = [
  'ok\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil\rSUMMARY:injected\rDTSTART:20270101T000000Z',
  'line one\nATTENDEE:mailto:x@example.com\r\nline three',
  'a;b,c\\d \\n not a newline; \\, \\;',
  `${'ü€😀'.repeat(40)} long enough to fold several times ${'x'.repeat(200)}`,
  'bell\u0007 escape\u001b tab\tend',
];

function feed(description: string, summary = 'Test drive'): string {
  return renderCalendar({
    name: 'Stock; car, \\ one\rX-INJECT:1',
    now: new Date('2027-01-01T00:00:00Z'),
    events: [
      {
        uid: 'a@carhub',
        summary,
        description,
        startAt: new Date('2027-02-01T10:00:00Z'),
        endAt: new Date('2027-02-01T11:00:00Z'),
        startDate: null,
        endDate: null,
        status: 'CONFIRMED',
        updatedAt: new Date('2027-01-01T00:00:00Z'),
      },
    ],
  });
}

describe('iCalendar output with hostile notes, read back by ical.js', () => {
  it.each(hostile)('%j stays inside one DESCRIPTION of one event', (notes) => {
    const ics = feed(notes, notes);
    // Every line ends in CRLF, no bare CR or LF anywhere, each line at most 75 octets.
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = events[0] as ICAL.Component;
    expect(event.getFirstPropertyValue('uid')).toBe('a@carhub');
    expect(event.getAllProperties('attendee')).toHaveLength(0);
    expect(calendar.getFirstProperty('x-inject')).toBeNull();
    const expected = [...notes.replace(/\r\n|\r/g, '\n')]
      .filter((c) => c === '\t' || c === '\n' || (c >= ' ' && c !== '\u007f'))
      .join('');
    expect(event.getFirstPropertyValue('description')).toBe(expected);
    expect(event.getFirstPropertyValue('summary')).toBe(expected);
    // ical.js leaves X- values escaped, as it can't know their type.
    expect(calendar.getAllProperties('x-wr-calname')).toHaveLength(1);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Stock\\; car\\, \\\\ one\\nX-INJECT:1');
  });
});
