import { describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import { customerSummary, summaryFromOrders, summaryFromTable } from '../../../src/engine/analyses/clv/summary.js';
import { referenceFile } from '../../support/data.js';
import { loadSampleOrders, loadSummaryCsv } from './cdnow.js';

const sample = referenceFile('cdnow/CDNOW_sample.txt');
const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');

function orders(rows: [string, string, number][]) {
  const builder = new DatasetBuilder();
  const table = builder.table('orders', ['customer_id', 'date', 'amount']);
  for (const [id, date, amount] of rows) {
    table.column('customer_id')!.push(builder.customer(id));
    table.column('date')!.push(dayFromCivil(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10)));
    table.column('amount')!.push(amount);
    table.endRow();
  }
  return builder.build();
}

describe('summary from transactions', () => {
  const dataset = orders([
    ['a', '2024-01-10', 5],
    ['b', '2024-01-03', 20],
    ['a', '2024-01-01', 10],
    ['a', '2024-01-10', 7], // same day as another order of a: one purchase day worth 12
    ['a', '2024-01-15', 30],
    ['a', '2024-02-01', 99], // after the calibration end
    ['c', '2024-02-02', 50], // first purchase after the calibration end: not a calibration customer
  ]);

  it('counts distinct repeat days, times since the first purchase and the mean repeat day total', () => {
    const result = summaryFromOrders(dataset, { calibrationEnd: dayFromCivil(2024, 1, 29), unit: 'day' });
    if (!result.available) throw new Error(result.message);
    expect(result.length).toBe(2);
    expect(Array.from(result.customer)).toEqual([0, 1]);
    expect(Array.from(result.x)).toEqual([2, 0]);
    expect(Array.from(result.tx)).toEqual([14, 0]);
    expect(Array.from(result.T)).toEqual([28, 26]);
    expect(result.monetary[0]).toBe((12 + 30) / 2);
    expect(result.monetary[1]).toBeNaN();
  });

  it('measures weeks as fractional 7-day units and counts holdout purchase days', () => {
    const result = summaryFromOrders(dataset, {
      calibrationEnd: dayFromCivil(2024, 1, 29),
      holdoutEnd: dayFromCivil(2024, 2, 28),
      unit: 'week',
    });
    if (!result.available) throw new Error(result.message);
    expect(result.tx[0]).toBeCloseTo(2, 12);
    expect(result.T[1]).toBeCloseTo(26 / 7, 12);
    expect(Array.from(result.holdout!.x)).toEqual([1, 0]);
    expect(Array.from(result.holdout!.spend)).toEqual([99, 0]);
    expect(result.holdout!.length).toBeCloseTo(30 / 7, 12);
  });

  it('says why when there is nothing to summarise', () => {
    const none = summaryFromOrders(dataset, { calibrationEnd: dayFromCivil(2023, 1, 1) });
    expect(none.available).toBe(false);
    const empty = customerSummary(new DatasetBuilder().build());
    expect(empty.available === false && empty.reason).toBe('missing-table');
    expect(() => summaryFromOrders(dataset, { unit: 'month' as 'week' })).toThrow(RangeError);
  });
});

describe.skipIf(!sample || !summaryCsv)('CDNOW sample summarised in weeks at 1997-09-30', () => {
  it('equals cdnow_summary.csv for all 2,357 customers (to its two decimals)', () => {
    const result = summaryFromOrders(loadSampleOrders(sample!), { calibrationEnd: dayFromCivil(1997, 9, 30), unit: 'week' });
    if (!result.available) throw new Error(result.message);
    expect(result.length).toBe(2357);
    const reference = loadSummaryCsv(summaryCsv!).summary!;
    const referenceIndex = new Map(loadSummaryCsv(summaryCsv!).customerIds.map((id, i) => [id, i]));
    const ids = loadSampleOrders(sample!).customerIds;
    let compared = 0;
    for (let i = 0; i < result.length; i++) {
      const r = referenceIndex.get(ids[result.customer[i]])!;
      expect(result.x[i]).toBe(reference.x[r]);
      expect(Math.abs(result.tx[i] - reference.tx[r])).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(result.T[i] - reference.T[r])).toBeLessThanOrEqual(0.005 + 1e-9);
      const zbar = result.x[i] > 0 ? result.monetary[i] : 0;
      expect(Math.abs(zbar - reference.monetary[r])).toBeLessThanOrEqual(0.005 + 1e-9);
      compared++;
    }
    expect(compared).toBe(2357);
  });

  it('reads a feed summary table as the same model input', () => {
    const result = summaryFromTable(loadSummaryCsv(summaryCsv!));
    if (!result.available) throw new Error(result.message);
    expect(result.length).toBe(2357);
    expect(result.unit).toBe('week');
    expect(result.x[0]).toBe(2);
    expect(result.monetary[0]).toBe(22.35);
    expect(result.monetary[2]).toBeNaN();
  });
});

