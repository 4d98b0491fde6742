/**
 * The R `rfm` package's own data and output (v0.3.0, analysis date 2006-12-31): every customer's
 * values, scores and both segment columns, the bin edges, and the per-segment totals of METRICS.md.
 */
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { rfm, TEST_RULES, type RfmResult } from '../../../src/engine/analyses/rfm/index.js';
import { rfmCustomerRows } from '../../../src/engine/analyses/rfm/rows.js';
import { expectedRfmRow } from './expected.js';
import { ingestText } from '../../../src/engine/ingest/index.js';
import type { Dataset } from '../../../src/engine/dataset/types.js';
import { referenceFile } from '../../support/data.js';
import { day, ordersDataset } from '../stats/fixtures.js';

const ordersFile = referenceFile('rfm/rfm_data_orders.csv');
const expectedFile = referenceFile('rfm/expected_rfm_table_2006-12-31.csv');
const thresholdsFile = referenceFile('rfm/expected_thresholds_2006-12-31.csv');

/** The orders read two independent ways: a plain CSV parser into the builder, and crm-lens ingest. */
const readers: [string, (text: string) => Dataset][] = [
  ['d3-dsv + DatasetBuilder', (text) => ordersDataset(csvParse(text).map((r) => [r.customer_id!, r.order_date!, Number(r.revenue)] as const))],
  ['ingestText', (text) => ingestText(text, { fileName: 'rfm_data_orders.csv' }).dataset],
];

describe.skipIf(!ordersFile || !expectedFile || !thresholdsFile).each(readers)('R rfm reference, 2006-12-31, read by %s', (_name, read) => {
  const dataset = read(readFileSync(ordersFile!, 'utf8'));
  const asOf = day('2006-12-31');
  const result = rfm(dataset, { asOf }) as RfmResult;
  const testResult = rfm(dataset, { asOf, rules: [...TEST_RULES] }) as RfmResult;

  it('reproduces every customer of the expected table', () => {
    expect(result.totals.customers).toBe(995);
    const expected = csvParse(readFileSync(expectedFile!, 'utf8'));
    expect(expected.length).toBe(995);
    const byId = new Map(rfmCustomerRows(result, dataset.customerIds).map((r) => [r.id, r]));
    const testById = new Map(rfmCustomerRows(testResult, dataset.customerIds).map((r) => [r.id, r]));
    expect(byId.size).toBe(995);
    const mismatches: string[] = [];
    for (const e of expected) {
      const want = { ...expectedRfmRow(e), test: e.segment_test };
      const got = byId.get(e.customer_id!);
      const have = got && { ...got, test: testById.get(e.customer_id!)?.segment };
      if (JSON.stringify(have) !== JSON.stringify(want)) mismatches.push(`want ${JSON.stringify(want)} got ${JSON.stringify(have)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(result.totals.orders).toBe(4906);
  });

  it('uses the expected bin edges', () => {
    const t = csvParse(readFileSync(thresholdsFile!, 'utf8'));
    const edges = (dim: string) => [...t.map((row) => Number(row[`${dim}_lower`])), Number(t[t.length - 1][`${dim}_upper`])];
    for (const dim of ['recency', 'frequency', 'monetary'] as const) {
      const want = edges(dim);
      expect(result.thresholds[dim]).toHaveLength(want.length);
      result.thresholds[dim].forEach((v, i) => expect(v).toBeCloseTo(want[i], 9));
    }
    expect(result.thresholds.recency.slice(1, 5)).toEqual([115, 181, expect.closeTo(297.4, 9), 482]);
  });

  it('gives the per-segment totals of METRICS.md', () => {
    const seg = (r: RfmResult, name: string) => r.segments.find((s) => s.name === name);
    const vignette: Record<string, [number, number, number]> = {
      'Potential Loyalist': [342, 2211, 204856],
      'Loyal Customers': [170, 799, 76562],
      Lost: [148, 393, 35324],
      'New Customers': [104, 329, 28837],
      'About To Sleep': [102, 283, 23449],
      "Can't Lose Them": [47, 274, 32446],
      Champions: [35, 316, 31646],
      'At Risk': [28, 216, 22227],
      'Need Attention': [10, 57, 4562],
      Promising: [9, 28, 4249],
      Others: [0, 0, 0],
    };
    for (const [name, [customers, orders, revenue]] of Object.entries(vignette)) {
      expect(seg(result, name), name).toEqual({ name, customers, orders, revenue });
    }
    expect(seg(testResult, 'Champions')).toEqual({ name: 'Champions', customers: 158, orders: 1234, revenue: 120178 });
  });

  it('grid cells add up to the customers and carry the R x F map segment', () => {
    expect(result.grid).toHaveLength(25);
    expect(result.grid.reduce((s, c) => s + c.customers, 0)).toBe(995);
    expect(result.grid.reduce((s, c) => s + c.orders, 0)).toBe(4906);
    expect(result.grid.find((c) => c.r === 5 && c.f === 5)!.segment).toBe('Champions');
    expect(result.grid.find((c) => c.r === 1 && c.f === 1)!.segment).toBe('Hibernating');
  });
});
