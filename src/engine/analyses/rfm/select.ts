/** Customer selections on an RFM result (what a widget publishes when a cell or segment is clicked). */
import type { RfmResult } from './rfm.js';

function select(result: RfmResult, keep: (i: number) => boolean): Int32Array {
  const { index } = result.customers;
  const picked: number[] = [];
  for (let i = 0; i < index.length; i++) if (keep(i)) picked.push(index[i]);
  return Int32Array.from(picked);
}

/** Dataset customer indexes in the R x F cell (r, f). */
export function rfmCellCustomers(result: RfmResult, r: number, f: number): Int32Array {
  const c = result.customers;
  return select(result, (i) => c.r[i] === r && c.f[i] === f);
}

/** Dataset customer indexes in the named segment (empty when no such segment). */
export function rfmSegmentCustomers(result: RfmResult, segment: string): Int32Array {
  const s = result.segmentNames.indexOf(segment);
  const c = result.customers;
  return select(result, (i) => c.segment[i] === s);
}
