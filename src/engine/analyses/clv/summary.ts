/**
 * The per-customer summary the "buy till you die" models work on — x (repeat purchases), t_x (time of
 * the last purchase since the first), T (time from the first purchase to the calibration end) and the
 * mean repeat spend — computed from the orders table, or taken as-is from a feed's `summary` table.
 */
import { z } from '../../zod.js';
import type { Dataset, SummaryTable } from '../../dataset/types.js';
import { derived, ordersByCustomer } from '../../dataset/derived.js';
import { NO_DAY } from '../../dataset/types.js';
import { lastOrderDay } from '../../stats/as-of.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, unavailable, type Maybe } from '../availability.js';

/** Time unit of t_x and T: days, or weeks of 7 days (fractional). */
export type TimeUnit = 'day' | 'week';

/** Days per time unit. */
export const UNIT_DAYS: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** Repeat purchases after the calibration end, per customer. */
export interface HoldoutSummary {
  /** Last day of the holdout (inclusive). */
  readonly end: number;
  /** Holdout length in the summary's unit. */
  readonly length: number;
  /** Purchase days in the holdout, per customer (same order as the summary). */
  readonly x: Float64Array;
  /** Spend in the holdout, per customer. */
  readonly spend: Float64Array;
}

/**
 * Model inputs, one entry per customer, as in the feed's {@link SummaryTable} (parallel typed arrays):
 * x counts distinct purchase days after the first (same-day orders count once); `monetary` is the mean
 * of the repeat purchase days' totals (the first day excluded), NaN when x = 0 or unknown.
 */
export interface CustomerSummary extends Omit<SummaryTable, 'recency' | 'frequency'> {
  readonly unit: TimeUnit;
  /** Calibration end day, when computed from orders. */
  readonly calibrationEnd?: number;
  /** Present when a holdout end was given. */
  readonly holdout?: HoldoutSummary;
}

/** Distinct purchase days per customer, as compressed rows: customer c owns `day[offset[c]..offset[c+1])`. */
export interface PurchaseDays {
  readonly offset: Int32Array;
  /** Purchase days, ascending within each customer. */
  readonly day: Int32Array;
  /** Sum of the amounts of that customer's orders on that day. */
  readonly total: Float64Array;
}

/**
 * Groups orders up to `lastDay` (inclusive) into distinct purchase days per customer with day totals.
 * Walks the Dataset's shared by-customer grouping (date order within each customer), so it is linear.
 */
export function purchaseDays(dataset: Dataset, lastDay: number): PurchaseDays {
  const { offsets, day, amount } = ordersByCustomer(dataset);
  const offset = new Int32Array(offsets.length);
  const days = new Int32Array(day.length);
  const totals = new Float64Array(day.length);
  const out = distinctDays(offsets, day, amount, lastDay, offset, days, totals);
  return { offset, day: days.slice(0, out), total: totals.slice(0, out) };
}

/* The walks below are kernels (typed arrays and numbers only): see "Hot loops are kernels" in docs/architecture.md. */

/** Fills {@link PurchaseDays} parts from the grouped orders; returns the number of purchase days. */
function distinctDays(offsets: Int32Array, day: Int32Array, amount: Float64Array, lastDay: number, offset: Int32Array, days: Int32Array, totals: Float64Array): number {
  const customerCount = offsets.length - 1;
  let out = 0;
  for (let c = 0; c < customerCount; c++) {
    offset[c] = out;
    const end = offsets[c + 1];
    for (let k = offsets[c]; k < end; k++) {
      const d = day[k];
      if (d > lastDay) break;
      if (d === NO_DAY) continue;
      if (out > offset[c] && days[out - 1] === d) {
        totals[out - 1] += amount[k];
      } else {
        days[out] = d;
        totals[out] = amount[k];
        out++;
      }
    }
  }
  offset[customerCount] = out;
  return out;
}

const dayNumber = z.number().int();

/** Options of {@link summaryFromOrders}. */
export const SummaryOptions = z.object({
  /** Last day (inclusive, a day number) of the calibration period; default the last order day. */
  calibrationEnd: dayNumber.optional(),
  /** Last day (inclusive) of a holdout period after the calibration end. */
  holdoutEnd: dayNumber.optional(),
  unit: z.enum(['day', 'week']).default('week'),
});
export type SummaryOptions = z.input<typeof SummaryOptions>;

/**
 * The summary of every customer with a purchase on or before the calibration end. With a holdout end,
 * also each customer's purchase days and spend after the calibration end up to it. Invalid options
 * throw a RangeError; data that cannot be summarised come back unavailable. Computed once per Dataset
 * and options: the result is shared, treat it as read-only.
 */
export function summaryFromOrders(dataset: Dataset, options: SummaryOptions = {}): Maybe<CustomerSummary> {
  const orders = dataset.orders;
  if (!orders || orders.length === 0) {
    return unavailable(orders ? 'no-rows' : 'missing-table', 'needs orders (customer_id, date, amount)', [
      { table: 'orders', fields: ['customer_id', 'date', 'amount'] },
    ]);
  }
  const parsed = parseOptions('customer summary', SummaryOptions, options);
  const { unit, holdoutEnd } = parsed;
  const calibrationEnd = parsed.calibrationEnd ?? lastOrderDay(orders)!;
  if (holdoutEnd !== undefined && holdoutEnd <= calibrationEnd) {
    return unavailable('invalid-data', 'the holdout end must come after the calibration end');
  }
  return derived(dataset, `summary ${calibrationEnd} ${holdoutEnd} ${unit}`, () => summarise(dataset, calibrationEnd, holdoutEnd, unit));
}

function summarise(dataset: Dataset, calibrationEnd: number, holdoutEnd: number | undefined, unit: TimeUnit): Maybe<CustomerSummary> {
  const customerCount = dataset.customerCount;
  const { offsets, day, amount } = ordersByCustomer(dataset);
  const scale = 1 / UNIT_DAYS[unit];
  const customer = new Int32Array(customerCount);
  const x = new Float64Array(customerCount);
  const tx = new Float64Array(customerCount);
  const T = new Float64Array(customerCount);
  const monetary = new Float64Array(customerCount);
  const holdoutX = new Float64Array(customerCount);
  const holdoutSpend = new Float64Array(customerCount);
  const n = walkCustomers(offsets, day, amount, calibrationEnd, holdoutEnd ?? calibrationEnd, scale, customer, x, tx, T, monetary, holdoutX, holdoutSpend);
  if (n === 0) return unavailable('no-rows', 'no customer has a purchase on or before the calibration end');
  return available({
    unit,
    length: n,
    customer: customer.slice(0, n),
    x: x.slice(0, n),
    tx: tx.slice(0, n),
    T: T.slice(0, n),
    monetary: monetary.slice(0, n),
    calibrationEnd,
    holdout:
      holdoutEnd === undefined
        ? undefined
        : { end: holdoutEnd, length: (holdoutEnd - calibrationEnd) * scale, x: holdoutX.slice(0, n), spend: holdoutSpend.slice(0, n) },
  });
}

/**
 * The summary of each customer with a purchase by the calibration end, packed from entry 0; returns
 * how many. Walks the purchase days of {@link purchaseDays} in place: each day's total, then the days'.
 */
function walkCustomers(offsets: Int32Array, day: Int32Array, amount: Float64Array, calibrationEnd: number, lastDay: number, scale: number, customer: Int32Array, x: Float64Array, tx: Float64Array, T: Float64Array, monetary: Float64Array, holdoutX: Float64Array, holdoutSpend: Float64Array): number {
  const customerCount = offsets.length - 1;
  let n = 0;
  for (let c = 0; c < customerCount; c++) {
    const end = offsets[c + 1];
    let k = offsets[c];
    while (k < end && day[k] === NO_DAY) k++;
    if (k === end || day[k] > calibrationEnd) continue;
    const first = day[k];
    while (k < end && day[k] === first) k++;
    let last = first;
    let repeats = 0;
    let spend = 0;
    while (k < end && day[k] <= lastDay) {
      const d = day[k];
      let total = amount[k++];
      while (k < end && day[k] === d) total += amount[k++];
      if (d <= calibrationEnd) {
        repeats++;
        spend += total;
        last = d;
      } else {
        holdoutX[n]++;
        holdoutSpend[n] += total;
      }
    }
    customer[n] = c;
    x[n] = repeats;
    tx[n] = (last - first) * scale;
    T[n] = (calibrationEnd - first) * scale;
    monetary[n] = repeats > 0 ? spend / repeats : NaN;
    n++;
  }
  return n;
}

/** A feed's own `summary` table as model input (times taken to be in `unit`, weeks by default). */
export function summaryFromTable(dataset: Dataset, unit: TimeUnit = 'week'): Maybe<CustomerSummary> {
  const table = dataset.summary;
  if (!table || table.length === 0) {
    return unavailable(table ? 'no-rows' : 'missing-table', 'needs summary rows (customer_id, x, t_x, T)', [
      { table: 'summary', fields: ['customer_id', 'x', 't_x', 'T'] },
    ]);
  }
  const monetary = table.monetary ?? new Float64Array(table.length).fill(NaN);
  return available({
    unit,
    length: table.length,
    customer: table.customer,
    x: table.x,
    tx: table.tx,
    T: table.T,
    monetary: monetary.map((m, i) => (table.x[i] > 0 ? m : NaN)),
  });
}

/**
 * Model input from whichever the Dataset has: the orders table (summarised at the calibration end)
 * or, failing that, the feed's summary table.
 */
export function customerSummary(dataset: Dataset, options: SummaryOptions = {}): Maybe<CustomerSummary> {
  if (dataset.orders && dataset.orders.length > 0) return summaryFromOrders(dataset, options);
  if (dataset.summary) return summaryFromTable(dataset, options.unit ?? 'week');
  return unavailable('missing-table', 'needs orders (customer_id, date, amount) or summary rows (customer_id, x, t_x, T)', [
    { table: 'orders', fields: ['customer_id', 'date', 'amount'] },
    { table: 'summary', fields: ['customer_id', 'x', 't_x', 'T'] },
  ]);
}
