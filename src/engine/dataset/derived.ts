/**
 * Values derived from a Dataset (or from another derived value), computed once and shared by every
 * analysis that asks for them. A Dataset is immutable — a new load or append makes a new object — so
 * the object itself is the cache key, and a WeakMap lets the cache go with it.
 *
 * Cached values are shared between callers: treat them as read-only.
 */
import type { Dataset, OrdersTable } from './types.js';

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
 * owns positions `offsets[c] .. offsets[c + 1]` of `rows`, `day` and `amount`. Rows with a customer
 * index below 0 are left out.
 */
export interface OrdersByCustomer {
  readonly offsets: Int32Array;
  /** Order row at each position. */
  readonly rows: Int32Array;
  /** `orders.day` and `orders.amount` of those rows, gathered so a walk over a customer reads memory in sequence. */
  readonly day: Int32Array;
  readonly amount: Float64Array;
}

/**
 * The Dataset's order rows grouped by customer in date order (see {@link OrdersByCustomer}). A
 * counting sort keeps each customer's rows in feed order, which is already date order in the usual
 * feed; only customers whose rows are not get sorted.
 */
export function ordersByCustomer(dataset: Dataset): OrdersByCustomer {
  return derived(dataset, 'orders-by-customer', () => groupOrders(dataset.orders!, dataset.customerIds.length));
}

function groupOrders(orders: OrdersTable, customerCount: number): OrdersByCustomer {
  const { customer, day } = orders;
  const offsets = new Int32Array(customerCount + 1);
  for (let i = 0; i < orders.length; i++) if (customer[i] >= 0) offsets[customer[i] + 1]++;
  for (let c = 0; c < customerCount; c++) offsets[c + 1] += offsets[c];
  const rows = new Int32Array(offsets[customerCount]);
  const next = offsets.slice(0, customerCount);
  for (let i = 0; i < orders.length; i++) if (customer[i] >= 0) rows[next[customer[i]]++] = i;
  for (let c = 0; c < customerCount; c++) {
    const end = offsets[c + 1];
    for (let k = offsets[c] + 1; k < end; k++) {
      if (day[rows[k - 1]] > day[rows[k]]) {
        rows.subarray(offsets[c], end).sort((i, j) => day[i] - day[j] || i - j);
        break;
      }
    }
  }
  const days = new Int32Array(rows.length);
  const amounts = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    days[k] = day[rows[k]];
    amounts[k] = orders.amount[rows[k]];
  }
  return { offsets, rows, day: days, amount: amounts };
}
