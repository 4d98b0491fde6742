/**
 * Who the tiers cover at an analysis date, and their current value: revenue or margin of their
 * orders in the window ending at that date.
 */
import { NO_DAY, type Dataset } from '../../dataset/types.js';
import { addMonths } from '../../dataset/days.js';
import { NO_INTS } from '../../stats/absent.js';

/** The customers known by the analysis date and their current value. */
export interface CurrentValues {
  /** 1 for customers known by the analysis date: an order on or before it, or a customers row whose signup is on or before it (or not given). */
  readonly known: Uint8Array;
  /** Sum of the chosen measure over the customer's orders in the window (0 when none). */
  readonly value: Float64Array;
  /** First day of the window (inclusive). */
  readonly windowStart: number;
  /** Orders in the window whose margin is missing (they add nothing to a margin-based value). */
  readonly missingMargins: number;
}

/** First day of a window of `months` calendar months ending at `asOf`: the day after the same date that many months earlier. */
export function windowStartDay(asOf: number, months: number | null): number {
  return months === null ? NO_DAY : addMonths(asOf, -months) + 1;
}

/** Current value per Dataset customer over orders dated windowStart..asOf; the orders table must exist. */
export function currentValues(dataset: Dataset, asOf: number, windowStart: number, measure: 'revenue' | 'margin'): CurrentValues {
  const orders = dataset.orders!;
  const n = dataset.customerCount;
  const known = new Uint8Array(n);
  const value = new Float64Array(n);
  const amounts = measure === 'margin' ? orders.margin! : orders.amount;
  const missingMargins = sumWindow(orders.day, orders.customer, amounts, asOf, windowStart, known, value);
  const customers = dataset.customers;
  if (customers) markSignedUp(customers.customer, customers.signupDay ?? NO_INTS, asOf, known);
  return { known, value, windowStart, missingMargins };
}

/**
 * Marks the customers with an order on or before `asOf` in `known` and adds their `amounts` dated
 * windowStart..asOf into `value`; returns how many of those amounts are NaN (left out).
 * A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function sumWindow(day: Int32Array, customer: Int32Array, amounts: Float64Array, asOf: number, windowStart: number, known: Uint8Array, value: Float64Array): number {
  let missing = 0;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    if (d > asOf) continue;
    const c = customer[i];
    known[c] = 1;
    if (d < windowStart) continue;
    const v = amounts[i];
    if (Number.isNaN(v)) missing++;
    else value[c] += v;
  }
  return missing;
}

/**
 * Marks in `known` the customers-table rows' customers whose signup day is on or before `asOf` or not
 * given (NO_DAY, or no `signupDay` column: {@link NO_INTS}). A kernel, like {@link sumWindow}.
 */
function markSignedUp(customer: Int32Array, signupDay: Int32Array, asOf: number, known: Uint8Array): void {
  const given = signupDay.length > 0;
  for (let r = 0; r < customer.length; r++) {
    const signup = given ? signupDay[r] : NO_DAY;
    if (signup === NO_DAY || signup <= asOf) known[customer[r]] = 1;
  }
}
