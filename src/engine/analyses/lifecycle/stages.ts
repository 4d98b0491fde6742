/**
 * Lifecycle stages (METRICS.md section 6): every customer's stage at each period end, and the
 * stage-to-stage flows between consecutive snapshots.
 *
 * Stage of a customer at a snapshot day E (first purchase F <= E), first rule that applies:
 * 1. `churned`: no activity for the churn window: E - last activity day >= `churnDays`;
 * 2. `declining`: activity days in (E - w, E] <= (1 - `declineShare`) x those in (E - 2w, E - w], with
 *    some activity in the earlier window (w = `declineWindowDays`); or, at the last snapshot only,
 *    P(alive) below `pAliveThreshold` (a fitted model speaks for its own fitting date). P(alive) comes
 *    by default from a BG/NBD fit on the orders up to the as-of date (see `p-alive.ts`);
 * 3. by tenure in completed calendar months since F: `new` < `newMonths`, `growth` < `matureMonths`,
 *    else `mature` (so exactly 3 months after the first purchase is growth, exactly 12 is mature).
 * Activity = distinct days with an order, plus (default) any event.
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';
import { ordersByCustomer } from '../../dataset/derived.js';
import { dayOfMonthIndex, isoDate } from '../../dataset/days.js';
import { parseOptions } from '../../stats/parse-options.js';
import { periodEndDay, periodLabel, periodOfDay } from '../../stats/periods.js';
import { available, checkRequirements, unavailable, type Maybe } from '../availability.js';
import { activityDays, lastActivityDay, upperBound, type CustomerDays } from './activity.js';
import { resolvePAlive, type PAliveSource, type PAliveStatus } from './p-alive.js';

import { ACQUIRED, NOT_A_CUSTOMER, STAGES, type Stage } from './stage-names.js';
import { NO_FLOATS } from '../../stats/absent.js';

export { ACQUIRED, NOT_A_CUSTOMER, STAGES, type Stage };

/** Schema of {@link StageOptions}: the stage thresholds (METRICS.md defaults). */
export const StageOptionsSchema = z
  .object({
    /** Snapshot day number; default the last order or event day. Later rows are ignored. */
    asOf: z.number().int().optional(),
    /** Completed months since the first purchase below which a customer is `new`. */
    newMonths: z.number().int().min(0).default(3),
    /** Completed months from which a customer is `mature` (between the two: `growth`). */
    matureMonths: z.number().int().min(1).default(12),
    /** Length of the two activity windows compared for `declining`, in days. */
    declineWindowDays: z.number().int().min(1).default(90),
    /** Drop (0..1) of activity against the window before that marks `declining` (0.5 = down by half or more). */
    declineShare: z.number().gt(0).max(1).default(0.5),
    /** Days without activity after which a customer is `churned`. */
    churnDays: z.number().int().min(1).default(90),
    /** What counts as activity: orders only, or orders and every event (default when events exist). */
    activity: z.enum(['orders', 'orders+events']).default('orders+events'),
    /** P(alive) below which a customer is `declining` at the last snapshot (with `pAlive`). */
    pAliveThreshold: z.number().min(0).max(1).default(0.5),
  })
  .strict();

/** Stage thresholds (all optional). */
export type StageOptions = z.input<typeof StageOptionsSchema>;
/** Stage thresholds with defaults applied. */
export type ResolvedStageOptions = z.output<typeof StageOptionsSchema>;

/** Inputs a stage needs, prepared once per Dataset and options. */
export interface StageContext {
  readonly options: ResolvedStageOptions;
  readonly asOf: number;
  /** Distinct activity days per customer (on or before asOf). */
  readonly activity: CustomerDays;
  /** First order day per customer; NO_DAY when none on or before asOf. */
  readonly firstPurchase: Int32Array;
  /** {@link monthStamp} of each first purchase (0 when none), for tenure without calendar objects. */
  readonly firstStamp: Int32Array;
  /** The earliest first purchase; NO_DAY when no customer has one. */
  readonly firstDay: number;
  /** The stage thresholds of {@link options} as the kernels read them. */
  readonly thresholds: Float64Array;
}

/** Prepares the activity index and first-purchase days; null when there are no orders. */
export function stageContext(dataset: Dataset, options: ResolvedStageOptions): StageContext | null {
  const orders = dataset.orders;
  if (!orders || orders.length === 0) return null;
  const asOf = options.asOf ?? lastActivityDay(dataset);
  const n = dataset.customerCount;
  const byCustomer = ordersByCustomer(dataset);
  const firstPurchase = new Int32Array(n).fill(NO_DAY);
  const firstStamp = new Int32Array(n);
  const firstDay = firstPurchases(byCustomer.offsets, byCustomer.day, asOf, firstPurchase);
  monthStamps(firstPurchase, firstDay, asOf, firstStamp);
  const activity = activityDays(dataset, asOf, options.activity === 'orders+events');
  return { options, asOf, activity, firstPurchase, firstStamp, firstDay, thresholds: thresholdsOf(options) };
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/**
 * Month index (months since 1970-01) x 32 + day of the month of a day number: one integer per
 * first purchase and per snapshot, so tenure in the loop over customers needs no calendar objects.
 */
function monthStamp(dayNumber: number): number {
  const month = periodOfDay('month', dayNumber);
  return month * 32 + dayNumber - dayOfMonthIndex(month) + 1;
}

/**
 * Each customer's first order day on or before `asOf`, from orders grouped by customer in date order
 * (customers without one are left as they are); returns the earliest (NO_DAY when none).
 */
function firstPurchases(offsets: Int32Array, day: Int32Array, asOf: number, firstPurchase: Int32Array): number {
  let earliest = NO_DAY;
  for (let c = 0; c < offsets.length - 1; c++) {
    // Date order within a customer: the first day that is a real day is the first purchase.
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const d = day[k];
      if (d === NO_DAY) continue;
      if (d <= asOf) {
        firstPurchase[c] = d;
        if (earliest === NO_DAY || d < earliest) earliest = d;
      }
      break;
    }
  }
  return earliest;
}

/**
 * {@link monthStamp} of every day (NO_DAY left as it is) of `days`, all within lo..hi, into `out`:
 * through a table of the days lo..hi when that is shorter than `days` (100k first purchases fall on
 * a few hundred days), else one by one.
 */
function monthStamps(days: Int32Array, lo: number, hi: number, out: Int32Array): void {
  const span = hi - lo + 1;
  if (!(span <= days.length)) {
    for (let c = 0; c < days.length; c++) if (days[c] !== NO_DAY) out[c] = monthStamp(days[c]);
    return;
  }
  const table = calendarOf(lo, hi).stamps;
  for (let c = 0; c < days.length; c++) if (days[c] !== NO_DAY) out[c] = table[days[c] - lo];
}

/** Completed months between two {@link monthStamp}s; `toIsMonthEnd` lets a shorter month's last day complete the month. */
function monthsBetween(fromStamp: number, toStamp: number, toIsMonthEnd: boolean): number {
  const months = (toStamp >> 5) - (fromStamp >> 5);
  return (toStamp & 31) < (fromStamp & 31) && !toIsMonthEnd ? months - 1 : months;
}

/** Whether a day is the last of its month. */
function isMonthEnd(dayNumber: number): boolean {
  return (monthStamp(dayNumber + 1) & 31) === 1;
}

/** Completed calendar months from day `from` to day `to` (a month ending on a shorter month's last day counts). */
export function completedMonths(from: number, to: number): number {
  return monthsBetween(monthStamp(from), monthStamp(to), isMonthEnd(to));
}

/** Stage code of `churned`. */
const CHURNED = STAGES.indexOf('churned');
/** Number of stages (a module constant the kernels read). */
const STAGES_COUNT = STAGES.length;

/** Positions of the thresholds in the array {@link thresholdsOf} makes. */
const CHURN_DAYS = 0;
const DECLINE_SHARE = 1;
const P_ALIVE_THRESHOLD = 2;
const NEW_MONTHS = 3;
const MATURE_MONTHS = 4;

/** The stage thresholds {@link classify} reads, as numbers in a typed array. */
function thresholdsOf(o: ResolvedStageOptions): Float64Array {
  return Float64Array.of(o.churnDays, o.declineShare, o.pAliveThreshold, o.newMonths, o.matureMonths);
}

/**
 * Stage code of a customer from its activity at a snapshot: last activity day, activity days in the
 * recent and the earlier window, P(alive) (NaN = unknown) and completed months of tenure.
 */
function classify(thresholds: Float64Array, day: number, last: number, recent: number, before: number, pAlive: number, months: number): number {
  if (day - last >= thresholds[CHURN_DAYS]) return CHURNED;
  if (before > 0 && recent <= (1 - thresholds[DECLINE_SHARE]) * before) return 3;
  if (pAlive < thresholds[P_ALIVE_THRESHOLD]) return 3;
  return months < thresholds[NEW_MONTHS] ? 0 : months < thresholds[MATURE_MONTHS] ? 1 : 2;
}

/**
 * Stage code (index into {@link STAGES}) of customer c on day `day`, or {@link NOT_A_CUSTOMER}.
 * `pAlive` (per Dataset customer, NaN = unknown) applies when given.
 */
export function stageOn(ctx: StageContext, c: number, day: number, pAlive?: Float64Array): number {
  const { offsets, days } = ctx.activity;
  const { stamps, monthEnds } = NO_CALENDAR;
  return stageAt(ctx.firstPurchase, ctx.firstStamp, offsets, days, ctx.options.declineWindowDays, ctx.thresholds, stamps, monthEnds, 0, c, day, pAlive ? pAlive[c] : NaN);
}

/** {@link monthStamp} and whether it is a month's last day, of each day from `lo` (see {@link calendarOf}). */
export interface DayCalendar {
  readonly stamps: Int32Array;
  readonly monthEnds: Uint8Array;
}

/** No days tabulated: {@link stageAt} converts every day. */
export const NO_CALENDAR: DayCalendar = { stamps: new Int32Array(0), monthEnds: new Uint8Array(0) };

/**
 * The {@link DayCalendar} of the days lo..hi (empty when hi < lo), so a kernel placing many rows in
 * stages reads a table instead of converting each row's day (rows fall on a few hundred days).
 */
export function calendarOf(lo: number, hi: number): DayCalendar {
  const span = Math.max(0, hi - lo + 1);
  const stamps = new Int32Array(span);
  const monthEnds = new Uint8Array(span);
  fillCalendar(lo, stamps, monthEnds);
  return { stamps, monthEnds };
}

function fillCalendar(lo: number, stamps: Int32Array, monthEnds: Uint8Array): void {
  for (let k = 0; k < stamps.length; k++) {
    stamps[k] = monthStamp(lo + k);
    monthEnds[k] = isMonthEnd(lo + k) ? 1 : 0;
  }
}

/**
 * {@link stageOn} from the stage context's arrays (first purchases and their month stamps, activity
 * offsets and days), the decline window `w`, the context's thresholds and a {@link calendarOf} days
 * from `lo` (days outside it are converted), for kernels: P(alive) is a number (NaN = unknown).
 */
export function stageAt(
  firstPurchase: Int32Array,
  firstStamp: Int32Array,
  offsets: Int32Array,
  days: Int32Array,
  w: number,
  thresholds: Float64Array,
  stamps: Int32Array,
  monthEnds: Uint8Array,
  lo: number,
  c: number,
  day: number,
  pAlive: number,
): number {
  const first = firstPurchase[c];
  if (first === NO_DAY || first > day) return NOT_A_CUSTOMER;
  const from = offsets[c];
  const to = offsets[c + 1];
  const upToDay = upperBound(days, from, to, day);
  const upToRecent = upperBound(days, from, to, day - w);
  const last = upToDay > from ? days[upToDay - 1] : NO_DAY;
  const k = day - lo;
  const tabulated = k >= 0 && k < stamps.length;
  const stamp = tabulated ? stamps[k] : monthStamp(day);
  const monthEnd = tabulated ? monthEnds[k] === 1 : isMonthEnd(day);
  const months = monthsBetween(firstStamp[c], stamp, monthEnd);
  return classify(thresholds, day, last, upToDay - upToRecent, upToRecent - upperBound(days, from, to, day - 2 * w), pAlive, months);
}

/** Customers per stage at one snapshot. */
export interface StageSnapshot {
  /** Period label (`2024-03`). */
  readonly period: string;
  /** Snapshot date (the period's last day, or the as-of date for the last, partial period). */
  readonly date: string;
  /** Whether the period was still running at the as-of date. */
  readonly partial: boolean;
  readonly counts: Readonly<Record<Stage, number>>;
  /** Customers at the snapshot (sum of counts). */
  readonly customers: number;
}

/** Customers moving from one stage (or {@link ACQUIRED}) at the previous snapshot to a stage at `period`. */
export interface StageFlow {
  readonly period: string;
  readonly from: Stage | typeof ACQUIRED;
  readonly to: Stage;
  readonly customers: number;
}

/** Result of {@link lifecycleStages}. */
export interface LifecycleStagesResult {
  readonly asOf: number;
  readonly asOfDate: string;
  readonly unit: 'week' | 'month' | 'quarter';
  readonly stages: readonly Stage[];
  readonly snapshots: readonly StageSnapshot[];
  /**
   * Flows into every snapshot after the first. Each customer of snapshot t contributes one flow: from
   * its stage at t - 1 (or `acquired`) to its stage at t, so flows into a snapshot sum to its counts
   * and flows out of a snapshot sum to its counts (customers never vanish: churned customers stay
   * churned, or come back).
   */
  readonly flows: readonly StageFlow[];
  /** Stage code per Dataset customer at the last snapshot (index into `stages`; -1 = not a customer). */
  readonly current: Int8Array;
  readonly options: ResolvedStageOptions;
  /** Where the P(alive) of the last snapshot came from, or why there was none. */
  readonly pAlive: PAliveStatus;
}

/** Schema of {@link LifecycleStagesOptions}. */
export const LifecycleStagesOptionsSchema = StageOptionsSchema.extend({
    /** Snapshot period. */
    unit: z.enum(['week', 'month', 'quarter']).default('month'),
    /** Keep only the last N snapshots (default all, from the period of the first purchase). */
    periods: z.number().int().min(1).optional(),
  });

/** Options of {@link lifecycleStages}. */
export type LifecycleStagesOptions = z.input<typeof LifecycleStagesOptionsSchema> & {
  /**
   * P(alive) at the last snapshot: `model` (default) fits BG/NBD to the orders up to the as-of date,
   * a Float64Array gives one value per Dataset customer (NaN = unknown), `none` leaves it out.
   */
  readonly pAlive?: PAliveSource;
};

/**
 * Every customer's stage at each snapshot (day, month stamp, month end of `snapDay`, `snapStamp`,
 * `snapMonthEnd`) into `counts[t][stage]` and `flows[t][from + 1][to]` (from -1: acquired at a first
 * snapshot), and its stage at the last snapshot into `current`. `pAlive` (per Dataset customer, or
 * empty) applies at the last snapshot.
 */
function walkSnapshots(
  firstPurchase: Int32Array,
  firstStamp: Int32Array,
  offsets: Int32Array,
  days: Int32Array,
  snapDay: Int32Array,
  snapStamp: Int32Array,
  snapMonthEnd: Uint8Array,
  w: number,
  thresholds: Float64Array,
  pAlive: Float64Array,
  counts: Int32Array,
  flowCounts: Int32Array,
  current: Int8Array,
): void {
  const T = snapDay.length;
  const S = STAGES_COUNT;
  const withPAlive = pAlive.length > 0;
  const churnedFrom = new Int32Array(T + 1);
  // Customer by customer, snapshot by snapshot: three cursors into the customer's activity days (past
  // the last day <= day, <= day - w, <= day - 2w) only move forward as snapshot days grow, and stay
  // in registers.
  for (let c = 0; c < firstPurchase.length; c++) {
    const first = firstPurchase[c];
    if (first === NO_DAY) continue;
    let t = 0;
    while (snapDay[t] < first) t++;
    const start = offsets[c];
    const end = offsets[c + 1];
    const stamp = firstStamp[c];
    let p = start;
    let q = start;
    let r = start;
    let previous = NOT_A_CUSTOMER;
    for (; t < T; t++) {
      const day = snapDay[t];
      while (p < end && days[p] <= day) p++;
      while (q < end && days[q] <= day - w) q++;
      while (r < end && days[r] <= day - 2 * w) r++;
      const last = p > start ? days[p - 1] : NO_DAY;
      const months = monthsBetween(stamp, snapStamp[t], snapMonthEnd[t] === 1);
      const s = classify(thresholds, day, last, p - q, q - r, t === T - 1 && withPAlive ? pAlive[c] : NaN, months);
      counts[t * S + s]++;
      flowCounts[(t * (S + 1) + previous + 1) * S + s]++;
      previous = s;
      if (s === CHURNED && p === end) {
        // No activity ahead: churned at every later snapshot too, counted once below.
        churnedFrom[t + 1]++;
        break;
      }
    }
    current[c] = previous;
  }
  // churnedFrom[t] = customers churned for good since the snapshot before t: a running sum adds them
  // to every later snapshot's churned count and churned -> churned flow.
  let stayChurned = 0;
  for (let t = 1; t < T; t++) {
    stayChurned += churnedFrom[t];
    counts[t * S + CHURNED] += stayChurned;
    flowCounts[(t * (S + 1) + CHURNED + 1) * S + CHURNED] += stayChurned;
  }
}

/**
 * Stage snapshots at every period end and the flows between them. Needs orders (customer_id, date).
 * When P(alive) is unavailable (a model that cannot be fitted) the stages stand on activity alone and
 * the result's `pAlive` says why.
 */
export function lifecycleStages(dataset: Dataset, options: LifecycleStagesOptions = {}): Maybe<LifecycleStagesResult> {
  const missing = checkRequirements(dataset, [{ table: 'orders', fields: ['customer_id', 'date'] }]);
  if (missing) return missing;
  const { pAlive, ...rest } = options;
  const { unit, periods, ...stageOptions } = parseOptions('lifecycle', LifecycleStagesOptionsSchema, rest);
  const ctx = stageContext(dataset, stageOptions)!;
  const firstAll = ctx.firstDay;
  if (firstAll === NO_DAY) return unavailable('no-rows', 'no orders on or before the as-of date', [{ table: 'orders', fields: ['customer_id', 'date'] }]);
  const model = resolvePAlive('lifecycle', dataset, pAlive, ctx.asOf);

  const lastPeriod = periodOfDay(unit, ctx.asOf);
  const firstPeriod = Math.max(periodOfDay(unit, firstAll), periods ? lastPeriod - periods + 1 : -Infinity);
  const n = dataset.customerCount;
  const T = lastPeriod - firstPeriod + 1;
  const S = STAGES.length;
  const snapDay = new Int32Array(T);
  const snapStamp = new Int32Array(T);
  const snapMonthEnd = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    snapDay[t] = Math.min(periodEndDay(unit, firstPeriod + t), ctx.asOf);
    snapStamp[t] = monthStamp(snapDay[t]);
    snapMonthEnd[t] = isMonthEnd(snapDay[t]) ? 1 : 0;
  }
  const counts = new Int32Array(T * S);
  const flowCounts = new Int32Array(T * (S + 1) * S);
  const current = new Int8Array(n).fill(NOT_A_CUSTOMER);
  const { offsets, days } = ctx.activity;
  walkSnapshots(
    ctx.firstPurchase,
    ctx.firstStamp,
    offsets,
    days,
    snapDay,
    snapStamp,
    snapMonthEnd,
    stageOptions.declineWindowDays,
    ctx.thresholds,
    model.values ?? NO_FLOATS,
    counts,
    flowCounts,
    current,
  );
  const snapshots: StageSnapshot[] = [];
  const flows: StageFlow[] = [];
  for (let t = 0; t < T; t++) {
    const period = firstPeriod + t;
    const label = periodLabel(unit, period);
    if (t > 0) {
      for (let from = 0; from <= S; from++) {
        for (let to = 0; to < S; to++) {
          const customers = flowCounts[(t * (S + 1) + from) * S + to];
          if (customers > 0) flows.push({ period: label, from: from === 0 ? ACQUIRED : STAGES[from - 1], to: STAGES[to], customers });
        }
      }
    }
    const at = counts.subarray(t * S, (t + 1) * S);
    snapshots.push({
      period: label,
      date: isoDate(snapDay[t]),
      partial: snapDay[t] < periodEndDay(unit, period),
      counts: Object.fromEntries(STAGES.map((stage, i) => [stage, at[i]])) as Record<Stage, number>,
      customers: at.reduce((x, y) => x + y, 0),
    });
  }
  return available({ asOf: ctx.asOf, asOfDate: isoDate(ctx.asOf), unit, stages: STAGES, snapshots, flows, current, options: stageOptions, pAlive: model.status });
}
