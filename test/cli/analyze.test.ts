/**
 * `crm-lens analyze` end to end: the real bin, spawned with execFile, on the reference data sets and on
 * bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../support/data.js';
import { expectedRfmRow } from '../engine/rfm/expected.js';
import { analyze } from './analyze-bin.js';

const rfmOrders = referenceFile('rfm/rfm_data_orders.csv');
const rfmExpected = referenceFile('rfm/expected_rfm_table_2006-12-31.csv');

describe.skipIf(!rfmOrders || !rfmExpected)('the R rfm reference file through the CLI', () => {
  it('JSON equals the expected table for sampled customers, the edges and the segment totals', async () => {
    const out = await analyze(rfmOrders!, '--as-of', '2006-12-31', '--format', 'json');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.ingest).toMatchObject({ rows: 4906, accepted: 4906, rejected: 0, reasons: {} });
    expect(doc.rfm.asOf).toBe('2006-12-31');
    expect(doc.rfm.customers).toHaveLength(995);
    const byId = new Map(doc.rfm.customers.map((c: { id: string }) => [c.id, c]));
    const expected = csvParse(readFileSync(rfmExpected!, 'utf8'));
    for (const e of expected.filter((_, i) => i % 97 === 0)) {
      expect(byId.get(e.customer_id!), e.customer_id).toEqual(expectedRfmRow(e));
    }
    expect(doc.rfm.thresholds.recency.slice(1, 5)).toEqual([115, 181, expect.closeTo(297.4, 9), 482]);
    expect(doc.rfm.thresholds.frequency.slice(1, 5)).toEqual([4, 5, 6, 8]);
    expect(doc.rfm.thresholds.monetary.slice(1, 5)).toEqual([expect.closeTo(255.8, 9), 382, expect.closeTo(506.4, 9), 666]);
    const segment = (name: string) => doc.rfm.segments.find((s: { name: string }) => s.name === name);
    expect(segment('Potential Loyalist')).toEqual({ name: 'Potential Loyalist', customers: 342, orders: 2211, revenue: 204856 });
    expect(segment('Promising')).toEqual({ name: 'Promising', customers: 9, orders: 28, revenue: 4249 });
    expect(doc.cohorts.cohorts[0].retention[0]).toBe(1);
    expect(doc.kpis.kpis.find((k: { id: string }) => k.id === 'nps')).toMatchObject({ available: false, reason: 'missing-table' });
  });

  it('the test rule set gives Champions 158 / 1234 / 120178; the table output is aligned text', async () => {
    const json = JSON.parse((await analyze(rfmOrders!, '--as-of', '2006-12-31', '--format', 'json', '--rules', 'test')).stdout);
    expect(json.rfm.segments.find((s: { name: string }) => s.name === 'Champions')).toEqual({
      name: 'Champions',
      customers: 158,
      orders: 1234,
      revenue: 120178,
    });
    const table = await analyze(rfmOrders!, '--as-of', '2006-12-31');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ {2}Potential Loyalist +342 +34\.4% +2,211 +204,856/m);
    expect(table.stdout).toContain('RFM as of 2006-12-31');
  });

  it('--progress reports reading progress on stderr, up to 100 %', async () => {
    const out = await analyze(rfmOrders!, '--progress', '--format', 'json');
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^reading rfm_data_orders\.csv 100%$/m);
    expect(JSON.parse(out.stdout).rfm.available).toBe(true);
  });

  it('--out writes the output to a file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'crm-lens-')), 'rfm.json');
    const result = await analyze(rfmOrders!, '--format', 'json', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).rfm.asOf).toBe('2006-12-31');
  });
});

const uci = referenceFile('uci/online_retail.csv.gz');

describe.skipIf(!uci)('UCI Online Retail (gzip, messy) through the CLI', () => {
  it('reports missing customer ids and cancellations by reason and exits 0', async () => {
    const out = await analyze(
      uci!,
      '--map',
      'customer_id=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice,order_id=InvoiceNo',
      '--refunds',
      'drop',
      '--format',
      'json',
    );
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    // 541,909 lines; 135,080 without CustomerID; of the 406,829 with one, 8,905 are cancellations.
    expect(doc.ingest).toMatchObject({ rows: 541909, accepted: 397924, rejected: 143985 });
    expect(doc.ingest.reasons).toEqual({ 'missing-customer-id': 135080, refund: 8905 });
    expect(doc.ingest.examples.some((e: { reason: string }) => e.reason === 'refund')).toBe(true);
    expect(doc.rfm.customers).toHaveLength(4339);
  });
});

describe('bad input: non-zero exit, one line on stderr, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-lens-'));

  async function expectOneLineError(args: string[], pattern: RegExp) {
    const out = await analyze(...args);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines, out.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }

  it('a missing file', async () => {
    await expectOneLineError([join(dir, 'nope.csv')], /^crm-lens: cannot read .*nope\.csv: no such file$/);
  });

  it('an unknown mapping field', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, 'id,date,amount\na,2024-01-01,5\n');
    await expectOneLineError([file, '--map', 'customer=id'], /unknown mapping field "customer"/);
  });

  it('a file with no usable rows', async () => {
    const file = join(dir, 'empty-ids.csv');
    writeFileSync(file, 'customer_id,date,amount\n,2024-01-01,5\n,2024-01-02,6\n');
    await expectOneLineError([file], /no usable rows .*missing-customer-id 2/);
  });

  it('an unknown option and a bad date', async () => {
    const file = join(dir, 'ok.csv');
    await expectOneLineError([file, '--colour'], /Unknown option '--colour'/);
    await expectOneLineError([file, '--as-of', '2024-02-30'], /--as-of must be a date YYYY-MM-DD/);
  });
});
