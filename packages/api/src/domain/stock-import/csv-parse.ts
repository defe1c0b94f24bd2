import { AppError } from '../../errors';

/** One record of a CSV file: its cells and the line it starts on (1 is the header's). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 as csv-writer.ts writes it, read back: comma-separated, CRLF or LF line ends,
 * quoted cells with doubled quotes, line breaks inside quotes. A byte-order mark is dropped
 * and blank lines are skipped. A quote left open is a malformed file (400), since every record
 * after it would be misread.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '' || cellStarted) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  const special = /[",\r\n]/g;
  for (let i = 0; i < source.length; i += 1) {
    if (quoted) {
      // Up to the next quote in one slice: a quoted cell may hold commas and line breaks.
      const close = source.indexOf('"', i);
      const end = close === -1 ? source.length : close;
      const text = source.slice(i, end);
      cell += text;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) line += 1;
      i = end;
      if (close === -1) break;
      if (source[end + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = false;
      continue;
    }
    const char = source[i];
    if (char === '"') {
      quoted = true;
      cellStarted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      // Plain text up to the next comma, quote or line end, in one slice.
      special.lastIndex = i;
      const end = special.exec(source)?.index ?? source.length;
      cell += source.slice(i, end);
      i = end - 1;
    }
  }
  if (quoted)
    throw new AppError('BAD_REQUEST', `The CSV file has a quote opened on line ${recordLine} that is never closed.`);
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  return records;
}
