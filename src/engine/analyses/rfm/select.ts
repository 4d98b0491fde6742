/** Customer selections on an RFM result (what a widget publishes when a cell or segment is clicked). */
import type { RfmResult } from './rfm.js';

/** Dataset customer indexes in the R x F cell (r, f). */
export function rfmCellCustomers(result: RfmResult, r: number, f: number): Int32Array {
  const c = result.customers;
  const picked = new Int32Array(c.index.length);
  return picked.slice(0, pickCell(c.r, c.f, r, f, c.index, picked));
}

/** Dataset customer indexes in the named segment (empty when no such segment). */
export function rfmSegmentCustomers(result: RfmResult, segment: string): Int32Array {
  const c = result.customers;
  const picked = new Int32Array(c.index.length);
  return picked.slice(0, pickSegment(c.segment, result.segmentNames.indexOf(segment), c.index, picked));
}

/* Loops below are kernels (typed arrays and numbers only): see "Hot loops are kernels" in docs/architecture.md. */

/** `index[i]` of every customer i with scores (r, f), in order, into `picked`; returns how many. */
function pickCell(rs: Uint8Array, fs: Uint8Array, r: number, f: number, index: Int32Array, picked: Int32Array): number {
  let k = 0;
  for (let i = 0; i < index.length; i++) if (rs[i] === r && fs[i] === f) picked[k++] = index[i];
  return k;
}

/** `index[i]` of every customer i in segment `s`, in order, into `picked`; returns how many. */
function pickSegment(segments: Int32Array, s: number, index: Int32Array, picked: Int32Array): number {
  let k = 0;
  for (let i = 0; i < index.length; i++) if (segments[i] === s) picked[k++] = index[i];
  return k;
}
