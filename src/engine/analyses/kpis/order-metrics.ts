/**
 * Per-period order metrics on a KPI spine: activity, acquisition, revenue, repeat buying, retention
 * against an inactivity window, and net revenue retention. One pass to bucket rows, then one walk per
 * customer over its purchase days (the Dataset's shared by-customer grouping, in date order).
 */
import type { Dataset } from '../../dataset/types.js';
import { ordersByCustomer } from '../../dataset/derived.js';
import { dayPeriods, periodIn } from '../../stats/periods.js';
import type { Spine } from './spine.js';

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

/**
 * Order metrics per period. A purchase is a row with amount >= 0; refunds count in revenue only. A
 * customer is active on day t when it has a purchase in (t - window, t].
 */
export function orderMetrics(dataset: Dataset, spine: Spine, window: number): OrderMetrics {
  const orders = dataset.orders!;
  const customerCount = dataset.customerIds.length;
  const P = spine.length;
  const m = {
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
  const periods = dayPeriods(spine.unit, orders.day, spine.asOf);
  const position = (day: number): number => {
    if (day > spine.asOf) return -1;
    const p = periodIn(periods, day) - spine.first;
    return p >= 0 && p < P ? p : -1;
  };
  for (let i = 0; i < orders.length; i++) {
    const p = position(orders.day[i]);
    if (p < 0) continue;
    m.revenue[p] += orders.amount[i];
    if (m.margin && !Number.isNaN(orders.margin![i])) m.margin[p] += orders.margin![i];
    if (orders.amount[i] >= 0) m.orders[p]++;
  }

  // Each customer's rows come in date order, so its purchase days are sorted and its periods never decrease.
  const grouped = ordersByCustomer(dataset);
  const sorted = new Int32Array(grouped.day.length);
  const customerRevenue = new Float64Array(P);
  for (let c = 0; c < customerCount; c++) {
    const from = grouped.offsets[c];
    const to = grouped.offsets[c + 1];
    let n = 0;
    let lastActive = -1;
    customerRevenue.fill(0);
    for (let g = from; g < to; g++) {
      const p = position(grouped.day[g]);
      if (p < 0) continue;
      customerRevenue[p] += grouped.amount[g];
      if (grouped.amount[g] < 0) continue;
      sorted[from + n++] = grouped.day[g];
      if (p !== lastActive) {
        lastActive = p;
        m.active[p]++;
      }
    }
    if (n === 0) continue;
    const firstDay = sorted[from];
    const start = position(firstDay);
    m.firstPosition[c] = start;
    m.newCustomers[start]++;
    m.everBought[start]++;
    let second = 1;
    while (second < n && sorted[from + second] === firstDay) second++;
    if (second < n) m.repeatBuyers[position(sorted[from + second])]++;

    // Walk snapshot days in increasing order: the day before each period starts, then its end.
    // j counts the purchase days on or before the snapshot; active when the latest is within the window.
    let j = 0;
    for (let p = start; p < P; p++) {
      const before = spine.starts[p] - 1;
      while (j < n && sorted[from + j] <= before) j++;
      const atStart = j > 0 && sorted[from + j - 1] > before - window;
      const end = spine.ends[p];
      while (j < n && sorted[from + j] <= end) j++;
      const atEnd = j > 0 && sorted[from + j - 1] > end - window;
      if (atEnd) m.activeAtEnd[p]++;
      if (!atStart) continue;
      m.activeAtStart[p]++;
      if (atEnd) m.retained[p]++;
      m.nrrCurrent[p] += customerRevenue[p];
      if (p > 0) m.nrrPrevious[p] += customerRevenue[p - 1];
    }
  }
  cumulate(m.everBought);
  cumulate(m.repeatBuyers);
  return m;
}
