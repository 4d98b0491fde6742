/**
 * The registry's selection analyses: `cohortCustomers` (the customers behind one cohort-table cell,
 * checked on hand-made orders) and the `column` of each scored customer in `churnHeatmap` (checked
 * against the customers table and the heat map's own column sizes on the sample company).
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/engine/analyses/registry.js';
import { UNGROUPED } from '../../../src/engine/analyses/churn-risk/index.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';
import { ordersDataset } from '../stats/fixtures.js';

describe('cohortCustomers on hand-made orders', () => {
  // A: first Jan, buys again in Mar (offset 2). B: a January refund starts no cohort, so first Feb,
  // buys Feb and Mar. C: first Jan, only a refund in Feb. D: first Feb, buys again in May (offset 3).
  const dataset = ordersDataset([
    ['A', '2023-01-05', 10],
    ['B', '2023-01-20', -3],
    ['C', '2023-01-31', 7],
    ['B', '2023-02-01', 8],
    ['D', '2023-02-10', 1],
    ['C', '2023-02-15', -2],
    ['A', '2023-03-02', 5],
    ['B', '2023-03-10', 4],
    ['D', '2023-05-01', 2],
  ]);
  const ids = (options: Record<string, unknown>) => {
    const result = runAnalysis(dataset, 'cohortCustomers', options) as { customers: Int32Array };
    return Array.from(result.customers, (c) => dataset.customerIds[c]);
  };

  it('month cohorts: a purchase at the offset, or at least that far with onOrAfter', () => {
    expect(ids({ cohort: '2023-01', offset: 0 })).toEqual(['A', 'C']);
    expect(ids({ cohort: '2023-01', offset: 1 })).toEqual([]);
    expect(ids({ cohort: '2023-01', offset: 2 })).toEqual(['A']);
    expect(ids({ cohort: '2023-01', offset: 1, onOrAfter: true })).toEqual(['A']);
    expect(ids({ cohort: '2023-02', offset: 1 })).toEqual(['B']);
    expect(ids({ cohort: '2023-02', offset: 1, onOrAfter: true })).toEqual(['B', 'D']);
    expect(ids({ cohort: '2023-02', offset: 3 })).toEqual(['D']);
  });

  it('leaves out orders after the analysis date', () => {
    expect(ids({ cohort: '2023-02', offset: 1, onOrAfter: true, asOf: '2023-04-30' })).toEqual(['B']);
    expect(ids({ cohort: '2023-02', offset: 0, asOf: '2023-02-05' })).toEqual(['B']);
  });

  it('quarter and week cohorts by their labels', () => {
    expect(ids({ period: 'quarter', cohort: '2023-Q1', offset: 0 })).toEqual(['A', 'B', 'C', 'D']);
    expect(ids({ period: 'quarter', cohort: '2023-Q1', offset: 1 })).toEqual(['D']);
    // 2023-01-05 is a Thursday: A's week starts Monday 2023-01-02. C's first (Tue 01-31) and B's (Wed
    // 02-01) fall in the week of 01-30; customers come in Dataset order (B was seen before C).
    expect(ids({ period: 'week', cohort: '2023-01-02', offset: 0 })).toEqual(['A']);
    expect(ids({ period: 'week', cohort: '2023-01-30', offset: 0 })).toEqual(['B', 'C']);
  });

  it('a label no period has selects nobody', () => {
    for (const [period, cohort] of [['month', '2023-1'], ['month', '2023-01-01'], ['week', '2023-01-05'], ['quarter', '2023-Q5'], ['quarter', '2023-01'], ['month', 'x']]) {
      expect(ids({ period, cohort, offset: 0 })).toEqual([]);
    }
  });
});

describe('churnHeatmap columns on the sample company', () => {
  const { dataset } = ingestFeed(generateSampleCompany({ customers: 600, months: 18, start: '2023-01', seed: 3 }) as never);
  type Heatmap = { available: true; columns: string[]; customers: number[]; scored: Int32Array; column: Int32Array };

  for (const groupBy of ['segment', 'plan', 'tier']) {
    it(`groupBy ${groupBy}: each scored customer's column counts in its group's size`, () => {
      const map = runAnalysis(dataset, 'churnHeatmap', { groupBy }) as Heatmap;
      expect(map.available).toBe(true);
      expect(map.column.length).toBe(map.scored.length);
      const sizes = new Array<number>(map.columns.length).fill(0);
      for (const col of map.column) sizes[col]++;
      expect(sizes).toEqual(map.customers);
    });
  }

  it("groupBy segment: the column names the customer's segment in the customers table", () => {
    const map = runAnalysis(dataset, 'churnHeatmap', { groupBy: 'segment' }) as Heatmap;
    const customers = dataset.customers!;
    const segmentOf = new Map<number, string>();
    for (let r = 0; r < customers.length; r++) segmentOf.set(customers.customer[r], customers.segment!.values[customers.segment!.codes[r]]);
    map.scored.forEach((c, i) => expect(map.columns[map.column[i]]).toBe(segmentOf.get(c) ?? UNGROUPED));
  });
});
