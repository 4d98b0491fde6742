/** RFM clusters as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { ClustersJson, UnavailableJson } from './contract.js';
import { notAvailable, renderTable, section } from './table.js';

/** One row per cluster, best first: size, orders, revenue and mean R, F, M. */
export function renderClusters(clusters: ClustersJson | UnavailableJson, f: Formats): string {
  if (!clusters.available) return notAvailable('RFM clusters', clusters.message);
  const mean = (x: number | null, digits: number) => (x === null ? '–' : f.number(x, digits));
  const total = clusters.customers.length;
  const table = renderTable(
    [
      { header: 'cluster' },
      { header: 'customers', align: 'right' },
      { header: 'share', align: 'right' },
      { header: 'orders', align: 'right' },
      { header: 'revenue', align: 'right' },
      { header: 'recency days', align: 'right' },
      { header: 'frequency', align: 'right' },
      { header: 'monetary', align: 'right' },
    ],
    clusters.clusters.map((c) => [
      c.name,
      f.integer(c.customers),
      f.percent(total > 0 ? c.customers / total : NaN),
      f.integer(c.orders),
      f.number(c.revenue),
      mean(c.meanRecency, 0),
      mean(c.meanFrequency, 1),
      mean(c.meanMonetary, 2),
    ]),
  );
  const silhouette = clusters.silhouette === null ? 'undefined' : f.number(clusters.silhouette, 3);
  return section(
    `RFM clusters as of ${clusters.asOf} (k-means on log R, F, M; k = ${clusters.k}, mean silhouette ${silhouette}; ${f.integer(total)} customers)`,
    table,
  );
}
