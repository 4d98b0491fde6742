/**
 * Values derived from a Dataset (or from another derived value), computed once and shared by every
 * analysis that asks for them. A Dataset is immutable — a new load or append makes a new object — so
 * the object itself is the cache key, and a WeakMap lets the cache go with it.
 *
 * Cached values are shared between callers: treat them as read-only.
 */
import type { Dataset, OrdersTable } from './types.js';
import { countPerKey } from '../stats/group.js';
import { NO_FLAGS } from '../stats/absent.js';

const CACHE = new WeakMap<object, Map<string, unknown>>();

/**
 * The value `compute()` returns for `owner` and `key`, computed on the first call only. `key` must name
 * everything else the value depends on (its canonical options).
 */
export function derived<T>(owner: object, key: string, compute: () => T): T {
  let values = CACHE.get(owner);
  if (!values) CACHE.set(owner, (values = new Map()));
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}

/**
 * Order rows grouped by customer, in date order within each customer (ties in row order): customer c
 * owns positions `offsets[c] .. offsets[c + 1]` of `day` and `amount`. Rows with a customer index
 * below 0 are left out.
 */
export interface OrdersByCustomer {
  readonly offsets: Int32Array;
  /** `orders.day` and `orders.amount` of the rows, gathered so a walk over a customer reads memory in sequence. */
  readonly day: Int32Array;
  readonly amount: Float64Array;
}

/**
 * The Dataset's order rows grouped by customer in date order (see {@link OrdersByCustomer}). A
 * counting sort keeps each customer's rows in feed order, which is already date order in the usual
 * feed; only customers whose rows are not get sorted.
 */
export function ordersByCustomer(dataset: Dataset): OrdersByCustomer {
  return derived(dataset, 'orders-by-customer', () => groupOrders(dataset.orders!, dataset.customerCount));
}

function groupOrders(orders: OrdersTable, customerCount: number): OrdersByCustomer {
  const offsets = new Int32Array(customerCount + 1);
  const size = countPerKey(orders.customer, NO_FLAGS, offsets);
  const day = new Int32Array(size);
  const amount = new Float64Array(size);
  scatterByCustomer(orders.customer, orders.day, orders.amount, offsets, day, amount);
  for (let c = nextUnsorted(offsets, day, 0); c < customerCount; c = nextUnsorted(offsets, day, c + 1)) {
    sortSegment(day, amount, offsets[c], offsets[c + 1]);
  }
  return { offsets, day, amount };
}

/* Loops below are kernels (typed arrays and numbers only): see "Hot loops are kernels" in docs/architecture.md. */

/** One scatter: rows are read in sequence and land in feed order within each customer. */
function scatterByCustomer(customer: Int32Array, day: Int32Array, amount: Float64Array, offsets: Int32Array, days: Int32Array, amounts: Float64Array): void {
  const next = offsets.slice(0, offsets.length - 1);
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i];
    if (c < 0) continue;
    const k = next[c]++;
    days[k] = day[i];
    amounts[k] = amount[i];
  }
}

/** The first customer from `from` on whose days are not in order (the customer count when none). */
function nextUnsorted(offsets: Int32Array, day: Int32Array, from: number): number {
  const customers = offsets.length - 1;
  for (let c = from; c < customers; c++) {
    const end = offsets[c + 1];
    for (let k = offsets[c] + 1; k < end; k++) if (day[k - 1] > day[k]) return c;
  }
  return customers;
}

/** Segments up to this long are sorted in place by insertion; longer ones through an index sort. */
const INSERTION_MAX = 32;

/** Sorts positions start..end by day, ties in position (= feed) order, moving day and amount together. */
function sortSegment(day: Int32Array, amount: Float64Array, start: number, end: number): void {
  if (end - start <= INSERTION_MAX) {
    // stable: a row moves only past rows with a later day
    for (let k = start + 1; k < end; k++) {
      const d = day[k];
      const a = amount[k];
      let j = k;
      for (; j > start && day[j - 1] > d; j--) {
        day[j] = day[j - 1];
        amount[j] = amount[j - 1];
      }
      day[j] = d;
      amount[j] = a;
    }
    return;
  }
  const order = Int32Array.from({ length: end - start }, (_, i) => start + i).sort((i, j) => day[i] - day[j] || i - j);
  const days = Int32Array.from(order, (k) => day[k]);
  const amounts = Float64Array.from(order, (k) => amount[k]);
  day.set(days, start);
  amount.set(amounts, start);
}
