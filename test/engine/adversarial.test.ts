/**
 * The adversarial corpus (test/fixtures/adversarial): each hostile file goes through ingest as the
 * feed would fetch it (bytes, name given) and must give exactly its hand-written expected report, or
 * the one-line error it names. Nothing may crash, hang or touch Object.prototype. Inputs too large
 * to commit (a 10 MB field, JSON nested a hundred thousand deep) are generated here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestBytes, ingestRecords, ingestStream, ingestText, type IngestReport } from '../../src/engine/ingest/index.js';

const DIR = resolve(import.meta.dirname, '../fixtures/adversarial');
const EXPECTED = '.expected.json';

interface Expected {
  readonly rows?: number;
  readonly accepted?: number;
  readonly rejected?: number;
  readonly reasons?: Record<string, number>;
  /** Notes the report must hold (others may be there too). */
  readonly notes?: readonly string[];
  /** Customer ids of the Dataset, exactly. */
  readonly customers?: readonly string[];
  /** The ingest must throw an Error whose one-line message contains this. */
  readonly throws?: string;
}

const inputs = readdirSync(DIR).filter((f) => !f.endsWith(EXPECTED)).sort();

function expectedOf(file: string): Expected {
  const base = file.replace(/(\.csv\.gz|\.csv|\.ndjson|\.json)$/, '');
  return JSON.parse(readFileSync(resolve(DIR, base + EXPECTED), 'utf8')) as Expected;
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort().join();

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(prototypeNames);
  expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
}

afterEach(expectNoPollution);

function checkTotals(report: IngestReport, expected: Expected): void {
  if (expected.rows !== undefined) expect(report.rows).toBe(expected.rows);
  if (expected.accepted !== undefined) expect(report.accepted).toBe(expected.accepted);
  if (expected.rejected !== undefined) expect(report.rejected).toBe(expected.rejected);
  if (expected.reasons) expect(report.reasons).toEqual(expected.reasons);
  expect(report.accepted + report.rejected).toBe(report.rows);
  const notes = report.tables.flatMap((t) => t.notes);
  for (const note of expected.notes ?? []) expect(notes).toContain(note);
}

describe('adversarial corpus', () => {
  it('has an expected report for every file', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(15);
    for (const file of inputs) expect(() => expectedOf(file), file).not.toThrow();
  });

  for (const file of inputs) {
    it(`${file}: the expected report, no crash, no pollution`, async () => {
      const expected = expectedOf(file);
      const bytes = new Uint8Array(readFileSync(resolve(DIR, file)));
      const run = ingestBytes(bytes, { fileName: file });
      if (expected.throws) {
        await expect(run).rejects.toThrow(expected.throws);
        await run.catch((error: Error) => {
          expect(error.constructor).toBe(Error);
          expect(error.message).not.toMatch(/[\n\r]/);
        });
        return;
      }
      const { dataset, report } = await run;
      checkTotals(report, expected);
      if (expected.customers) expect([...dataset.customerIds]).toEqual(expected.customers);
      // streamed in pieces (with progress) the report is the same
      const streamed = await ingestBytes(bytes, { fileName: file, onProgress: () => {} });
      checkTotals(streamed.report, expected);
      // and in 7-byte pieces, where the rows after the header go through the fast lane's byte loop
      const pieces = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.subarray(at, at + 7));
          controller.close();
        },
      });
      const small = await ingestStream(pieces, { fileName: file });
      checkTotals(small.report, expected);
      expect({ ...small.dataset, version: 0 }).toEqual({ ...dataset, version: 0 });
    });
  }

  it('keeps markup as plain text: ids, order ids and channels are stored verbatim, never interpreted', async () => {
    const records = JSON.parse(readFileSync(resolve(DIR, 'markup.json'), 'utf8')) as Record<string, unknown>[];
    const { dataset } = ingestRecords(records);
    expect(dataset.customerIds).toContain('<img src=x onerror="globalThis.pwned=1">');
    expect(dataset.orders!.orderId?.values).toEqual(['<script>globalThis.pwned=1</script>', 'javascript:alert(1)']);
    expect(dataset.orders!.channel?.values).toEqual(['<b onmouseover=alert(1)>web</b>', '</style><script>x</script>']);
  });

  it('reads a 10 MB field: rejects it as an amount with a short example, keeps it as an id', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const text = `customer_id,date,amount\nc1,2024-01-05,"${huge}"\n"${huge}",2024-01-06,7\nc2,2024-01-07,3\n`;
    const { dataset, report } = ingestText(text);
    expect(report.rows).toBe(3);
    expect(report.accepted).toBe(2);
    expect(report.reasons).toEqual({ 'non-numeric-amount': 1 });
    expect(report.examples[0].value.length).toBeLessThanOrEqual(200);
    expect(report.examples[0].row).toBe(2);
    expect(dataset.customerIds[0].length).toBe(huge.length);
  });

  it('reads a 10 MB header cell and a 10 MB unterminated quote without a long message', () => {
    const huge = 'h'.repeat(10 * 1024 * 1024);
    expect(() => ingestText(`${huge},date,amount\nc1,2024-01-05,1\n`)).toThrow(/needs a customer_id column/);
    try {
      ingestText(`${huge},date,amount\nc1,2024-01-05,1\n`);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(400);
    }
    const { report } = ingestText(`customer_id,date,amount\nc1,2024-01-05,"${huge}\n`);
    expect(report.reasons).toEqual({ 'invalid-record': 1 });
  });

  it('survives JSON nested 100,000 deep, as a whole feed and as a cell', () => {
    const depth = 100_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    const whole = (() => {
      try {
        return ingestText(nested).report;
      } catch (error) {
        expect((error as Error).constructor).toBe(Error);
        return undefined;
      }
    })();
    if (whole) expect(whole.accepted + whole.rejected).toBe(whole.rows);
    const inCell = `[{"customer_id":"c1","date":"2024-01-05","amount":${nested}},{"customer_id":"c2","date":"2024-01-05","amount":2}]`;
    const { report } = ingestText(inCell);
    expect(report.rows).toBe(2);
    expect(report.accepted).toBe(1);
    expect(report.reasons).toEqual({ 'invalid-record': 1 });
    const deepRecord: unknown = JSON.parse(nested);
    const records = ingestRecords([{ customer_id: 'c1', date: '2024-01-05', amount: 1 }, deepRecord, { customer_id: deepRecord, date: '2024-01-05', amount: 1 }]);
    expect(records.report.rows).toBe(3);
    expect(records.report.accepted).toBe(1);
  });
});
