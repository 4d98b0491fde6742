import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CollectingSink, CsvTokenizer, sniffDelimiter, WHITESPACE } from '../../../src/engine/ingest/csv.js';
import { ingestText } from '../../../src/engine/ingest/index.js';

/** All rows of a text as string arrays, read in one go. */
function rows(text: string, delimiter: number): string[][] {
  const sink = new CollectingSink();
  new CsvTokenizer(delimiter).run(text, 0, true, sink);
  return sink.rows;
}

/** The same text fed in pieces of `size` characters, as a stream would. */
function rowsInPieces(text: string, delimiter: number, size: number): string[][] {
  const sink = new CollectingSink();
  const tokenizer = new CsvTokenizer(delimiter);
  let buffer = '';
  for (let at = 0; at < text.length; at += size) {
    buffer += text.slice(at, at + size);
    buffer = buffer.slice(tokenizer.run(buffer, 0, false, sink));
  }
  tokenizer.run(buffer, 0, true, sink);
  return sink.rows;
}

const COMMA = 44;

describe('CSV tokenizer (RFC 4180)', () => {
  it('reads quoted cells holding separators, doubled quotes and line breaks', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\n';
    expect(rows(text, COMMA)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('ends rows at LF, CRLF and a lone CR, and skips blank lines', () => {
    expect(rows('a,b\r\n1,2\r3,4\n\n\r\n  \n5,6', COMMA)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('keeps empty cells, including a trailing one', () => {
    expect(rows('a,,c,\n', COMMA)).toEqual([['a', '', 'c', '']]);
  });

  it('treats a quote inside an unquoted cell as a character', () => {
    expect(rows('5" screen,x\n', COMMA)).toEqual([['5" screen', 'x']]);
  });

  it('splits on runs of blanks in whitespace mode, ignoring leading and trailing blanks', () => {
    expect(rows(' 00001 19970101  1   11.77 \n\t00002\t19970112 5 77.00\n', WHITESPACE)).toEqual([
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '5', '77.00'],
    ]);
  });

  it('gives the same rows whatever the piece size (a CR or "" may fall on a boundary)', () => {
    const text = 'id,note\r\n1,"a ""quoted""\r\nline"\r\n2,plain\r3,"x,y"\n';
    const whole = rows(text, COMMA);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(rowsInPieces(text, COMMA, size)).toEqual(whole);
  });
});

describe('CSV tokenizer against a plain split (property)', () => {
  /** Reference: unquoted text split at LF / CRLF / lone CR, blank lines dropped, cells at the separator. */
  function split(text: string, separator: string): string[][] {
    return text
      .split(/\r\n|\n|\r/)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(separator).map((cell) => cell.trim()));
  }

  it('finds the same cells in unquoted text with any mix of line breaks, whole or in pieces', () => {
    const char = fc.constantFrom('a', 'b', '7', ' ', ',', ';', '\n', '\r', '\r\n', '.', '-');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 80 }), fc.constantFrom(',', ';'), fc.integer({ min: 1, max: 7 }), (chars, separator, size) => {
        const text = chars.join('');
        const code = separator.charCodeAt(0);
        expect(rows(text, code)).toEqual(split(text, separator));
        expect(rowsInPieces(text, code, size)).toEqual(split(text, separator));
      }),
      { numRuns: 300 },
    );
  });
});

describe('separator sniffing', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n'],
    [';', 'a;b;c\n1;2,5;3\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])('finds %j', (sep, text) => {
    expect(sniffDelimiter(text)).toBe(sep.charCodeAt(0));
  });

  it('ignores separators inside quotes', () => {
    expect(sniffDelimiter('"a;b";c\n"1;2";3\n')).toBe(';'.charCodeAt(0));
  });

  it('falls back to runs of whitespace, then to a single comma column', () => {
    expect(sniffDelimiter(' 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n')).toBe(WHITESPACE);
    expect(sniffDelimiter('only\none\n')).toBe(COMMA);
  });
});

describe('CSV into orders', () => {
  it('uses each separator, sniffed or given', () => {
    for (const sep of [',', ';', '\t', '|']) {
      const text = ['customer_id', 'date', 'amount'].join(sep) + '\n' + ['c1', '2024-01-05', '10'].join(sep) + '\n';
      const sniffed = ingestText(text);
      expect(sniffed.report.accepted).toBe(1);
      expect(sniffed.report.tables[0].delimiter).toBe(sep === '\t' ? 'tab' : sep);
      expect(ingestText(text, { delimiter: sep === '\t' ? 'tab' : sep }).dataset.orders!.amount[0]).toBe(10);
    }
  });

  it('reads embedded newlines and quotes into the right fields', () => {
    const text = 'customer_id,comment_ignored,date,amount\r\n"c 1","line1\r\nline2, ""x""",2024-01-05,"12.50"\r\n';
    const { dataset, report } = ingestText(text);
    expect(report.rows).toBe(1);
    expect(dataset.customerIds).toEqual(['c 1']);
    expect(dataset.orders!.amount[0]).toBe(12.5);
  });

  it('drops a UTF-8 BOM and says so', () => {
    const { dataset, report } = ingestText('\uFEFFcustomer_id,date,amount\nc1,2024-01-05,1\n');
    expect(report.tables[0].mapping.customer_id).toBe('customer_id');
    expect(report.tables[0].notes).toContain('bom');
    expect(dataset.customerIds).toEqual(['c1']);
  });

  it('rejects rows too short for a mapped field as ragged-row, ignores extra cells with a note', () => {
    const text = 'customer_id,date,amount,channel\nc1,2024-01-05,5,web\nc2,2024-01-06\nc3,2024-01-07,7,web,EXTRA\nc4,2024-01-08,8\n';
    const { dataset, report } = ingestText(text);
    expect(report.rows).toBe(4);
    expect(report.reasons).toEqual({ 'ragged-row': 2 });
    expect(report.examples.map((e) => [e.row, e.field])).toEqual([
      [3, 'amount'],
      [5, 'channel'],
    ]);
    expect(Array.from(dataset.orders!.amount)).toEqual([5, 7]);
    expect(report.tables[0].notes.some((n) => n.startsWith('1 rows had more cells'))).toBe(true);
  });

  it('names empty headers by position and uses the first of duplicate headers', () => {
    const text = 'customer_id,,date,amount,amount\nc1,x,2024-01-05,3,4\n';
    const { dataset, report } = ingestText(text);
    expect(report.tables[0].unmapped).toEqual(['column 2', 'amount']);
    expect(dataset.orders!.amount[0]).toBe(3);
    expect(report.tables[0].notes.some((n) => n.includes('duplicate column names amount'))).toBe(true);
  });

  it('takes the separator from a spreadsheet "sep=" first line', () => {
    const { dataset, report } = ingestText('sep=;\r\ncustomer_id;date;amount\r\nc1;2024-01-05;x\r\nc2;2024-01-05;2\r\n');
    expect(report.tables[0].delimiter).toBe(';');
    expect(report.examples[0].row).toBe(3); // the sep line is row 1, the header row 2
    expect(dataset.orders!.amount[0]).toBe(2);
  });

  it('maps headerless files by 1-based position', () => {
    const text = ' 00004 0001 19970101  2   29.33\n 00021 0002 19970101  3   63.34\n';
    const { dataset, report } = ingestText(text, { header: false, map: { customer_id: 2, date: 3, amount: 5 } });
    expect(dataset.customerIds).toEqual(['0001', '0002']);
    expect(Array.from(dataset.orders!.amount)).toEqual([29.33, 63.34]);
    expect(report.tables[0].mapping).toEqual({ customer_id: 'column 2', date: 'column 3', amount: 'column 5' });
    expect(report.tables[0].delimiter).toBe('whitespace');
  });

  it('rejects a quoted cell with text after its closing quote as invalid-record', () => {
    const { report } = ingestText('customer_id,date,amount\n"c1"x,2024-01-05,1\nc2,2024-01-05,2\n');
    expect(report.reasons).toEqual({ 'invalid-record': 1 });
    expect(report.examples[0].value).toBe('"c1"x');
  });

  it('keeps ids exactly, trimmed of surrounding blanks only', () => {
    const { dataset } = ingestText('customer_id,date,amount\n  00001 ,2024-01-05,1\n"A b",2024-01-05,1\n00001,2024-01-06,1\n');
    expect(dataset.customerIds).toEqual(['00001', 'A b']);
    expect(Array.from(dataset.orders!.customer)).toEqual([0, 1, 0]);
  });
});
