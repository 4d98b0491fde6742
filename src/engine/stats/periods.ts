/**
 * Calendar periods as int indexes (months since 1970-01, quarters, years, Monday weeks) with their
 * first and last days and labels, so period analyses bucket day numbers with integer arithmetic.
 */
import { civilFromDay, dayFromCivil, dayOfMonthIndex, dayOfWeekIndex, isoDate, monthIndexOfDay, weekIndexOfDay } from '../dataset/days.js';

/** The period lengths analyses group by. */
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';

/** Period index of a day number. */
export function periodOfDay(unit: PeriodUnit, day: number): number {
  switch (unit) {
    case 'week':
      return weekIndexOfDay(day);
    case 'month':
      return monthIndexOfDay(day);
    case 'quarter':
      return Math.floor(monthIndexOfDay(day) / 3);
    case 'year':
      return civilFromDay(day).year - 1970;
  }
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
