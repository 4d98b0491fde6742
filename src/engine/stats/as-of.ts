/**
 * The analysis date ("as of") that order analyses share. Orders dated on or before it are used; the
 * default is the day after the last order, so the last buyer has a recency of one day (as R `rfm`
 * reports with an analysis date one day past the data).
 */
import type { OrdersTable } from '../dataset/types.js';

/** The latest order day, or undefined for an empty table. */
export function lastOrderDay(orders: OrdersTable): number | undefined {
  return orders.length === 0 ? undefined : latestAbove(orders.day, -Infinity);
}

/* The two loops below are kernels (a typed array and numbers): see "Hot loops are kernels" in docs/architecture.md. */

/** The greatest of `bound` and the days above it. */
export function latestAbove(days: Int32Array, bound: number): number {
  let greatest = bound;
  for (let i = 0; i < days.length; i++) if (days[i] > greatest) greatest = days[i];
  return greatest;
}

/** The least of `bound` and the days below it. */
export function earliestBelow(days: Int32Array, bound: number): number {
  let least = bound;
  for (let i = 0; i < days.length; i++) if (days[i] < least) least = days[i];
  return least;
}

/** The analysis day to use: the given one, else the day after the last order. */
export function resolveAsOf(orders: OrdersTable, asOf: number | undefined): number {
  return asOf ?? (lastOrderDay(orders) ?? 0) + 1;
}
