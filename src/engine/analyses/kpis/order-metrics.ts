/**
 * Per-period order metrics on a KPI spine: activity, acquisition, revenue, repeat buying, retention
 * against an inactivity window, and net revenue retention. One pass to bucket rows, then one walk per
 * customer over its sorted purchase days.
 */
import type { OrdersTable } from '../../dataset/types.js';
import { groupRows } from '../../stats/group.js';
import { positionOf, type Spine } from './spine.js';

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
export function orderMetrics(orders: OrdersTable, customerCount: number, spine: Spine, window: number): OrderMetrics {
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
  const position = new Int32Array(orders.length);
  for (let i = 0; i < orders.length; i++) {
    const p = positionOf(spine, orders.day[i]);
    position[i] = p;
    if (p < 0) continue;
    m.revenue[p] += orders.amount[i];
    if (m.margin && !Number.isNaN(orders.margin![i])) m.margin[p] += orders.margin![i];
    if (orders.amount[i] >= 0) m.orders[p]++;
  }

  const groups = groupRows(orders.customer, customerCount, (i) => position[i] >= 0);
  const days = new Int32Array(groups.rows.length);
  const customerRevenue = new Float64Array(P);
  const seen = new Int32Array(P).fill(-1);
  for (let c = 0; c < customerCount; c++) {
    const from = groups.offsets[c];
    const to = groups.offsets[c + 1];
    let n = 0;
    customerRevenue.fill(0);
    for (let g = from; g < to; g++) {
      const row = groups.rows[g];
      customerRevenue[position[row]] += orders.amount[row];
      if (orders.amount[row] < 0) continue;
      days[from + n++] = orders.day[row];
      if (seen[position[row]] !== c) {
        seen[position[row]] = c;
        m.active[position[row]]++;
      }
    }
    if (n === 0) continue;
    const sorted = days.subarray(from, from + n).sort();
    const firstDay = sorted[0];
    const start = positionOf(spine, firstDay);
    m.firstPosition[c] = start;
    m.newCustomers[start]++;
    m.everBought[start]++;
    let second = 1;
    while (second < n && sorted[second] === firstDay) second++;
    if (second < n) m.repeatBuyers[positionOf(spine, sorted[second])]++;

    // Walk snapshot days in increasing order: the day before each period starts, then its end.
    let j = 0;
    const activeOn = (t: number) => {
      while (j < n && sorted[j] <= t) j++;
      return j > 0 && sorted[j - 1] > t - window;
    };
    for (let p = start; p < P; p++) {
      const atStart = activeOn(spine.starts[p] - 1);
      const atEnd = activeOn(spine.ends[p]);
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
