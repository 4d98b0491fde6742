/**
 * Property-based tests of ingest: whatever the text, bytes or JSON values, ingest either returns a
 * report that accounts for every row or throws a plain one-line Error (a missing required column, a
 * JSON text that does not parse); never a TypeError, a RangeError or a stack overflow. On generated
 * CSV whose cells come from pools of known-good and known-bad values, the accepted count is predicted
 * independently of the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestBytes, ingestRecords, ingestText, type IngestReport } from '../../../src/engine/ingest/index.js';

const RUNS = { numRuns: 150 };

/** The invariants every report keeps. */
function checkReport(report: IngestReport, examplesPerReason = 5): void {
  expect(report.accepted + report.rejected).toBe(report.rows);
  expect(report.accepted).toBeGreaterThanOrEqual(0);
  expect(report.rejected).toBeGreaterThanOrEqual(0);
  const reasonSum = Object.values(report.reasons).reduce((s, n) => s + (n ?? 0), 0);
  expect(reasonSum).toBe(report.rejected);
  for (const t of report.tables) {
    expect(t.accepted + t.rejected).toBe(t.rows);
    const perReason = new Map<string, number>();
    for (const e of t.examples) perReason.set(e.reason, (perReason.get(e.reason) ?? 0) + 1);
    for (const [reason, n] of perReason) expect(n).toBeLessThanOrEqual(Math.min(examplesPerReason, t.reasons[reason as keyof typeof t.reasons] ?? 0));
    for (const e of t.examples) expect(e.value.length).toBeLessThanOrEqual(200);
  }
  expect(report.rows).toBe(report.tables.reduce((s, t) => s + t.rows, 0));
}

/** Runs an ingest: a report that keeps the invariants, or a plain Error with a one-line message. */
function outcome(run: () => { report: IngestReport }): IngestReport | undefined {
  let result: { report: IngestReport };
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).constructor).toBe(Error);
    expect((error as Error).message).not.toMatch(/\n/);
    return undefined;
  }
  checkReport(result.report);
  return result.report;
}

async function outcomeAsync(run: () => Promise<{ report: IngestReport }>): Promise<IngestReport | undefined> {
  let result: { report: IngestReport };
  try {
    result = await run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(['Error', 'TypeError']).toContain((error as Error).constructor.name);
    // a TypeError is only acceptable from the platform's gzip decoder, already turned into a message
    expect((error as Error).constructor).toBe(Error);
    expect((error as Error).message).not.toMatch(/\n/);
    return undefined;
  }
  checkReport(result.report);
  return result.report;
}

// Cell pools: every value's fate is known without running ingest.
const GOOD_IDS = ['C1', ' c2 ', '客户7', '👩‍💻', 'a"b', 'x,y', 'line\nbreak', '<script>alert(1)</script>', '__proto__', 'مرحبا'];
const BAD_IDS = ['', '   ', '\t'];
const GOOD_DATES = ['2024-01-05', '20240105', '1/5/2024', '2024/1/5', '2024年1月5日', '2024-01-05T10:30:00Z', ' 2023-12-31 '];
const BAD_DATES = ['2024-02-30', '31/02/2024', '13/1/2024', 'yesterday', '2024-13-01', '0', '1e308', '99999999'];
const GOOD_AMOUNTS = ['12.5', '-3', '1,234.50', '$5', '0', '€ 3.10', '1.5e3', '-$12.50'];
const BAD_AMOUNTS = ['NaN', 'Infinity', '-Infinity', '1e308', 'abc', '12,5', '1.234,56', '(5)', '5$'];

type Cell = { text: string; good: boolean };
const cell = (good: readonly string[], bad: readonly string[]): fc.Arbitrary<Cell> =>
  fc.oneof(fc.constantFrom(...good).map((text) => ({ text, good: true })), fc.constantFrom(...bad).map((text) => ({ text, good: false })));
const junk = fc.string({ unit: 'grapheme', maxLength: 12 });

/** RFC 4180 quoting, written here independently of the tokenizer. */
function quote(text: string, always: boolean): string {
  return always || /[",\r\n]/.test(text) || text.trim() === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

const generatedRow = fc.record({
  id: cell(GOOD_IDS, BAD_IDS),
  date: cell(GOOD_DATES, BAD_DATES),
  amount: cell(GOOD_AMOUNTS, BAD_AMOUNTS),
  extra: fc.array(junk, { maxLength: 2 }),
  /** Cells actually written: fewer than three makes a ragged row. */
  cells: fc.integer({ min: 1, max: 5 }),
  quoteAll: fc.boolean(),
});

describe('ingest properties', () => {
  it('predicts accepted rows of generated CSV with good, bad and ragged cells, any line ending', () => {
    fc.assert(
      fc.property(fc.array(generatedRow, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (rows, eol) => {
        const lines = rows.map((r) => {
          const cells = [r.id.text, r.date.text, r.amount.text, ...r.extra].slice(0, r.cells);
          return cells.map((c) => quote(c, r.quoteAll)).join(',');
        });
        const text = ['customer_id,date,amount', ...lines].join(eol);
        const { report, dataset } = ingestText(text, { format: 'csv', delimiter: ',' });
        checkReport(report);
        const expected = rows.filter((r) => r.cells >= 3 && r.id.good && r.date.good && r.amount.good).length;
        expect(report.rows).toBe(rows.length);
        expect(report.accepted).toBe(expected);
        expect(dataset.orders?.length).toBe(expected);
        const ragged = rows.filter((r) => r.cells < 3 && (r.cells < 1 || r.id.good) && (r.cells < 2 || r.date.good)).length;
        expect(report.reasons['ragged-row'] ?? 0).toBe(ragged);
      }),
      RUNS,
    );
  });

  it('accounts for every row after a valid header, whatever text follows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (body) => {
        const report = outcome(() => ingestText(`customer_id,date,amount\n${body}`, { format: 'csv' }));
        expect(report).toBeDefined();
      }),
      RUNS,
    );
  });

  it('never throws anything but a one-line Error on arbitrary text, in any format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('auto', 'csv', 'json', 'ndjson') as fc.Arbitrary<'auto'>, (text, format) => {
        outcome(() => ingestText(text, { format }));
      }),
      RUNS,
    );
  });

  it('never throws anything but a one-line Error on arbitrary bytes, gzip magic included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, gzipMagic) => {
        const input = gzipMagic ? Uint8Array.from([0x1f, 0x8b, ...bytes]) : bytes;
        await outcomeAsync(() => ingestBytes(input));
        await outcomeAsync(() => ingestBytes(input, { onProgress: () => {} }));
      }),
      { numRuns: 100 },
    );
  });

  it('reads any JSON value: a report or a one-line Error', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        outcome(() => ingestText(JSON.stringify(value), { format: 'json' }));
        outcome(() => ingestText(JSON.stringify(value)));
      }),
      RUNS,
    );
  });

  it('counts every JS record, whatever its values, and pollutes no prototype', () => {
    const anything = fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    });
    const record = fc.oneof(
      fc.record({ customer_id: anything, date: anything, amount: anything }, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('customer_id', 'date', 'amount', '__proto__', 'constructor', 'prototype', 'toString'), anything),
      anything,
    );
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (records) => {
        const all = [{ customer_id: 'c1', date: '2024-01-05', amount: 1 }, ...records];
        const report = outcome(() => ingestRecords(all));
        expect(report?.rows).toBe(all.length);
        expect(report?.accepted).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
