/**
 * The analysis date ("as of") that order analyses share. Orders dated on or before it are used; the
 * default is the day after the last order, so the last buyer has a recency of one day (as R `rfm`
 * reports with an analysis date one day past the data).
 */
import type { OrdersTable } from '../dataset/types.js';

/** The latest order day, or undefined for an empty table. */
export function lastOrderDay(orders: OrdersTable): number | undefined {
  if (orders.length === 0) return undefined;
  let last = orders.day[0];
  for (let i = 1; i < orders.length; i++) if (orders.day[i] > last) last = orders.day[i];
  return last;
}

/** The analysis day to use: the given one, else the day after the last order. */
export function resolveAsOf(orders: OrdersTable, asOf: number | undefined): number {
  return asOf ?? (lastOrderDay(orders) ?? 0) + 1;
}
