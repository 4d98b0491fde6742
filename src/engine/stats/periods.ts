/**
 * Calendar periods as int indexes (months since 1970-01, quarters, years, Monday weeks) with their
 * first and last days and labels, so period analyses bucket day numbers with integer arithmetic.
 */
import { dayFromCivil, dayFromIsoDate, dayOfMonthIndex, dayOfWeekIndex, isoDate, weekIndexOfDay } from '../dataset/days.js';
import { NO_DAY, type Dataset } from '../dataset/types.js';
import { derived } from '../dataset/derived.js';

/** The period lengths analyses group by. */
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';

/**
 * Months since 1970-01 of a day number: `monthIndexOfDay` of the calendar helpers without its date
 * object, since period analyses call it once per row. Same civil arithmetic (Hinnant), counted from
 * March so January and February need no year correction.
 */
function monthOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return (era * 400 + yoe - 1970) * 12 + Math.floor((5 * doy + 2) / 153) + 2;
}

/** Period index of a day number. */
export function periodOfDay(unit: PeriodUnit, day: number): number {
  switch (unit) {
    case 'week':
      return weekIndexOfDay(day);
    case 'month':
      return monthOfDay(day);
    case 'quarter':
      return Math.floor(monthOfDay(day) / 3);
    case 'year':
      return Math.floor(monthOfDay(day) / 12);
  }
}

/** Longest day range {@link dayPeriods} tabulates (about 2,900 years). */
const MAX_TABLE_DAYS = 1 << 20;

/**
 * {@link periodOfDay} over a range of days as a lookup table, for loops that bucket every row: one
 * array read instead of the calendar arithmetic. Read it with {@link periodIn}.
 */
export interface DayPeriods {
  readonly unit: PeriodUnit;
  /** First tabulated day. */
  readonly lo: number;
  /** Period of day `lo + i` at i (empty when the range is too wide to tabulate). */
  readonly periods: Int32Array;
}

/**
 * {@link DayPeriods} over the range of `days` up to `lastDay` (one entry per day); NO_DAY and days
 * outside the range are left to the calendar arithmetic.
 */
export function dayPeriods(unit: PeriodUnit, days: Int32Array, lastDay: number): DayPeriods {
  const range = new Float64Array(2);
  dayRange(days, lastDay, range);
  const [lo, hi] = range;
  // No day in range (all after lastDay), or a range too wide to tabulate: nothing tabulated.
  if (hi < lo || !(hi - lo < MAX_TABLE_DAYS)) return { unit, lo: 0, periods: new Int32Array(0) };
  const periods = new Int32Array(hi - lo + 1);
  for (let d = lo; d <= hi; d++) periods[d - lo] = periodOfDay(unit, d);
  return { unit, lo, periods };
}

/** A constant, not `-Infinity` in the loop's function: a unary minus the JIT has no feedback for deoptimises it once. */
const BELOW_ANY_DAY = -Infinity;

/** The earliest day (NO_DAY left out) and the latest up to `lastDay`, into `range` (a kernel). */
function dayRange(days: Int32Array, lastDay: number, range: Float64Array): void {
  let lo = lastDay;
  let hi = BELOW_ANY_DAY;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (d < lo && d > NO_DAY) lo = d;
    if (d > hi && d <= lastDay) hi = d;
  }
  range[0] = lo;
  range[1] = hi;
}

/** {@link dayPeriods} of the orders' days up to `lastDay`, made once per Dataset, unit and day (shared: read-only). */
export function orderDayPeriods(dataset: Dataset, unit: PeriodUnit, lastDay: number): DayPeriods {
  return derived(dataset, `order-day-periods ${unit} ${lastDay}`, () => dayPeriods(unit, dataset.orders!.day, lastDay));
}

/** Period index of a day through a {@link DayPeriods} table (computed when outside it). */
export function periodIn(table: DayPeriods, day: number): number {
  return periodAt(table.periods, table.lo, table.unit, day);
}

/** {@link periodIn} with the table's parts passed apart, for kernels (see "Hot loops are kernels" in docs/architecture.md). */
export function periodAt(periods: Int32Array, lo: number, unit: PeriodUnit, day: number): number {
  const i = day - lo;
  return i >= 0 && i < periods.length ? periods[i] : periodOfDay(unit, day);
}

/** First day number of a period. */
export function periodStartDay(unit: PeriodUnit, period: number): number {
  switch (unit) {
    case 'week':
      return dayOfWeekIndex(period);
    case 'month':
      return dayOfMonthIndex(period);
    case 'quarter':
      return dayOfMonthIndex(period * 3);
    case 'year':
      return dayFromCivil(1970 + period, 1, 1);
  }
}

/** Last day number of a period. */
export function periodEndDay(unit: PeriodUnit, period: number): number {
  return periodStartDay(unit, period + 1) - 1;
}

/** Label of a period: `1997-01` (month), `1997-Q1`, `1997`, or the Monday `1997-01-06` of a week. */
export function periodLabel(unit: PeriodUnit, period: number): string {
  const start = isoDate(periodStartDay(unit, period));
  switch (unit) {
    case 'week':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return start.slice(0, 4);
  }
}

/** The period {@link periodLabel} names `label` (its inverse), or undefined when no period is so named. */
export function periodOfLabel(unit: PeriodUnit, label: string): number | undefined {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  const start =
    unit === 'week' ? label
    : unit === 'month' ? `${label}-01`
    : unit === 'year' ? `${label}-01-01`
    : quarter ? `${quarter[1]}-${String(Number(quarter[2]) * 3 - 2).padStart(2, '0')}-01`
    : '';
  const day = dayFromIsoDate(start);
  if (day === undefined) return undefined;
  const period = periodOfDay(unit, day);
  return periodLabel(unit, period) === label ? period : undefined;
}
