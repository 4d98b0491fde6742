/** Small hand-made Datasets for engine tests, built through the one DatasetBuilder. */
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import type { Dataset } from '../../../src/engine/dataset/types.js';

/** Day number of an ISO date `YYYY-MM-DD`. */
export function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return dayFromCivil(y, m, d);
}

/** An order row: customer id, ISO date, amount. */
export type OrderRow = readonly [string, string, number];

/** Adds an orders table to a builder. */
export function addOrders(builder: DatasetBuilder, rows: readonly OrderRow[]): void {
  const t = builder.table('orders', ['customer_id', 'date', 'amount']);
  const [customer, date, amount] = ['customer_id', 'date', 'amount'].map((f) => t.column(f)!);
  for (const [id, iso, value] of rows) {
    customer.pushString(id);
    date.push(day(iso));
    amount.push(value);
    t.endRow();
  }
}

/** A Dataset with only an orders table. */
export function ordersDataset(rows: readonly OrderRow[]): Dataset {
  const builder = new DatasetBuilder();
  addOrders(builder, rows);
  return builder.build();
}
