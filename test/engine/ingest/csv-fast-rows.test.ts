import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestRecords, ingestText, ingestStream } from '../../../src/engine/ingest/index.js';
import type { IngestResult } from '../../../src/engine/ingest/types.js';

// The CSV reader takes most rows through its fast lane (csv-fast-rows.ts) and leaves the others to
// the general tokenizer and writer. The same rows given as JSON arrays never take that lane, so they
// are the independent expectation: every column and every counted reason must be the same.

const header = ['customer_id', 'date', 'amount', 'channel'];
const cells = {
  customer: fc.constantFrom('C1', 'C2', 'C3', 'c 4', ' C5 ', 'C5 ', '', 'C,6', 'C"7', '客户8', 'AVeryLongCustomerIdentifier9'),
  date: fc.constantFrom('2023-01-05', '2024-02-29', '2023-02-29', '2023-13-01', '20230105', '2023-01-05 10:30', '1899-12-31', '2200-01-01', '2023-1-5', '1/5/2023', '', 'x', ' 2023-03-04'),
  amount: fc.constantFrom('12.5', '-3', '0', '1,234.50', '', 'abc', '0.1', '.5', '5.', '+7', '1e3', ' 9 ', '12345678901234567', '-0', '00012.340', '$4.25'),
  channel: fc.constantFrom('web', '', 'shop', 'Web', ' web', 'mail"order'),
};
/** A row: its cells, sometimes one short (ragged) or one long (extra cell). */
const row = fc
  .tuple(cells.customer, cells.date, cells.amount, cells.channel, fc.constantFrom('', 'short', 'long'))
  .map(([customer, date, amount, channel, shape]) => {
    const values: string[] = [customer, date, amount, channel];
    if (shape === 'short') values.pop();
    if (shape === 'long') values.push('extra');
    return values;
  });

/** Rows that are mostly plain (the byte loop reads those), with a messy cell or shape now and then. */
const mostly = <T>(plain: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: plain }, { weight: 1, arbitrary: any });
const mostlyPlainRow = fc
  .tuple(
    mostly(fc.constantFrom('C1', 'C2', 'C3', 'AVeryLongCustomerIdentifier9', 'c-10'), cells.customer),
    mostly(fc.constantFrom('2023-01-05', '2024-02-29', '2023-12-31'), cells.date),
    mostly(fc.constantFrom('12.5', '-3', '0', '0.1', '-0', '00012.340'), cells.amount),
    mostly(fc.constantFrom('web', 'shop', 'Web'), cells.channel),
    mostly(fc.constant(''), fc.constantFrom('short', 'long')),
  )
  .map(([customer, date, amount, channel, shape]) => {
    const values: string[] = [customer, date, amount, channel];
    if (shape === 'short') values.pop();
    if (shape === 'long') values.push('extra');
    return values;
  });

/** CSV text of the rows: cells quoted when they must be, and some others quoted anyway. */
function toCsv(rows: readonly string[][], quoteMask: number, eol: string): string {
  const lines = [header, ...rows].map((values, r) =>
    values
      .map((v, c) => (/[",\r\n]/.test(v) || (quoteMask >> ((r + c) % 31)) & 1 ? `"${v.replaceAll('"', '""')}"` : v))
      .join(','),
  );
  return lines.join(eol) + eol;
}

function comparable(result: IngestResult) {
  const { dataset, report } = result;
  const table = report.tables[0];
  return {
    customers: dataset.customerIds,
    orders: dataset.orders,
    rows: table.rows,
    accepted: table.accepted,
    reasons: table.reasons,
    examples: table.examples,
  };
}

describe('the CSV fast lane', () => {
  it('gives the Dataset and the report the general path gives for the same rows', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer(), fc.constantFrom('\n', '\r\n'), (rows, quoteMask, eol) => {
        const csv = ingestText(toCsv(rows, quoteMask, eol), { format: 'csv' });
        const records = ingestRecords([header, ...rows]);
        expect(comparable(csv)).toEqual(comparable(records));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same rows from bytes in pieces (its byte loop after the header) as the general path does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mostlyPlainRow, { minLength: 20, maxLength: 80 }), mostly(fc.constant(0), fc.integer()), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 120 }), async (rows, quoteMask, eol, size) => {
        const bytes = new TextEncoder().encode(toCsv(rows, quoteMask, eol));
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.subarray(at, at + size));
            controller.close();
          },
        });
        const streamed = await ingestStream(stream, { format: 'csv', fileName: 'orders.csv' });
        expect(comparable(streamed)).toEqual(comparable(ingestRecords([header, ...rows])));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a stream cut anywhere, rows left to the general path included, as the whole text', async () => {
    // a quoted cell, a bad date, a missing id and a date-time go the general way; CRLF throughout
    const text = [
      'customer_id,date,amount,channel',
      'C1,2023-01-05,12.5,web',
      'C2,2023-02-30,4,web',
      'C1,2023-01-06,"7",',
      'C3,2023-01-07,-1.25,shop',
      ',2023-01-07,3,shop',
      'C4,2023-01-08 09:00,"1,234.5",web',
      '',
    ].join('\r\n');
    const whole = comparable(ingestText(text, { format: 'csv' }));
    const bytes = new TextEncoder().encode(text);
    for (let size = 1; size <= 9; size++) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.subarray(at, at + size));
          controller.close();
        },
      });
      expect(comparable(await ingestStream(stream, { format: 'csv', fileName: 'orders.csv' }))).toEqual(whole);
    }
    expect(whole.accepted).toBe(4);
    expect(whole.reasons).toEqual({ 'unparseable-date': 1, 'missing-customer-id': 1 });
    expect(Array.from(whole.orders!.amount)).toEqual([12.5, 7, -1.25, 1234.5]);
  });

  it('leaves an empty id or category at the very end of the feed to the general path, from text and from bytes', async () => {
    const rows = Array.from({ length: 20 }, (_, k) => `2023-01-0${1 + (k % 9)},${k}.5,web,C${k % 4}`);
    const cases = [
      { header: 'date,amount,channel,customer_id', last: '2023-01-07,3,web,' },
      { header: 'customer_id,date,amount,channel', last: 'C9,2023-01-07,3,', reorder: true },
    ];
    for (const { header: head, last, reorder } of cases) {
      const body = reorder ? rows.map((r) => r.split(',')).map(([d, a, ch, c]) => [c, d, a, ch].join(',')) : rows;
      const text = [head, ...body, last].join('\n');
      const records = ingestRecords([head.split(','), ...[...body, last].map((r) => r.split(','))]);
      expect(comparable(ingestText(text, { format: 'csv' }))).toEqual(comparable(records));
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 16) controller.enqueue(bytes.subarray(at, at + 16));
          controller.close();
        },
      });
      expect(comparable(await ingestStream(stream, { format: 'csv', fileName: 'orders.csv' }))).toEqual(comparable(records));
    }
  });

  it('reads plain decimals exactly as Number() does', () => {
    const values = fc.tuple(fc.boolean(), fc.nat({ max: 999_999_999 }), fc.nat({ max: 9_999_999 }), fc.integer({ min: 0, max: 7 }));
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 50 }), (list) => {
        const texts = list.map(([negative, whole, fraction, places]) => `${negative ? '-' : ''}${whole}${places > 0 ? `.${String(fraction).padStart(places, '0').slice(0, places)}` : ''}`);
        const csv = ['customer_id,date,amount', ...texts.map((t, k) => `C${k},2023-05-0${1 + (k % 9)},${t}`)].join('\n');
        const { dataset } = ingestText(csv, { format: 'csv' });
        expect(Array.from(dataset.orders!.amount)).toEqual(texts.map(Number));
      }),
    );
  });
});
