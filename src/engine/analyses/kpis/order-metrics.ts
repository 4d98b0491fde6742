/**
 * Per-period order metrics on a KPI spine: activity, acquisition, revenue, repeat buying, retention
 * against an inactivity window, and net revenue retention. One pass to bucket rows, then one walk per
 * customer over its purchase days (the Dataset's shared by-customer grouping, in date order).
 */
import type { Dataset } from '../../dataset/types.js';
import { ordersByCustomer } from '../../dataset/derived.js';
import { orderDayPeriods, type PeriodUnit } from '../../stats/periods.js';
import { positionAt, type Spine } from './spine.js';
import { NO_FLOATS } from '../../stats/absent.js';

/** Per-period sums; entry p belongs to spine position p. */
export interface OrderMetrics {
  readonly active: Float64Array;
  readonly newCustomers: Float64Array;
  readonly revenue: Float64Array;
  /** Purchase rows. */
  readonly orders: Float64Array;
  /** Margin sum; absent when the orders have no margin column. */
  readonly margin?: Float64Array;
  /** Customers with a purchase by the period's end, and those with purchases on two or more days. */
  readonly everBought: Float64Array;
  readonly repeatBuyers: Float64Array;
  /** Active at the start (S), at the end (E), and both (retained). */
  readonly activeAtStart: Float64Array;
  readonly activeAtEnd: Float64Array;
  readonly retained: Float64Array;
  /** Revenue this period / previous period of the customers active at the start. */
  readonly nrrCurrent: Float64Array;
  readonly nrrPrevious: Float64Array;
  /** Spine position of each customer's first purchase (-1 for none). */
  readonly firstPosition: Int32Array;
}

const cumulate = (a: Float64Array) => {
  for (let p = 1; p < a.length; p++) a[p] += a[p - 1];
  return a;
};

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/**
 * Revenue (all rows), purchase rows (amount >= 0) and margin (when `margin` is not empty, NaN left
 * out) per spine position, in row order.
 */
function bucketRows(
  day: Int32Array,
  amount: Float64Array,
  margin: Float64Array,
  periods: Int32Array,
  lo: number,
  unit: PeriodUnit,
  first: number,
  asOf: number,
  revenue: Float64Array,
  count: Float64Array,
  marginSums: Float64Array,
): void {
  const length = revenue.length;
  const withMargin = margin.length > 0;
  for (let i = 0; i < day.length; i++) {
    const p = positionAt(periods, lo, unit, first, length, asOf, day[i]);
    if (p < 0) continue;
    revenue[p] += amount[i];
    count[p] += +(amount[i] >= 0);
    if (withMargin && !Number.isNaN(margin[i])) marginSums[p] += margin[i];
  }
}

/** Most rows of one customer in a by-customer grouping. */
function largestGroup(offsets: Int32Array): number {
  let most = 0;
  for (let c = 0; c < offsets.length - 1; c++) most = Math.max(most, offsets[c + 1] - offsets[c]);
  return most;
}

/**
 * The per-customer metrics: activity per period, acquisition, repeat buying, and the retention and
 * NRR snapshots, over customers grouped in date order (`offsets`, `day`, `amount`), so each customer's
 * purchase days are sorted and its periods never decrease. `starts` and `ends` are the spine's.
 * No allocation or method call inside (measured: its optimised code deopted on them, for want of
 * type feedback): scratch comes from the caller. `sorted` and `at` hold one customer's purchase days
 * and spine positions (as many as the largest customer's rows), `customerRevenue` its revenue per
 * spine position.
 */
function walkCustomers(
  offsets: Int32Array,
  day: Int32Array,
  amount: Float64Array,
  periods: Int32Array,
  lo: number,
  unit: PeriodUnit,
  first: number,
  asOf: number,
  starts: Int32Array,
  ends: Int32Array,
  window: number,
  active: Float64Array,
  newCustomers: Float64Array,
  everBought: Float64Array,
  repeatBuyers: Float64Array,
  activeAtStart: Float64Array,
  activeAtEnd: Float64Array,
  retained: Float64Array,
  nrrCurrent: Float64Array,
  nrrPrevious: Float64Array,
  firstPosition: Int32Array,
  sorted: Int32Array,
  at: Int32Array,
  customerRevenue: Float64Array,
): void {
  const P = starts.length;
  // Positions from..to of customerRevenue the previous customer wrote (its periods are ascending).
  let dirtyFrom = 0;
  let dirtyTo = -1;
  for (let c = 0; c < offsets.length - 1; c++) {
    const from = offsets[c];
    const to = offsets[c + 1];
    let n = 0;
    let lastActive = -1;
    for (let p = dirtyFrom; p <= dirtyTo; p++) customerRevenue[p] = 0;
    dirtyTo = -1;
    for (let g = from; g < to; g++) {
      const p = positionAt(periods, lo, unit, first, P, asOf, day[g]);
      if (p < 0) continue;
      if (dirtyTo < 0) dirtyFrom = p;
      dirtyTo = p;
      customerRevenue[p] += amount[g];
      if (amount[g] < 0) continue;
      sorted[n] = day[g];
      at[n++] = p;
      // Counted without a branch: whether a row opens a new period is a coin toss the CPU mispredicts.
      active[p] += +(p !== lastActive);
      lastActive = p;
    }
    if (n === 0) continue;
    const firstDay = sorted[0];
    const start = at[0];
    firstPosition[c] = start;
    newCustomers[start]++;
    everBought[start]++;
    let second = 1;
    while (second < n && sorted[second] === firstDay) second++;
    if (second < n) repeatBuyers[at[second]]++;

    // Walk snapshot days in increasing order: the day before each period starts, then its end.
    // j counts the purchase days on or before the snapshot; active when the latest is within the window.
    let j = 0;
    for (let p = start; p < P; p++) {
      const before = starts[p] - 1;
      while (j < n && sorted[j] <= before) j++;
      const atStart = j > 0 && sorted[j - 1] > before - window;
      const end = ends[p];
      while (j < n && sorted[j] <= end) j++;
      const atEnd = j > 0 && sorted[j - 1] > end - window;
      if (atEnd) activeAtEnd[p]++;
      if (atStart) {
        activeAtStart[p]++;
        if (atEnd) retained[p]++;
        nrrCurrent[p] += customerRevenue[p];
        if (p > 0) nrrPrevious[p] += customerRevenue[p - 1];
      }
      if (atEnd) continue;
      // Inactive with no purchase until sorted[j]: inactive at every start and end before its period
      // too, so the walk goes on there (and ends here after the last purchase).
      if (j === n) break;
      p = at[j] - 1;
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Order metrics per period. A purchase is a row with amount >= 0; refunds count in revenue only. A
 * customer is active on day t when it has a purchase in (t - window, t].
 */
export function orderMetrics(dataset: Dataset, spine: Spine, window: number): OrderMetrics {
  const orders = dataset.orders!;
  const customerCount = dataset.customerCount;
  const P = spine.length;
  const m: Mutable<OrderMetrics> = {
    active: new Float64Array(P),
    newCustomers: new Float64Array(P),
    revenue: new Float64Array(P),
    orders: new Float64Array(P),
    margin: orders.margin ? new Float64Array(P) : undefined,
    everBought: new Float64Array(P),
    repeatBuyers: new Float64Array(P),
    activeAtStart: new Float64Array(P),
    activeAtEnd: new Float64Array(P),
    retained: new Float64Array(P),
    nrrCurrent: new Float64Array(P),
    nrrPrevious: new Float64Array(P),
    firstPosition: new Int32Array(customerCount).fill(-1),
  };
  const { periods, lo } = orderDayPeriods(dataset, spine.unit, spine.asOf);
  const { unit, first, asOf, starts, ends } = spine;
  bucketRows(orders.day, orders.amount, orders.margin ?? NO_FLOATS, periods, lo, unit, first, asOf, m.revenue, m.orders, m.margin ?? NO_FLOATS);
  const grouped = ordersByCustomer(dataset);
  const most = largestGroup(grouped.offsets);
  walkCustomers(
    grouped.offsets,
    grouped.day,
    grouped.amount,
    periods,
    lo,
    unit,
    first,
    asOf,
    starts,
    ends,
    window,
    m.active,
    m.newCustomers,
    m.everBought,
    m.repeatBuyers,
    m.activeAtStart,
    m.activeAtEnd,
    m.retained,
    m.nrrCurrent,
    m.nrrPrevious,
    m.firstPosition,
    new Int32Array(most),
    new Int32Array(most),
    new Float64Array(P),
  );
  cumulate(m.everBought);
  cumulate(m.repeatBuyers);
  return m;
}
