import { describe, expect, it } from 'vitest';
import { type CsvColumn, columnFields, csvCell, csvLines, csvRow } from './csv-writer';

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

describe('csv writer', () => {
  it('leaves plain cells alone and writes empty for null', () => {
    expect(csvRow(['Ford', 2019, null, undefined, true])).toBe('Ford,2019,,,true\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each([
    ['=cmd()', "'=cmd()"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('neutralises a formula: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('neutralises and quotes a formula with a comma', () => {
    expect(csvCell('=HYPERLINK("http://x",1)')).toBe(`"'=HYPERLINK(""http://x"",1)"`);
    expect(csvCell('\rfoo')).toBe(`"'\rfoo"`);
  });

  it('writes numbers and instants as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });

  it('streams a header and every batch', async () => {
    async function* batches() {
      yield [{ a: 'x', b: 1 }];
      yield [];
      yield [
        { a: 'y,z', b: 2 },
        { a: '=1', b: 3 },
      ];
    }
    const columns: CsvColumn<{ a: string; b: number }>[] = [
      { header: 'a', value: (r) => r.a },
      { header: 'b', value: (r) => r.b },
    ];
    expect(await collect(csvLines(columns, batches()))).toBe('a,b\r\nx,1\r\n"y,z",2\r\n\'=1,3\r\n');
  });
});

describe('columnFields', () => {
  it('answers the fields a qualified column list selects, in its order', () => {
    expect(columnFields(['sales.id', 'sales.carMake', 'price'] as const)).toEqual(['id', 'carMake', 'price']);
  });
});
