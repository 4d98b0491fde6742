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
  const { customer, day, amount } = orders;
  const offsets = new Int32Array(customerCount + 1);
  for (let i = 0; i < orders.length; i++) if (customer[i] >= 0) offsets[customer[i] + 1]++;
  for (let c = 0; c < customerCount; c++) offsets[c + 1] += offsets[c];
  const size = offsets[customerCount];
  const rows = new Int32Array(size);
  const days = new Int32Array(size);
  const amounts = new Float64Array(size);
  const next = offsets.slice(0, customerCount);
  // One scatter: rows are read in sequence and land in feed order within each customer.
  for (let i = 0; i < orders.length; i++) {
    const c = customer[i];
    if (c < 0) continue;
    const k = next[c]++;
    rows[k] = i;
    days[k] = day[i];
    amounts[k] = amount[i];
  }
  for (let c = 0; c < customerCount; c++) {
    const start = offsets[c];
    const end = offsets[c + 1];
    for (let k = start + 1; k < end; k++) {
      if (days[k - 1] > days[k]) {
        rows.subarray(start, end).sort((i, j) => day[i] - day[j] || i - j);
        for (let g = start; g < end; g++) {
          days[g] = day[rows[g]];
          amounts[g] = amount[rows[g]];
        }
        break;
      }
    }
  }
  return { offsets, rows, day: days, amount: amounts };
}
