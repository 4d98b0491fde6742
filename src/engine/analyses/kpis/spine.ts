/**
 * The period spine KPIs share: periods from the earliest dated row of any table up to the one holding
 * the analysis date, with each period's snapshot day and whether it is complete.
 */
import type { Dataset } from '../../dataset/types.js';
import { earliestBelow, latestAbove } from '../../stats/as-of.js';
import { periodAt, periodEndDay, periodLabel, periodOfDay, periodStartDay, type PeriodUnit } from '../../stats/periods.js';

/** The periods KPIs are computed over. */
export interface Spine {
  readonly unit: PeriodUnit;
  readonly asOf: number;
  /** Period index of spine position 0. */
  readonly first: number;
  readonly length: number;
  readonly labels: string[];
  readonly starts: Int32Array;
  /** Snapshot day of each period: its last day, or the analysis date for the period holding it. */
  readonly ends: Int32Array;
  readonly partial: boolean[];
  /** Position of the current period: the last complete one (the last one when none is complete). */
  readonly current: number;
}

function dayColumns(dataset: Dataset): Int32Array[] {
  return [dataset.orders?.day, dataset.feedback?.day, dataset.spend?.day, dataset.events?.day].filter(
    (d): d is Int32Array => d !== undefined,
  );
}

/** The analysis day: the given one, else the day after the last order (the last dated row without orders). */
export function kpiAsOf(dataset: Dataset, asOf: number | undefined): number | undefined {
  if (asOf !== undefined) return asOf;
  const columns = dataset.orders && dataset.orders.length > 0 ? [dataset.orders.day] : dayColumns(dataset);
  // The latest day, from below every day (-Infinity stays when there is none).
  let last = -Infinity;
  for (const days of columns) last = latestAbove(days, last);
  return last === -Infinity ? undefined : last + 1;
}

/** The spine for an analysis date, or undefined when no table has a row on or before it. */
export function buildSpine(dataset: Dataset, unit: PeriodUnit, asOf: number): Spine | undefined {
  // The earliest day on or before asOf: start above it.
  let firstDay = asOf + 1;
  for (const days of dayColumns(dataset)) firstDay = earliestBelow(days, firstDay);
  if (firstDay > asOf) return undefined;
  const first = periodOfDay(unit, firstDay);
  const length = periodOfDay(unit, asOf) - first + 1;
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  const labels: string[] = [];
  const partial: boolean[] = [];
  let current = length - 1;
  for (let p = 0; p < length; p++) {
    starts[p] = periodStartDay(unit, first + p);
    const end = periodEndDay(unit, first + p);
    ends[p] = Math.min(end, asOf);
    labels.push(periodLabel(unit, first + p));
    partial.push(end > asOf);
  }
  while (current > 0 && partial[current]) current--;
  return { unit, asOf, first, length, labels, starts, ends, partial, current };
}

/**
 * Spine position of a day, for kernels (see "Hot loops are kernels" in docs/architecture.md): through
 * the day->period table `periods` from day `lo` (empty: each day converted), -1 outside the spine's
 * `length` periods from period `first` or after the analysis date.
 */
export function positionAt(periods: Int32Array, lo: number, unit: PeriodUnit, first: number, length: number, asOf: number, day: number): number {
  if (day > asOf) return -1;
  const p = periodAt(periods, lo, unit, day) - first;
  return p >= 0 && p < length ? p : -1;
}
