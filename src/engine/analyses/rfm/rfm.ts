/**
 * RFM analysis, compatible with the R `rfm` package v0.3.0 by default (METRICS.md section 1).
 * One pass over the orders fills typed per-customer arrays; scores, segments and the R x F grid are
 * derived from those arrays.
 */
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { checkRequirements, available, unavailable, type Maybe } from '../availability.js';
import { resolveAsOf } from '../../stats/as-of.js';
import { rank } from '../../stats/rank.js';
import { groupRows } from '../../stats/group.js';
import { parseOptions } from '../../stats/parse-options.js';
import { RfmOptionsSchema, type RfmOptions, type ResolvedRfmOptions } from './options.js';
import { binEdges, scoresOf } from './bins.js';
import { matchRule, segmentNames, RF_GRID_RULES, VIGNETTE_RULES, OTHERS, type SegmentRule } from './rules.js';

/** Per-customer RFM values; entry i describes dataset customer `index[i]`. */
export interface RfmCustomers {
  /** Dataset customer indexes (customers with at least one order on or before the analysis date). */
  readonly index: Int32Array;
  /** Whole days from the last order to the analysis date. */
  readonly recency: Int32Array;
  /** Order rows (or distinct order ids with the `frequency: 'orders'` option). */
  readonly frequency: Int32Array;
  /** Sum of order amounts (refunds lower it). */
  readonly monetary: Float64Array;
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** 100 R + 10 F + M. */
  readonly score: Int16Array;
  /** Index into {@link RfmResult.segmentNames}. */
  readonly segment: Int32Array;
}

/** Totals of one segment. */
export interface RfmSegmentSummary {
  readonly name: string;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
}

/** One recency x frequency cell (what a grid widget draws). */
export interface RfmCell {
  readonly r: number;
  readonly f: number;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** Mean monetary value of the cell's customers; null when the cell is empty. */
  readonly meanMonetary: number | null;
  /** The cell's segment under the R x F map ({@link RF_GRID_RULES}). */
  readonly segment: string;
}

/** Result of {@link rfm}. */
export interface RfmResult {
  /** Analysis day number and its ISO date. */
  readonly asOf: number;
  readonly asOfDate: string;
  readonly options: ResolvedRfmOptions;
  /** Full bin edges per dimension (bins + 1 values, lowest lower bound first). */
  readonly thresholds: { readonly recency: number[]; readonly frequency: number[]; readonly monetary: number[] };
  /** Bins per dimension (fewer than asked when qcut drops repeated edges). */
  readonly bins: { readonly r: number; readonly f: number; readonly m: number };
  readonly customers: RfmCustomers;
  /** Segment names in rule order, {@link OTHERS} last. */
  readonly segmentNames: readonly string[];
  readonly segments: readonly RfmSegmentSummary[];
  /** bins.r x bins.f cells, r major (r 1 f 1, r 1 f 2, ...). */
  readonly grid: readonly RfmCell[];
  readonly totals: { readonly customers: number; readonly orders: number; readonly revenue: number };
}

const NONE = -2147483648;

/** Largest (r, f, m) score table {@link assignSegments} builds; more combinations are matched per customer. */
const LOOKUP_LIMIT = 1 << 16;

/**
 * Distinct order ids per customer over the rows kept; a row without an order id counts as one order.
 * Rows are grouped by customer first so a per-order stamp dedupes however the rows interleave.
 */
function distinctOrders(dataset: Dataset, keep: (row: number) => boolean): Int32Array {
  const orders = dataset.orders!;
  const codes = orders.orderId!.codes;
  const n = dataset.customerIds.length;
  const groups = groupRows(orders.customer, n, keep);
  const stamp = new Int32Array(orders.orderId!.values.length).fill(-1);
  const count = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    for (let g = groups.offsets[c]; g < groups.offsets[c + 1]; g++) {
      const code = codes[groups.rows[g]];
      if (code >= 0 && stamp[code] === c) continue;
      if (code >= 0) stamp[code] = c;
      count[c]++;
    }
  }
  return count;
}

/** Per-customer recency, frequency and monetary over orders on or before `asOf` (typed, one pass). */
function perCustomer(dataset: Dataset, asOf: number, countBy: 'rows' | 'orders') {
  const orders = dataset.orders!;
  const n = dataset.customerIds.length;
  const last = new Int32Array(n).fill(NONE);
  const rows = new Int32Array(n);
  const sum = new Float64Array(n);
  const { day, customer, amount } = orders;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    if (d > asOf) continue;
    const c = customer[i];
    rows[c]++;
    sum[c] += amount[i];
    // The latest day without a branch: rows usually come in date order, but not always.
    const l = last[c];
    last[c] = d > l ? d : l;
  }
  const count = countBy === 'orders' ? distinctOrders(dataset, (i) => orders.day[i] <= asOf) : rows;
  let k = 0;
  for (let c = 0; c < n; c++) if (rows[c] > 0) k++;
  const index = new Int32Array(k);
  const recency = new Int32Array(k);
  const frequency = new Int32Array(k);
  const monetary = new Float64Array(k);
  k = 0;
  for (let c = 0; c < n; c++) {
    if (rows[c] === 0) continue;
    index[k] = c;
    recency[k] = asOf - last[c];
    frequency[k] = count[c];
    monetary[k] = sum[c];
    k++;
  }
  return { index, recency, frequency, monetary };
}

function summarise(names: readonly string[], segment: Int32Array, frequency: Int32Array, monetary: Float64Array): RfmSegmentSummary[] {
  const customers = new Float64Array(names.length);
  const orders = new Float64Array(names.length);
  const revenue = new Float64Array(names.length);
  for (let i = 0; i < segment.length; i++) {
    const s = segment[i];
    customers[s]++;
    orders[s] += frequency[i];
    revenue[s] += monetary[i];
  }
  return names.map((name, s) => ({ name, customers: customers[s], orders: orders[s], revenue: revenue[s] }));
}

function grid(bins: { r: number; f: number }, c: { r: Uint8Array; f: Uint8Array; frequency: Int32Array; monetary: Float64Array }): RfmCell[] {
  const cells = bins.r * bins.f;
  const customers = new Float64Array(cells);
  const orders = new Float64Array(cells);
  const revenue = new Float64Array(cells);
  for (let i = 0; i < c.r.length; i++) {
    const cell = (c.r[i] - 1) * bins.f + (c.f[i] - 1);
    customers[cell]++;
    orders[cell] += c.frequency[i];
    revenue[cell] += c.monetary[i];
  }
  const out: RfmCell[] = [];
  for (let r = 1; r <= bins.r; r++) {
    for (let f = 1; f <= bins.f; f++) {
      const cell = (r - 1) * bins.f + (f - 1);
      const rule = matchRule(RF_GRID_RULES, r, f, 0);
      out.push({
        r,
        f,
        customers: customers[cell],
        orders: orders[cell],
        revenue: revenue[cell],
        meanMonetary: customers[cell] > 0 ? revenue[cell] / customers[cell] : null,
        segment: rule < 0 ? OTHERS : RF_GRID_RULES[rule].name,
      });
    }
  }
  return out;
}

/** Assigns every customer the first matching rule's segment (or Others). */
export function assignSegments(rules: readonly SegmentRule[], r: Uint8Array, f: Uint8Array, m: Uint8Array): { names: string[]; segment: Int32Array } {
  const { names, ruleToName } = segmentNames(rules);
  const others = names.indexOf(OTHERS);
  const segmentOf = (ri: number, fi: number, mi: number) => {
    const rule = matchRule(rules, ri, fi, mi);
    return rule < 0 ? others : ruleToName[rule];
  };
  const segment = new Int32Array(r.length);
  // Scores are small: match the rules once per (r, f, m) combination, then look every customer up.
  let [rs, fs, ms] = [1, 1, 1];
  for (let i = 0; i < r.length; i++) {
    rs = Math.max(rs, r[i] + 1);
    fs = Math.max(fs, f[i] + 1);
    ms = Math.max(ms, m[i] + 1);
  }
  if (rs * fs * ms > LOOKUP_LIMIT) {
    for (let i = 0; i < r.length; i++) segment[i] = segmentOf(r[i], f[i], m[i]);
    return { names, segment };
  }
  const table = new Int32Array(rs * fs * ms);
  for (let ri = 0; ri < rs; ri++) for (let fi = 0; fi < fs; fi++) for (let mi = 0; mi < ms; mi++) table[(ri * fs + fi) * ms + mi] = segmentOf(ri, fi, mi);
  for (let i = 0; i < r.length; i++) segment[i] = table[(r[i] * fs + f[i]) * ms + m[i]];
  return { names, segment };
}

/**
 * RFM scores, segments and the R x F grid of every customer with orders on or before the analysis
 * date. Unavailable without an orders table (customer_id, date, amount) or without orders by then.
 * Throws a RangeError for invalid options.
 */
export function rfm(dataset: Dataset, options: RfmOptions = {}): Maybe<RfmResult> {
  const opts = parseOptions('rfm', RfmOptionsSchema, options);
  const fields = ['customer_id', 'date', 'amount', ...(opts.frequency === 'orders' ? ['order_id'] : [])];
  const missing = checkRequirements(dataset, [{ table: 'orders', fields }]);
  if (missing) return missing;
  const asOf = resolveAsOf(dataset.orders!, opts.asOf);
  const base = perCustomer(dataset, asOf, opts.frequency);
  if (base.index.length === 0) {
    return unavailable('no-rows', `no orders on or before ${isoDate(asOf)}`, [
      { table: 'orders', fields: ['customer_id', 'date', 'amount'] },
    ]);
  }
  const fixed = opts.thresholds ?? {};
  const frequencyValues = opts.frequencyRank === 'first' ? rank(base.frequency, 'first') : base.frequency;
  const rBins = binEdges(base.recency, opts.bins, opts.binning, fixed.recency);
  const fBins = binEdges(frequencyValues, opts.bins, opts.binning, fixed.frequency);
  const mBins = binEdges(base.monetary, opts.bins, opts.binning, fixed.monetary);
  const r = scoresOf(base.recency, rBins, true);
  const f = scoresOf(frequencyValues, fBins, false);
  const m = scoresOf(base.monetary, mBins, false);
  const score = new Int16Array(r.length);
  for (let i = 0; i < r.length; i++) score[i] = 100 * r[i] + 10 * f[i] + m[i];
  const { names, segment } = assignSegments(opts.rules ?? VIGNETTE_RULES, r, f, m);
  const bins = { r: rBins.bins, f: fBins.bins, m: mBins.bins };
  let orders = 0;
  let revenue = 0;
  for (let i = 0; i < base.index.length; i++) {
    orders += base.frequency[i];
    revenue += base.monetary[i];
  }
  return available({
    asOf,
    asOfDate: isoDate(asOf),
    options: opts,
    thresholds: { recency: rBins.edges, frequency: fBins.edges, monetary: mBins.edges },
    bins,
    customers: { ...base, r, f, m, score, segment },
    segmentNames: names,
    segments: summarise(names, segment, base.frequency, base.monetary),
    grid: grid(bins, { r, f, frequency: base.frequency, monetary: base.monetary }),
    totals: { customers: base.index.length, orders, revenue },
  });
}
