/** Hand-made customer summaries for the model tests. */
import type { CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';

/** A weekly summary of the given (x, t_x, T) rows, monetary unknown. */
export function summaryOf(x: number[], tx: number[], T: number[]): CustomerSummary {
  return {
    unit: 'week',
    length: x.length,
    customer: Int32Array.from(x, (_, i) => i),
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    monetary: new Float64Array(x.length).fill(NaN),
  };
}
