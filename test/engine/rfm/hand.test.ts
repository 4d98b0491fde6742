/** Hand-computed RFM cases: ties, an empty bin, fixed thresholds and the pandas conventions. */
import { describe, expect, it } from 'vitest';
import {
  rfm,
  rfmCellCustomers,
  rfmSegmentCustomers,
  RFM_CONVENTIONS,
  RF_GRID_RULES,
  type RfmResult,
} from '../../../src/engine/analyses/rfm/index.js';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { isoDate } from '../../../src/engine/dataset/days.js';
import { day, ordersDataset, type OrderRow } from '../stats/fixtures.js';

/**
 * Ten customers c0..c9: recency i + 1 days at 2024-01-31, frequencies 1,1,1,1,1,1,2,3,5,9 (all orders
 * of a customer on its last day), 10 per order.
 */
const FREQ = [1, 1, 1, 1, 1, 1, 2, 3, 5, 9];
const AS_OF = day('2024-01-31');
const rows: OrderRow[] = [];
FREQ.forEach((f, i) => {
  for (let k = 0; k < f; k++) rows.push([`c${i}`, isoDate(AS_OF - (i + 1)), 10]);
});
const dataset = ordersDataset(rows);

function run(options = {}): RfmResult {
  const result = rfm(dataset, { asOf: AS_OF, ...options });
  if (!result.available) throw new Error(result.message);
  return result;
}

const scores = (r: RfmResult) => [...r.customers.score];

describe('R convention', () => {
  const result = run();

  it('bins with quantile + 1 edges, half-open, leaving the tied frequency bin empty', () => {
    // recency 1..10: q = 2.8, 4.6, 6.4, 8.2; frequency q = 1, 1, 1.4, 3.4; monetary q = 10, 10, 14, 34.
    expect(result.thresholds.recency.map((v) => +v.toFixed(9))).toEqual([1, 3.8, 5.6, 7.4, 9.2, 11]);
    expect(result.thresholds.frequency.map((v) => +v.toFixed(9))).toEqual([1, 2, 2, 2.4, 4.4, 10]);
    expect(result.thresholds.monetary.map((v) => +v.toFixed(9))).toEqual([10, 11, 11, 15, 35, 91]);
    expect(scores(result)).toEqual([511, 511, 511, 411, 411, 311, 334, 244, 255, 155]);
    expect([...result.customers.f].includes(2)).toBe(false);
    expect(result.grid.filter((c) => c.f === 2).every((c) => c.customers === 0 && c.meanMonetary === null)).toBe(true);
  });

  it('assigns vignette segments first-match and sums them', () => {
    const seg = Object.fromEntries(result.segments.map((s) => [s.name, [s.customers, s.orders, s.revenue]]));
    expect(seg['New Customers']).toEqual([5, 5, 50]);
    expect(seg['About To Sleep']).toEqual([1, 1, 10]);
    expect(seg['Potential Loyalist']).toEqual([1, 2, 20]);
    expect(seg['Loyal Customers']).toEqual([1, 3, 30]);
    expect(seg['At Risk']).toEqual([2, 14, 140]);
    expect(seg.Others).toEqual([0, 0, 0]);
    expect(result.segmentNames.at(-1)).toBe('Others');
  });

  it('lists the customers of a cell and of a segment', () => {
    expect([...rfmCellCustomers(result, 5, 1)]).toEqual([0, 1, 2]);
    expect([...rfmCellCustomers(result, 3, 2)]).toEqual([]);
    expect([...rfmSegmentCustomers(result, 'At Risk')]).toEqual([8, 9]);
    expect([...rfmSegmentCustomers(result, 'No Such')]).toEqual([]);
    const cell = result.grid.find((c) => c.r === 2 && c.f === 4)!;
    expect(cell).toEqual({ r: 2, f: 4, customers: 1, orders: 3, revenue: 30, meanMonetary: 30, segment: 'At Risk' });
  });

  it('the R x F map ignores monetary and names every one of the 25 cells', () => {
    const withGrid = run({ rules: RF_GRID_RULES });
    expect(withGrid.segments.find((s) => s.name === 'New Customers')!.customers).toBe(3); // R5 F1
    expect(withGrid.segments.find((s) => s.name === 'Promising')!.customers).toBe(2); // R4 F1
    expect(result.grid.every((c) => c.segment !== 'Others')).toBe(true);
  });
});

describe('options', () => {
  it('fixed thresholds are used as inner edges, bins = edges + 1', () => {
    const result = run({ thresholds: { recency: [3, 6], frequency: [2], monetary: [50] } });
    expect(result.thresholds.recency).toEqual([1, 3, 6, 11]);
    expect(result.bins).toEqual({ r: 3, f: 2, m: 2 });
    expect(result.customers.score[0]).toBe(311);
    expect(result.customers.score[8]).toBe(122);
    expect(result.customers.score[6]).toBe(121); // recency 7, 2 orders, 20
    expect(result.grid).toHaveLength(6);
  });

  it('pandas qcut: right-closed bins, repeated edges dropped', () => {
    const result = run(RFM_CONVENTIONS['pandas-qcut']);
    expect(result.thresholds.frequency.map((v) => +v.toFixed(9))).toEqual([1, 1.4, 3.4, 9]);
    expect(result.bins.f).toBe(3);
    expect([...result.customers.f]).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 3, 3]);
    expect([...result.customers.r]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('frequency ranked "first" breaks ties by customer order', () => {
    const result = run(RFM_CONVENTIONS['pandas-qcut-rank-first']);
    expect([...result.customers.f]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([...result.customers.frequency]).toEqual(FREQ);
  });

  it('quartiles', () => {
    const result = run(RFM_CONVENTIONS.quartiles);
    expect([...result.customers.r]).toEqual([4, 4, 4, 3, 3, 2, 2, 1, 1, 1]);
    expect(result.bins.r).toBe(4);
  });

  it('rejects invalid options with a RangeError', () => {
    expect(() => rfm(dataset, { bins: 12 })).toThrow(RangeError);
    expect(() => rfm(dataset, { thresholds: { recency: [5, 3] } })).toThrow(/ascending/);
  });
});

describe('dates, refunds and availability', () => {
  it('defaults the analysis date to the day after the last order and ignores later orders', () => {
    const ds = ordersDataset([
      ['a', '2024-01-01', 10],
      ['a', '2024-01-10', -4],
      ['b', '2024-01-05', 20],
      ['b', '2024-02-01', 99],
    ]);
    const all = rfm(ds) as RfmResult;
    expect(all.asOfDate).toBe('2024-02-02');
    expect([...all.customers.recency]).toEqual([23, 1]);
    const early = rfm(ds, { asOf: day('2024-01-20') }) as RfmResult;
    expect([...early.customers.recency]).toEqual([10, 15]);
    expect([...early.customers.frequency]).toEqual([2, 1]);
    expect([...early.customers.monetary]).toEqual([6, 20]);
    expect(early.totals).toEqual({ customers: 2, orders: 3, revenue: 26 });
  });

  it('is unavailable without orders, or with none by the analysis date', () => {
    expect(rfm(new DatasetBuilder().build())).toMatchObject({ available: false, reason: 'missing-table' });
    const ds = ordersDataset([['a', '2024-01-01', 10]]);
    expect(rfm(ds, { asOf: day('2023-01-01') })).toMatchObject({ available: false, reason: 'no-rows' });
  });
});

describe('frequency as distinct orders', () => {
  it('counts distinct order ids per customer, a row without one as its own order', () => {
    const b = new DatasetBuilder();
    const t = b.table('orders', ['customer_id', 'date', 'amount', 'order_id']);
    const lines = [
      ['a', '2024-01-01', 'o1'],
      ['b', '2024-01-02', 'o3'],
      ['a', '2024-01-01', 'o1'],
      ['a', '2024-01-05', 'o2'],
      ['b', '2024-01-06', undefined],
      ['b', '2024-01-07', undefined],
    ] as const;
    for (const [id, iso, order] of lines) {
      t.column('customer_id')!.pushString(id);
      t.column('date')!.push(day(iso));
      t.column('amount')!.push(5);
      t.column('order_id')!.pushString(order);
      t.endRow();
    }
    const ds = b.build();
    const byOrders = rfm(ds, { frequency: 'orders' }) as RfmResult;
    expect([...byOrders.customers.frequency]).toEqual([2, 3]);
    expect([...byOrders.customers.monetary]).toEqual([15, 15]);
    expect([...(rfm(ds) as RfmResult).customers.frequency]).toEqual([3, 3]);
    expect(rfm(dataset, { frequency: 'orders' })).toMatchObject({ available: false, reason: 'missing-field' });
  });
});
