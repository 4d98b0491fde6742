/** The per-customer RFM table as plain rows, for JSON output and table fallbacks (built at the edge). */
import type { RfmResult } from './rfm.js';

/** One customer's RFM row. */
export interface RfmCustomerRow {
  readonly id: string;
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly score: number;
  readonly segment: string;
}

/** Rows of every scored customer, in customer index order, with ids from the Dataset's dictionary. */
export function rfmCustomerRows(result: RfmResult, customerIds: readonly string[]): RfmCustomerRow[] {
  const c = result.customers;
  const rows: RfmCustomerRow[] = new Array(c.index.length);
  for (let i = 0; i < c.index.length; i++) {
    rows[i] = {
      id: customerIds[c.index[i]],
      recency: c.recency[i],
      frequency: c.frequency[i],
      monetary: c.monetary[i],
      r: c.r[i],
      f: c.f[i],
      m: c.m[i],
      score: c.score[i],
      segment: result.segmentNames[c.segment[i]],
    };
  }
  return rows;
}
