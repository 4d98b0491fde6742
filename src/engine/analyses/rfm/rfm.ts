/**
 * RFM analysis, compatible with the R `rfm` package v0.3.0 by default (METRICS.md section 1).
 * A walk over the orders grouped by customer fills typed per-customer arrays; scores, segments and
 * the R x F grid are derived from those arrays.
 */
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { checkRequirements, available, unavailable, type Maybe } from '../availability.js';
import { resolveAsOf } from '../../stats/as-of.js';
import { rank } from '../../stats/rank.js';
import { groupRows } from '../../stats/group.js';
import { sumOf } from '../../math/sum.js';
import { ordersByCustomer } from '../../dataset/derived.js';
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

/* Loops below are kernels (typed arrays and numbers only): see "Hot loops are kernels" in docs/architecture.md. */

/**
 * Distinct order ids per customer over the rows kept; a row without an order id counts as one order.
 * Rows are grouped by customer first so a per-order stamp dedupes however the rows interleave.
 */
function distinctOrders(dataset: Dataset, keep: Uint8Array): Int32Array {
  const orders = dataset.orders!;
  const n = dataset.customerCount;
  const groups = groupRows(orders.customer, n, keep);
  const count = new Int32Array(n);
  countDistinct(groups.offsets, groups.rows, orders.orderId!.codes, new Int32Array(orders.orderId!.values.length).fill(-1), count);
  return count;
}

function countDistinct(offsets: Int32Array, rows: Int32Array, codes: Int32Array, stamp: Int32Array, count: Int32Array): void {
  for (let c = 0; c < count.length; c++) {
    for (let g = offsets[c]; g < offsets[c + 1]; g++) {
      const code = codes[rows[g]];
      if (code >= 0 && stamp[code] === c) continue;
      if (code >= 0) stamp[code] = c;
      count[c]++;
    }
  }
}

/** 1 for rows dated on or before `asOf`, else 0. */
function onOrBefore(day: Int32Array, asOf: number): Uint8Array {
  const keep = new Uint8Array(day.length);
  for (let i = 0; i < day.length; i++) keep[i] = +(day[i] <= asOf);
  return keep;
}

/**
 * Order rows, amount sums and the latest day per customer over rows on or before `asOf`, walking the
 * shared by-customer grouping (date order within a customer): sequential reads instead of three
 * scattered per-customer updates per row, and the grouping is there for the other analyses anyway.
 */
function accumulate(offsets: Int32Array, day: Int32Array, amount: Float64Array, asOf: number, rows: Int32Array, sum: Float64Array, last: Int32Array): void {
  for (let c = 0; c < rows.length; c++) {
    const start = offsets[c];
    const end = offsets[c + 1];
    let k = start;
    let total = 0;
    while (k < end && day[k] <= asOf) total += amount[k++];
    if (k === start) continue;
    rows[c] = k - start;
    sum[c] = total;
    last[c] = day[k - 1];
  }
}

function countPositive(values: Int32Array): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) k += +(values[i] > 0);
  return k;
}

/** Packs the customers with rows into the per-customer output columns. */
function compact(rows: Int32Array, last: Int32Array, count: Int32Array, sum: Float64Array, asOf: number, index: Int32Array, recency: Int32Array, frequency: Int32Array, monetary: Float64Array): void {
  let k = 0;
  for (let c = 0; c < rows.length; c++) {
    if (rows[c] === 0) continue;
    index[k] = c;
    recency[k] = asOf - last[c];
    frequency[k] = count[c];
    monetary[k] = sum[c];
    k++;
  }
}

/** Per-customer recency, frequency and monetary over orders on or before `asOf`, as typed arrays. */
function perCustomer(dataset: Dataset, asOf: number, countBy: 'rows' | 'orders') {
  const { day } = dataset.orders!;
  const n = dataset.customerCount;
  const last = new Int32Array(n).fill(NONE);
  const rows = new Int32Array(n);
  const sum = new Float64Array(n);
  const grouped = ordersByCustomer(dataset);
  accumulate(grouped.offsets, grouped.day, grouped.amount, asOf, rows, sum, last);
  const count = countBy === 'orders' ? distinctOrders(dataset, onOrBefore(day, asOf)) : rows;
  const k = countPositive(rows);
  const index = new Int32Array(k);
  const recency = new Int32Array(k);
  const frequency = new Int32Array(k);
  const monetary = new Float64Array(k);
  compact(rows, last, count, sum, asOf, index, recency, frequency, monetary);
  return { index, recency, frequency, monetary };
}

/** Adds each entry's 1, frequency and monetary to its group's totals. */
function tally(group: Int32Array, frequency: Int32Array, monetary: Float64Array, customers: Float64Array, orders: Float64Array, revenue: Float64Array): void {
  for (let i = 0; i < group.length; i++) {
    const g = group[i];
    customers[g]++;
    orders[g] += frequency[i];
    revenue[g] += monetary[i];
  }
}

function summarise(names: readonly string[], segment: Int32Array, frequency: Int32Array, monetary: Float64Array): RfmSegmentSummary[] {
  const customers = new Float64Array(names.length);
  const orders = new Float64Array(names.length);
  const revenue = new Float64Array(names.length);
  tally(segment, frequency, monetary, customers, orders, revenue);
  return names.map((name, s) => ({ name, customers: customers[s], orders: orders[s], revenue: revenue[s] }));
}

/** The R x F cell of each customer, r major. */
function cellsOf(r: Uint8Array, f: Uint8Array, fBins: number): Int32Array {
  const cell = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) cell[i] = (r[i] - 1) * fBins + (f[i] - 1);
  return cell;
}

function grid(bins: { r: number; f: number }, c: { r: Uint8Array; f: Uint8Array; frequency: Int32Array; monetary: Float64Array }): RfmCell[] {
  const cells = bins.r * bins.f;
  const customers = new Float64Array(cells);
  const orders = new Float64Array(cells);
  const revenue = new Float64Array(cells);
  tally(cellsOf(c.r, c.f, bins.f), c.frequency, c.monetary, customers, orders, revenue);
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

/** The largest value + 1, at least 1. */
function sizeOf(scores: Uint8Array): number {
  let size = 1;
  for (let i = 0; i < scores.length; i++) size = scores[i] >= size ? scores[i] + 1 : size;
  return size;
}

/** segment[i] = table[(r fs + f) ms + m] of customer i. */
function lookUp(table: Int32Array, r: Uint8Array, f: Uint8Array, m: Uint8Array, fs: number, ms: number, segment: Int32Array): void {
  for (let i = 0; i < r.length; i++) segment[i] = table[(r[i] * fs + f[i]) * ms + m[i]];
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
  const rs = sizeOf(r);
  const fs = sizeOf(f);
  const ms = sizeOf(m);
  if (rs * fs * ms > LOOKUP_LIMIT) {
    for (let i = 0; i < r.length; i++) segment[i] = segmentOf(r[i], f[i], m[i]);
    return { names, segment };
  }
  const table = new Int32Array(rs * fs * ms);
  for (let ri = 0; ri < rs; ri++) for (let fi = 0; fi < fs; fi++) for (let mi = 0; mi < ms; mi++) table[(ri * fs + fi) * ms + mi] = segmentOf(ri, fi, mi);
  lookUp(table, r, f, m, fs, ms, segment);
  return { names, segment };
}

/** 100 R + 10 F + M. */
function combinedScores(r: Uint8Array, f: Uint8Array, m: Uint8Array): Int16Array {
  const score = new Int16Array(r.length);
  for (let i = 0; i < r.length; i++) score[i] = 100 * r[i] + 10 * f[i] + m[i];
  return score;
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
  const score = combinedScores(r, f, m);
  const { names, segment } = assignSegments(opts.rules ?? VIGNETTE_RULES, r, f, m);
  const bins = { r: rBins.bins, f: fBins.bins, m: mBins.bins };
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
    totals: { customers: base.index.length, orders: sumOf(base.frequency), revenue: sumOf(base.monetary) },
  });
}
