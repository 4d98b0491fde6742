/**
 * Per-customer activity days: the sorted, distinct days on which each customer ordered (and, when
 * asked, had any event), in one compressed array. Lifecycle stages and churn signals answer "how
 * much activity between two days" with two binary searches on it.
 */
import type { Dataset } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';

/** Distinct sorted days per customer: customer c's days are `days[offsets[c] .. offsets[c + 1])`. */
export interface CustomerDays {
  readonly offsets: Int32Array;
  readonly days: Int32Array;
}

/** A source of per-customer days: its customer column, day column and an optional row filter. */
export interface DaySource {
  readonly customer: Int32Array;
  readonly day: Int32Array;
  readonly include?: (row: number) => boolean;
}

/** Collects the distinct days per customer of several sources, keeping days on or before `asOf`. */
export function customerDays(customerCount: number, sources: readonly DaySource[], asOf: number): CustomerDays {
  const counts = new Int32Array(customerCount + 1);
  for (const s of sources) {
    for (let row = 0; row < s.customer.length; row++) {
      if (s.day[row] <= asOf && s.day[row] !== NO_DAY && (!s.include || s.include(row))) counts[s.customer[row] + 1]++;
    }
  }
  for (let c = 0; c < customerCount; c++) counts[c + 1] += counts[c];
  const raw = new Int32Array(counts[customerCount]);
  const next = counts.slice(0, customerCount);
  for (const s of sources) {
    for (let row = 0; row < s.customer.length; row++) {
      if (s.day[row] <= asOf && s.day[row] !== NO_DAY && (!s.include || s.include(row))) raw[next[s.customer[row]]++] = s.day[row];
    }
  }
  // Sort each customer's slice and drop repeated days in place.
  const offsets = new Int32Array(customerCount + 1);
  let write = 0;
  for (let c = 0; c < customerCount; c++) {
    const slice = raw.subarray(counts[c], counts[c + 1]).sort();
    offsets[c] = write;
    for (let i = 0; i < slice.length; i++) if (i === 0 || slice[i] !== slice[i - 1]) raw[write++] = slice[i];
  }
  offsets[customerCount] = write;
  return { offsets, days: raw.slice(0, write) };
}

/** Position after the last day <= `day` in customer c's slice (an absolute index into `days`). */
function upperBound(cd: CustomerDays, c: number, day: number): number {
  let lo = cd.offsets[c];
  let hi = cd.offsets[c + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cd.days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of customer c's days d with from < d <= to. */
export function countBetween(cd: CustomerDays, c: number, from: number, to: number): number {
  return to <= from ? 0 : upperBound(cd, c, to) - upperBound(cd, c, from);
}

/** Customer c's last day on or before `day`, or NO_DAY. */
export function lastOnOrBefore(cd: CustomerDays, c: number, day: number): number {
  const i = upperBound(cd, c, day);
  return i > cd.offsets[c] ? cd.days[i - 1] : NO_DAY;
}

/** The latest order, event or survey day of a Dataset (the default "as of" of activity analyses), or NO_DAY. */
export function lastActivityDay(dataset: Dataset): number {
  let last = NO_DAY;
  for (const table of [dataset.orders, dataset.events, dataset.feedback]) {
    if (!table) continue;
    for (let i = 0; i < table.length; i++) if (table.day[i] > last) last = table.day[i];
  }
  return last;
}
