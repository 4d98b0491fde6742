/**
 * First-purchase cohorts and their retention (METRICS.md section 3).
 *
 * A purchase is an order row with amount >= 0 dated on or before the analysis date; refunds (amount
 * < 0) neither start a cohort nor make a customer active, but they do count in cohort revenue.
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { checkRequirements, available, unavailable, type Maybe } from '../availability.js';
import { resolveAsOf } from '../../stats/as-of.js';
import { ordersByCustomer } from '../../dataset/derived.js';
import { parseOptions } from '../../stats/parse-options.js';
import { orderDayPeriods, periodAt, periodEndDay, periodLabel, periodOfDay, periodStartDay, type PeriodUnit } from '../../stats/periods.js';

/** Schema of {@link CohortOptions}. */
export const CohortOptionsSchema = z
  .object({
    /** Analysis day number; default the day after the last order. */
    asOf: z.number().int().optional(),
    /** Cohort and offset period: calendar month (default), Monday week or quarter. */
    period: z.enum(['month', 'week', 'quarter']).default('month'),
  })
  .strict();

/** Cohort options as given. */
export type CohortOptions = z.input<typeof CohortOptionsSchema>;

/** One first-purchase cohort; arrays are indexed by offset k = 0 (the cohort's own period), 1, ... */
export interface CohortRow {
  /** Period label: `1997-01`, `1997-Q1`, or a week's Monday `1997-01-06`. */
  readonly cohort: string;
  /** First day number of the cohort period. */
  readonly start: number;
  /** Customers whose first purchase fell in the period. */
  readonly size: number;
  /** Cohort customers with a purchase in period cohort + k. */
  readonly active: number[];
  /** "Return on": active[k] / size (1 at k = 0). */
  readonly retention: number[];
  /** "Return on or after": share with a purchase in any period >= cohort + k (non-increasing). */
  readonly retentionOnOrAfter: number[];
  /** Net revenue (refunds included) of cohort customers in period cohort + k. */
  readonly revenue: number[];
  /** Whether period cohort + k was not yet complete at the analysis date. */
  readonly partial: boolean[];
}

/** Result of {@link cohorts}. */
export interface CohortResult {
  readonly period: 'month' | 'week' | 'quarter';
  readonly asOf: number;
  readonly asOfDate: string;
  /** Cohorts with at least one customer, oldest first. */
  readonly cohorts: readonly CohortRow[];
}

const NOT_SEEN = 2147483647;

/*
 * Loops below are kernels (typed arrays and numbers only, the period table passed as its parts): see
 * "Hot loops are kernels" in docs/architecture.md.
 */

/**
 * Each customer's first and last purchase period by the analysis date (NOT_SEEN without one) into
 * `first` and `last`; returns the earliest first period. Rows come in date order within a customer.
 */
function purchasePeriods(offsets: Int32Array, day: Int32Array, amount: Float64Array, periods: Int32Array, lo: number, unit: PeriodUnit, asOf: number, first: Int32Array, last: Int32Array): number {
  let firstPeriod = NOT_SEEN;
  for (let c = 0; c < first.length; c++) {
    let end = offsets[c + 1];
    let k = offsets[c];
    while (k < end && day[k] <= asOf && amount[k] < 0) k++;
    if (k === end || day[k] > asOf) continue;
    const f = periodAt(periods, lo, unit, day[k]);
    first[c] = f;
    while (day[end - 1] > asOf || amount[end - 1] < 0) end--;
    last[c] = periodAt(periods, lo, unit, day[end - 1]);
    if (f < firstPeriod) firstPeriod = f;
  }
  return firstPeriod;
}

/**
 * Cohort sizes, active customers, last-purchase offsets and net revenue, the cells in flat
 * cohortCount x cohortCount arrays (cell cohort * cohortCount + offset). Periods never decrease along
 * a customer's rows, so each (customer, period) counts once. A refund counts in revenue from the
 * customer's first purchase period on (one dated before it belongs to no cell).
 */
function countCells(offsets: Int32Array, day: Int32Array, amount: Float64Array, periods: Int32Array, lo: number, unit: PeriodUnit, asOf: number, first: Int32Array, last: Int32Array, firstPeriod: number, size: Float64Array, active: Float64Array, lastOffsets: Float64Array, revenue: Float64Array): void {
  const cohortCount = size.length;
  for (let c = 0; c < first.length; c++) {
    const f = first[c];
    if (f === NOT_SEEN) continue;
    const row = (f - firstPeriod) * cohortCount;
    size[f - firstPeriod]++;
    lastOffsets[row + last[c] - f]++;
    const end = offsets[c + 1];
    let seen = -1;
    for (let k = offsets[c]; k < end && day[k] <= asOf; k++) {
      const at = periodAt(periods, lo, unit, day[k]) - f;
      const value = amount[k];
      if (at >= 0) revenue[row + at] += value;
      if (value < 0) continue;
      // Counted without a branch: whether a row opens a new period is a coin toss the CPU mispredicts.
      active[row + at] += +(at !== seen);
      seen = at;
    }
  }
}

/**
 * First-purchase cohorts with "return on" and "return on or after" retention and revenue per offset.
 * Unavailable without orders or without purchases by the analysis date.
 */
export function cohorts(dataset: Dataset, options: CohortOptions = {}): Maybe<CohortResult> {
  const opts = parseOptions('cohorts', CohortOptionsSchema, options);
  const needs = [{ table: 'orders' as const, fields: ['customer_id', 'date', 'amount'] }];
  const missing = checkRequirements(dataset, needs);
  if (missing) return missing;
  const orders = dataset.orders!;
  const unit = opts.period;
  const asOf = resolveAsOf(orders, opts.asOf);

  const { periods, lo } = orderDayPeriods(dataset, unit, asOf);
  const { offsets, day, amount } = ordersByCustomer(dataset);
  const customerCount = dataset.customerCount;
  const first = new Int32Array(customerCount).fill(NOT_SEEN);
  const last = new Int32Array(customerCount);
  const firstPeriod = purchasePeriods(offsets, day, amount, periods, lo, unit, asOf, first, last);
  if (firstPeriod === NOT_SEEN) return unavailable('no-rows', `no purchases on or before ${isoDate(asOf)}`, needs);
  const lastPeriod = periodOfDay(unit, asOf);
  const cohortCount = lastPeriod - firstPeriod + 1;
  const offsetsOf = (cohort: number) => cohortCount - cohort;
  const size = new Float64Array(cohortCount);
  const active = new Float64Array(cohortCount * cohortCount);
  const lastOffsets = new Float64Array(cohortCount * cohortCount);
  const revenue = new Float64Array(cohortCount * cohortCount);
  countCells(offsets, day, amount, periods, lo, unit, asOf, first, last, firstPeriod, size, active, lastOffsets, revenue);

  const rows: CohortRow[] = [];
  for (let k = 0; k < cohortCount; k++) {
    if (size[k] === 0) continue;
    const n = offsetsOf(k);
    const onOrAfter = new Array<number>(n);
    let atOrBeyond = 0;
    const cells = k * cohortCount;
    for (let o = n - 1; o >= 0; o--) {
      atOrBeyond += lastOffsets[cells + o];
      onOrAfter[o] = atOrBeyond / size[k];
    }
    const period = firstPeriod + k;
    rows.push({
      cohort: periodLabel(unit, period),
      start: periodStartDay(unit, period),
      size: size[k],
      active: Array.from(active.subarray(cells, cells + n)),
      retention: Array.from(active.subarray(cells, cells + n), (a) => a / size[k]),
      retentionOnOrAfter: onOrAfter,
      revenue: Array.from(revenue.subarray(cells, cells + n)),
      partial: Array.from({ length: n }, (_, o) => periodEndDay(unit, period + o) > asOf),
    });
  }
  return available({ period: unit, asOf, asOfDate: isoDate(asOf), cohorts: rows });
}
