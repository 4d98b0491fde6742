/**
 * Per-customer activity days: the sorted, distinct days on which each customer ordered (and, when
 * asked, had any event), in one compressed array. Lifecycle stages and churn signals answer "how
 * much activity between two days" with two binary searches on it.
 */
import { derived, ordersByCustomer } from '../../dataset/derived.js';
import type { Dataset, EventsTable } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';
import { latestAbove } from '../../stats/as-of.js';
import { NO_FLAGS } from '../../stats/absent.js';

/** Distinct sorted days per customer: customer c's days are `days[offsets[c] .. offsets[c + 1])`. */
export interface CustomerDays {
  readonly offsets: Int32Array;
  readonly days: Int32Array;
}

/**
 * A source of per-customer days: its customer column, day column and an optional row filter, as a
 * function or as a mask (`mask[row]` 1 keeps the row; loops over a mask call nothing).
 */
export interface DaySource {
  readonly customer: Int32Array;
  readonly day: Int32Array;
  readonly include?: (row: number) => boolean;
  readonly mask?: Uint8Array;
}

/** The rows a source keeps, as a mask (empty: all of them). */
function keptRows(source: DaySource): Uint8Array {
  const { include, mask } = source;
  if (mask) return mask;
  return include ? Uint8Array.from(source.customer, (_, row) => (include(row) ? 1 : 0)) : NO_FLAGS;
}

/** Collects the distinct days per customer of several sources, keeping days on or before `asOf`. */
export function customerDays(customerCount: number, sources: readonly DaySource[], asOf: number): CustomerDays {
  const masks = sources.map(keptRows);
  const counts = new Int32Array(customerCount + 1);
  sources.forEach((s, k) => countDays(s.customer, s.day, masks[k], asOf, counts));
  prefixSums(counts);
  const raw = new Int32Array(counts[customerCount]);
  const next = counts.slice(0, customerCount);
  sources.forEach((s, k) => scatterDays(s.customer, s.day, masks[k], asOf, next, raw));
  const offsets = new Int32Array(customerCount + 1);
  const write = sortDistinct(counts, raw, offsets);
  return { offsets, days: raw.slice(0, write) };
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/**
 * Whether a row is kept: a known customer (index >= 0), dated on or before `asOf` (not NO_DAY) and in
 * the mask (or no mask).
 */
function kept(customer: Int32Array, day: Int32Array, mask: Uint8Array, asOf: number, row: number): boolean {
  return customer[row] >= 0 && day[row] <= asOf && day[row] !== NO_DAY && (mask.length === 0 || mask[row] === 1);
}

/** Running sums in place: per-customer counts at c + 1 become the customers' start positions. */
function prefixSums(counts: Int32Array): void {
  for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
}

/** Adds each customer's kept rows to `counts[c + 1]`. */
function countDays(customer: Int32Array, day: Int32Array, mask: Uint8Array, asOf: number, counts: Int32Array): void {
  for (let row = 0; row < customer.length; row++) if (kept(customer, day, mask, asOf, row)) counts[customer[row] + 1]++;
}

/** Writes each kept row's day at its customer's next position. */
function scatterDays(customer: Int32Array, day: Int32Array, mask: Uint8Array, asOf: number, next: Int32Array, raw: Int32Array): void {
  for (let row = 0; row < customer.length; row++) if (kept(customer, day, mask, asOf, row)) raw[next[customer[row]]++] = day[row];
}

/**
 * Sorts each customer's slice `counts[c] .. counts[c + 1]` of `raw` and drops repeated days in place,
 * writing the new slices' starts into `offsets`; returns how many days remain.
 */
function sortDistinct(counts: Int32Array, raw: Int32Array, offsets: Int32Array): number {
  const customerCount = offsets.length - 1;
  let write = 0;
  for (let c = 0; c < customerCount; c++) {
    const slice = raw.subarray(counts[c], counts[c + 1]).sort();
    offsets[c] = write;
    for (let i = 0; i < slice.length; i++) if (i === 0 || slice[i] !== slice[i - 1]) raw[write++] = slice[i];
  }
  offsets[customerCount] = write;
  return write;
}

/**
 * Distinct activity days per customer on or before `asOf`: order days, plus every event day when
 * `withEvents`. Built from the cached per-customer order grouping and one grouping of the event days
 * (both already in date order), merged per customer; cached per Dataset, so treat it as read-only.
 */
export function activityDays(dataset: Dataset, asOf: number, withEvents: boolean): CustomerDays {
  const events = withEvents ? dataset.events : undefined;
  return derived(dataset, `activity-days:${asOf}:${events ? 'events' : 'orders'}`, () => {
    const n = dataset.customerCount;
    const orders = dataset.orders ? ordersByCustomer(dataset) : undefined;
    const other = events ? eventDaysByCustomer(dataset, events) : undefined;
    const offsets = new Int32Array(n + 1);
    const days = new Int32Array((orders ? orders.day.length : 0) + (other ? other.days.length : 0));
    const noDays = new Int32Array(n + 1);
    const write = mergeDays(orders ? orders.offsets : noDays, orders ? orders.day : noDays, other ? other.offsets : noDays, other ? other.days : noDays, asOf, offsets, days);
    // A view, not a copy: the repeats dropped are few, and a copy would briefly hold both.
    return { offsets, days: days.subarray(0, write) };
  });
}

/**
 * Merges two per-customer sorted day lists (`aOffsets`/`aDays`, `bOffsets`/`bDays`) into `offsets`
 * and `days`: days on or before `asOf`, NO_DAY and repeats dropped. Returns how many days it wrote.
 * A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function mergeDays(aOffsets: Int32Array, aDays: Int32Array, bOffsets: Int32Array, bDays: Int32Array, asOf: number, offsets: Int32Array, days: Int32Array): number {
  const n = offsets.length - 1;
  let write = 0;
  for (let c = 0; c < n; c++) {
    offsets[c] = write;
    let i = aOffsets[c];
    const iEnd = aOffsets[c + 1];
    let j = bOffsets[c];
    const jEnd = bOffsets[c + 1];
    // Both slices are sorted: merge them, stop past asOf, drop NO_DAY and repeats.
    for (;;) {
      const a = i < iEnd ? aDays[i] : Infinity;
      const b = j < jEnd ? bDays[j] : Infinity;
      const d = a <= b ? a : b;
      if (d > asOf) break;
      if (a <= b) i++;
      else j++;
      if (d !== NO_DAY && (write === offsets[c] || days[write - 1] !== d)) days[write++] = d;
    }
  }
  offsets[n] = write;
  return write;
}

/** Every event day per customer in date order (repeats kept, NO_DAY and unknown customers left out). */
function eventDaysByCustomer(dataset: Dataset, events: EventsTable): CustomerDays {
  return derived(dataset, 'event-days-by-customer', () => {
    const n = dataset.customerCount;
    const offsets = new Int32Array(n + 1);
    countDays(events.customer, events.day, NO_FLAGS, Infinity, offsets);
    prefixSums(offsets);
    const days = new Int32Array(offsets[n]);
    scatterDays(events.customer, events.day, NO_FLAGS, Infinity, offsets.slice(0, n), days);
    sortUnsorted(offsets, days);
    return { offsets, days };
  });
}

/** Feeds usually come in date order: sorts only the customers' slices that are not. */
function sortUnsorted(offsets: Int32Array, days: Int32Array): void {
  for (let c = 0; c < offsets.length - 1; c++) {
    for (let k = offsets[c] + 1; k < offsets[c + 1]; k++) {
      if (days[k - 1] > days[k]) {
        days.subarray(offsets[c], offsets[c + 1]).sort();
        break;
      }
    }
  }
}

/**
 * Position after the last entry <= `day` of the sorted `days[lo .. hi)` (a binary search; kernels
 * over customers call it with a customer's slice).
 */
export function upperBound(days: Int32Array, lo: number, hi: number, day: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of the days d of the sorted `days[lo .. hi)` with from < d <= to (for kernels over customers). */
export function countWithin(days: Int32Array, lo: number, hi: number, from: number, to: number): number {
  return to <= from ? 0 : upperBound(days, lo, hi, to) - upperBound(days, lo, hi, from);
}

/** The last of the sorted `days[lo .. hi)` on or before `day`, or NO_DAY (for kernels over customers). */
export function lastWithin(days: Int32Array, lo: number, hi: number, day: number): number {
  const i = upperBound(days, lo, hi, day);
  return i > lo ? days[i - 1] : NO_DAY;
}

/** Number of customer c's days d with from < d <= to. */
export function countBetween(cd: CustomerDays, c: number, from: number, to: number): number {
  return countWithin(cd.days, cd.offsets[c], cd.offsets[c + 1], from, to);
}

/** Customer c's last day on or before `day`, or NO_DAY. */
export function lastOnOrBefore(cd: CustomerDays, c: number, day: number): number {
  return lastWithin(cd.days, cd.offsets[c], cd.offsets[c + 1], day);
}

/** The latest order, event or survey day of a Dataset (the default "as of" of activity analyses), or NO_DAY. */
export function lastActivityDay(dataset: Dataset): number {
  let last = NO_DAY;
  for (const table of [dataset.orders, dataset.events, dataset.feedback]) if (table) last = latestAbove(table.day, last);
  return last;
}

