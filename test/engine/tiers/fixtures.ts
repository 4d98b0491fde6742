/** Small hand-made Datasets for the value-tier tests. */
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { NO_DAY, type Dataset } from '../../../src/engine/dataset/types.js';
import { day } from '../stats/fixtures.js';

export { day };

/** One order: customer id, ISO date, amount, optional margin. */
export type Order = readonly [string, string, number, number?];

/** Customers-table rows: id plus named numeric values (`potential`, attributes) and signup date. */
export interface CustomerRow {
  readonly id: string;
  readonly potential?: number;
  readonly signup?: string;
  readonly attributes?: Readonly<Record<string, number>>;
}

/** A Dataset with the given orders (and margin column when any order has one) and customers rows. */
export function dataset(orders: readonly Order[], customers?: { rows: readonly CustomerRow[]; fields: readonly string[]; attributes?: readonly string[] }): Dataset {
  const b = new DatasetBuilder();
  const withMargin = orders.some((o) => o[3] !== undefined);
  const t = b.table('orders', ['customer_id', 'date', 'amount', ...(withMargin ? ['margin'] : [])]);
  for (const [id, date, amount, margin] of orders) {
    t.column('customer_id')!.pushString(id);
    t.column('date')!.push(day(date));
    t.column('amount')!.push(amount);
    if (withMargin) t.column('margin')!.push(margin ?? NaN);
    t.endRow();
  }
  if (customers) {
    const c = b.table('customers', ['customer_id', ...customers.fields], undefined, customers.attributes ?? []);
    for (const row of customers.rows) {
      c.column('customer_id')!.pushString(row.id);
      if (customers.fields.includes('potential')) c.column('potential')!.push(row.potential ?? NaN);
      if (customers.fields.includes('signup_date')) c.column('signup_date')!.push(row.signup ? day(row.signup) : NO_DAY);
      for (const name of customers.attributes ?? []) c.attributes.get(name)!.push(row.attributes?.[name] ?? NaN);
      c.endRow();
    }
  }
  return b.build();
}

/** Per-customer values by id (NaN for ids not given), in the Dataset's customer index order. */
export function valuesById(ds: Dataset, byId: Readonly<Record<string, number>>): Float64Array {
  return Float64Array.from(ds.customerIds, (id) => byId[id] ?? NaN);
}

/** The entry of a per-customer array for a customer id. */
export function of<T>(ds: Dataset, values: ArrayLike<T>, id: string): T {
  return values[ds.customerIds.indexOf(id)];
}
