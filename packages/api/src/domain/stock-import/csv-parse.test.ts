import { describe, expect, it } from 'vitest';
import { csvRow } from '../../csv/csv-writer';
import { parseCsv } from './csv-parse';

describe('parseCsv', () => {
  it('reads back what the CSV writer writes, quotes, commas and line breaks included', () => {
    const rows = [
      ['make', 'notes'],
      ['Ford', 'a "quoted", word'],
      ['Fiat', 'two\r\nlines'],
      ['', ''],
    ];
    const text = rows.map((row) => csvRow(row)).join('');
    expect(parseCsv(text).map((record) => record.cells)).toEqual(rows);
  });

  it('numbers records by the line they start on, skipping blank lines', () => {
    const records = parseCsv('\uFEFFa,b\n1,"x\ny"\n\n2,z\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 5, cells: ['2', 'z'] },
    ]);
  });

  it('reads a last record without a line end and LF-only files', () => {
    expect(parseCsv('a\n1').map((record) => record.cells)).toEqual([['a'], ['1']]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/line 2/);
  });
});
