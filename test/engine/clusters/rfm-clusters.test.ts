import { describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { isoDate } from '../../../src/engine/dataset/days.js';
import { rfmClusters } from '../../../src/engine/analyses/clusters/rfm-clusters.js';
import { adjustedRandIndex } from './synthetic.js';
import { day, ordersDataset, type OrderRow } from '../stats/fixtures.js';

const AS_OF = day('2024-12-31');

/** Orders of customers in two planted groups: weekly big buyers up to now, and one small order long ago. */
function twoGroups() {
  const rows: OrderRow[] = [];
  const truth = new Map<string, number>();
  for (let c = 0; c < 30; c++) {
    truth.set(`big${c}`, 0);
    for (let w = 0; w < 20 + (c % 5); w++) rows.push([`big${c}`, isoDate(AS_OF - 2 - (c % 3) - 7 * w), 200 + c]);
  }
  for (let c = 0; c < 40; c++) {
    truth.set(`gone${c}`, 1);
    rows.push([`gone${c}`, isoDate(AS_OF - 500 - 3 * c), 20 + (c % 7)]);
  }
  // An order after the analysis date is left out, as in RFM.
  rows.push(['late', isoDate(AS_OF + 10), 999]);
  return { dataset: ordersDataset(rows), truth };
}

describe('rfmClusters on a Dataset', () => {
  const { dataset, truth } = twoGroups();

  it('separates the planted groups among customers with orders by the analysis date', () => {
    const result = rfmClusters(dataset, { asOf: AS_OF, seed: 3 });
    if (!result.available) throw new Error(result.message);
    expect(result.asOfDate).toBe('2024-12-31');
    expect(result.k).toBe(2);
    expect(result.index.length).toBe(70);
    const ids = Array.from(result.index, (c) => dataset.customerIds[c]);
    expect(ids).not.toContain('late');
    expect(adjustedRandIndex(result.assignments, ids.map((id) => truth.get(id)!))).toBe(1);
    const best = result.clusters[0];
    expect(best.customers).toBe(30);
    expect(best.label).toBe('champions');
    // Planted totals: 30 big buyers with 20..24 weekly orders each.
    let orders = 0;
    let revenue = 0;
    for (let c = 0; c < 30; c++) {
      orders += 20 + (c % 5);
      revenue += (20 + (c % 5)) * (200 + c);
    }
    expect(best.orders).toBe(orders);
    expect(best.revenue).toBe(revenue);
    expect(result.clusters[1].customers).toBe(40);
    expect(result.clusters[1].label).toBe('lost');
  });

  it('is unavailable without orders, or with fewer than two customers', () => {
    const empty = new DatasetBuilder().build();
    const none = rfmClusters(empty);
    expect(none.available).toBe(false);
    if (!none.available) expect(none.reason).toBe('missing-table');
    const single = rfmClusters(ordersDataset([['a', '2024-12-31', 10]]), { asOf: AS_OF });
    expect(single.available).toBe(false);
    if (!single.available) expect(single.reason).toBe('no-rows');
  });

  it('rejects invalid options before looking at the data', () => {
    expect(() => rfmClusters(new DatasetBuilder().build(), { kMax: 1 })).toThrow(RangeError);
  });
});
