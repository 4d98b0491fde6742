/**
 * k-means segmentation of a Dataset's customers on their RFM values: the alternative to the rule
 * based RFM segments. Recency, frequency and monetary come from the RFM analysis, so the analysis
 * date and the set of customers are the same as there.
 */
import type { Dataset } from '../../dataset/types.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { rfm } from '../rfm/rfm.js';
import { parseOptions } from '../../stats/parse-options.js';
import { clusterRfm, rfmClusterOptionsSchema, type RfmClusterOptions, type RfmClustering } from './cluster-rfm.js';

/** Options of {@link rfmClusters}: the clustering options plus the RFM analysis date. */
export type RfmClustersOptions = RfmClusterOptions & {
  /** Analysis day number; default the day after the last order (as in RFM). */
  readonly asOf?: number;
};

/** Clusters of a Dataset's customers. */
export interface RfmClustersResult extends RfmClustering {
  readonly asOf: number;
  readonly asOfDate: string;
  /** Dataset customer indexes of the clustered customers; `assignments[i]` is the cluster of `index[i]`. */
  readonly index: Int32Array;
}

/**
 * Clusters every customer with orders on or before the analysis date (see {@link clusterRfm}).
 * Unavailable without an orders table (customer_id, date, amount) or with fewer than two such
 * customers. Throws a RangeError for invalid options.
 */
export function rfmClusters(dataset: Dataset, options: RfmClustersOptions = {}): Maybe<RfmClustersResult> {
  const { asOf, ...given } = options;
  const clusterOptions = parseOptions('clustering', rfmClusterOptionsSchema, given);
  const base = rfm(dataset, { asOf });
  if (!base.available) return base;
  const c = base.customers;
  if (c.index.length < 2) {
    return unavailable('no-rows', `clustering needs at least two customers with orders on or before ${base.asOfDate}`, [
      { table: 'orders', fields: ['customer_id', 'date', 'amount'] },
    ]);
  }
  const clustering = clusterRfm(c.recency, c.frequency, c.monetary, clusterOptions);
  return available({ ...clustering, asOf: base.asOf, asOfDate: base.asOfDate, index: c.index });
}
