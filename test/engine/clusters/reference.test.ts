/**
 * RFM clustering on the reference data: the clusters partition exactly the customers, orders and
 * revenue that METRICS.md publishes, and repeat exactly for a seed.
 */
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { rfmClusters, type RfmClustersResult } from '../../../src/engine/analyses/clusters/index.js';
import { referenceFile } from '../../support/data.js';
import { readCdnowMaster } from '../stats/cdnow.js';
import { day, ordersDataset } from '../stats/fixtures.js';

function totals(result: RfmClustersResult) {
  return result.clusters.reduce(
    (t, c) => ({ customers: t.customers + c.customers, orders: t.orders + c.orders, revenue: t.revenue + c.revenue }),
    { customers: 0, orders: 0, revenue: 0 },
  );
}

function expectConsistent(result: RfmClustersResult) {
  expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  expect(result.silhouette).toBe(Math.max(...result.candidates.map((c) => c.silhouette)));
  expect(result.silhouette).toBeGreaterThan(0);
  const sizes = new Array(result.k).fill(0);
  for (const a of result.assignments) sizes[a]++;
  expect(result.clusters.map((c) => c.customers)).toEqual(sizes);
}

const rfmFile = referenceFile('rfm/rfm_data_orders.csv');
describe.skipIf(!rfmFile)('clusters on R rfm orders, 2006-12-31', () => {
  const rows = csvParse(readFileSync(rfmFile!, 'utf8'));
  const dataset = ordersDataset(rows.map((r) => [r.customer_id!, r.order_date!, Number(r.revenue)] as const));

  it('partition the 995 customers, 4906 orders and the segments revenue, the same for the same seed', () => {
    const a = rfmClusters(dataset, { asOf: day('2006-12-31'), seed: 42 });
    if (!a.available) throw new Error(a.message);
    // METRICS.md: 995 customers, 4906 transactions; revenue = the vignette segments' revenue summed.
    const revenue = 204856 + 76562 + 35324 + 28837 + 23449 + 32446 + 31646 + 22227 + 4562 + 4249;
    expect(totals(a)).toEqual({ customers: 995, orders: 4906, revenue });
    expectConsistent(a);
    const b = rfmClusters(dataset, { asOf: day('2006-12-31'), seed: 42 });
    if (!b.available) throw new Error(b.message);
    expect(b.assignments).toEqual(a.assignments);
    expect(b.clusters).toEqual(a.clusters);
  });
});

const cdnowFile = referenceFile('cdnow/CDNOW_master.txt');
describe.skipIf(!cdnowFile)('clusters on CDNOW master', () => {
  it('partition the 23,570 customers and 69,659 transactions, the silhouette on a 2,000-customer sample', () => {
    const result = rfmClusters(readCdnowMaster(cdnowFile!));
    if (!result.available) throw new Error(result.message);
    const t = totals(result);
    expect([t.customers, t.orders]).toEqual([23570, 69659]);
    expect(result.silhouettePoints).toBe(2000);
    expectConsistent(result);
    // The best cluster bought more recently, more often and for more than the worst.
    const best = result.clusters[0];
    const worst = result.clusters[result.k - 1];
    expect(best.meanRecency!).toBeLessThan(worst.meanRecency!);
    expect(best.meanFrequency!).toBeGreaterThan(worst.meanFrequency!);
    expect(best.meanMonetary!).toBeGreaterThan(worst.meanMonetary!);
  });
});
