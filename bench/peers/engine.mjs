/**
 * Our engine: `ingestBytes` to a Dataset (load), then the RFM, cohort and CLV-summary analyses
 * (compute), exactly as a dashboard would call them. Runs the TypeScript sources through tsx (the
 * bench starts every peer process with `--import tsx`). Ingest has its part reader, a second thread
 * that reads the later half of a large CSV (in a browser the engine Worker starts one), started in
 * setup.
 */
import { ingestBytes } from '../../src/engine/ingest/index.ts';
import { startedPartReader } from './part-reader.mjs';
import { rfm } from '../../src/engine/analyses/rfm/index.ts';
import { cohorts } from '../../src/engine/analyses/cohorts/index.ts';
import { summaryFromOrders } from '../../src/engine/analyses/clv/summary.ts';
import { AS_OF_DAY, dayOfIso, monthOfDay } from '../work.mjs';

/**
 * @template T
 * @param {string} what
 * @param {T | { available: false, message: string }} maybe
 * @returns {T}
 */
function must(what, maybe) {
  if (/** @type {any} */ (maybe).available === false) throw new Error(`${what} unavailable: ${/** @type {any} */ (maybe).message}`);
  return /** @type {T} */ (maybe);
}

/**
 * Bytes held by every typed array reachable from a Dataset (whole buffers, so spare capacity counts).
 * @param {unknown} value
 * @param {Set<ArrayBufferLike>} seen
 * @returns {number}
 */
function typedBytes(value, seen = new Set()) {
  if (ArrayBuffer.isView(value)) {
    if (seen.has(value.buffer)) return 0;
    seen.add(value.buffer);
    return value.buffer.byteLength;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 0;
  let total = 0;
  for (const v of Object.values(value)) total += typedBytes(v, seen);
  return total;
}

/** @type {import('../../src/node/part-reader.ts').NodePartReader | undefined} */
let parallel;

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'crm-lens engine (ours)',
  kind: 'pipeline',

  async setup() {
    parallel = await startedPartReader();
  },

  async load(bytes) {
    return (await ingestBytes(bytes, { fileName: 'orders.csv', parallel })).dataset;
  },

  compute(dataset) {
    return {
      rfm: must('rfm', rfm(dataset, { asOf: AS_OF_DAY })),
      cohorts: must('cohorts', cohorts(dataset, { asOf: AS_OF_DAY })),
      summary: must('summary', summaryFromOrders(dataset, { calibrationEnd: AS_OF_DAY, unit: 'day' })),
    };
  },

  result(out, dataset) {
    const { customers, thresholds } = out.rfm;
    const { summary } = out;
    const at = new Int32Array(dataset.customerIds.length).fill(-1);
    for (let i = 0; i < summary.customer.length; i++) at[summary.customer[i]] = i;
    const pick = (/** @type {ArrayLike<number>} */ column) => Array.from(customers.index, (c) => column[at[c]]);
    const inner = (/** @type {number[]} */ edges) => edges.slice(1, -1);
    const cells = [];
    for (const row of out.cohorts.cohorts) {
      const cohort = monthOfDay(dayOfIso(`${row.cohort}-01`));
      row.active.forEach((/** @type {number} */ n, /** @type {number} */ offset) => cells.push([cohort, offset, n]));
    }
    return {
      ids: Array.from(customers.index, (c) => dataset.customerIds[c]),
      recency: customers.recency,
      frequency: customers.frequency,
      monetary: customers.monetary,
      r: customers.r,
      f: customers.f,
      m: customers.m,
      x: pick(summary.x),
      tx: pick(summary.tx),
      T: pick(summary.T),
      edges: { recency: inner(thresholds.recency), frequency: inner(thresholds.frequency), monetary: inner(thresholds.monetary) },
      cohorts: cells,
    };
  },

  stats(dataset) {
    return { 'typed-array bytes per order row': typedBytes(dataset) / dataset.orders.length };
  },
};
