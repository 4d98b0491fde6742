/** One row of R rfm's expected table (expected_rfm_table_*.csv) in the shape of an RFM customer row. */
import type { DSVRowString } from 'd3-dsv';

/** The expected values of a customer: recency, frequency, monetary, scores and the vignette segment. */
export function expectedRfmRow(e: DSVRowString) {
  return {
    id: e.customer_id,
    recency: Number(e.recency_days),
    frequency: Number(e.transaction_count),
    monetary: Number(e.amount),
    r: Number(e.recency_score),
    f: Number(e.frequency_score),
    m: Number(e.monetary_score),
    score: Number(e.rfm_score),
    segment: e.segment_vignette,
  };
}
