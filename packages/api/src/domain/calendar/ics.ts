/**
 * iCalendar (RFC 5545) for a car's bookings: what a calendar app subscribes to. Lines end in
 * CRLF and are folded at 75 octets; text values are escaped (backslash, semicolon, comma,
 * newline). Whole-day rentals are all-day events (DATE values, DTEND the day after the last).
 */

export interface IcsEvent {
  uid: string;
  summary: string;
  description: string | null;
  startAt: Date;
  endAt: Date;
  /** Whole-day rentals: the first and last day, inclusive. */
  startDate: string | null;
  endDate: string | null;
  status: 'TENTATIVE' | 'CONFIRMED';
  updatedAt: Date;
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped; every line break
 * (CRLF, a lone LF and a lone CR alike) becomes `\\n`; other control characters, which TEXT
 * can't carry, are dropped. A raw CR or LF left in would end the content line and let the
 * text inject lines (properties, whole events) of its own.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters TEXT can't hold.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function dateValue(date: string): string {
  return date.replace(/-/g, '');
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function renderCalendar(options: { name: string; events: IcsEvent[]; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//carhub//bookings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const event of options.events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(options.now)}`);
    if (event.startDate && event.endDate) {
      lines.push(
        `DTSTART;VALUE=DATE:${dateValue(event.startDate)}`,
        `DTEND;VALUE=DATE:${dateValue(dayAfter(event.endDate))}`,
      );
    } else {
      lines.push(`DTSTART:${utcStamp(event.startAt)}`, `DTEND:${utcStamp(event.endAt)}`);
    }
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    lines.push(`STATUS:${event.status}`, `LAST-MODIFIED:${utcStamp(event.updatedAt)}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
