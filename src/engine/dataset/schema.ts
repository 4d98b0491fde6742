/**
 * The canonical tables and their fields (DESIGN.md "Canonical feed tables"). Feeds name their columns
 * any way they like; ingest maps them onto these field names. This schema is the one description of
 * the tables: ingest, the mapping detector, the builder and the docs read it.
 */
import type { TableName } from './types.js';

/**
 * How a field is stored:
 * - `customer`: a customer id string, dictionary-encoded for the whole Dataset;
 * - `day`: a date, stored as a UTC day number;
 * - `time`: a date-time, stored as epoch ms plus its day number;
 * - `number`: a finite float (NaN where optional and missing);
 * - `category`: a dictionary-encoded string;
 * - `flag`: yes/no (1/0, -1 unknown);
 * - `text`: free text kept as strings (never on hot paths).
 */
export type FieldKind = 'customer' | 'day' | 'time' | 'number' | 'category' | 'flag' | 'text';

/** One canonical field. */
export interface FieldSpec {
  /** Canonical field name as used in mappings (`customer_id`, `date`, ...). */
  readonly name: string;
  readonly kind: FieldKind;
  /** Property of the built table that holds the column. */
  readonly column: string;
  readonly required?: boolean;
  /** Inclusive range a number must fall in, when it has one (NPS 0..10, CSAT 1..5). */
  readonly range?: readonly [number, number];
}

/** One canonical table. */
export interface TableSpec {
  readonly name: TableName;
  readonly fields: readonly FieldSpec[];
  /** Whether numeric columns not in `fields` are kept as named attributes (customers only). */
  readonly extraNumericAttributes?: boolean;
}

const customer: FieldSpec = { name: 'customer_id', kind: 'customer', column: 'customer', required: true };

/** Every canonical table, by name. */
export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  orders: {
    name: 'orders',
    fields: [
      customer,
      { name: 'date', kind: 'day', column: 'day', required: true },
      { name: 'amount', kind: 'number', column: 'amount', required: true },
      { name: 'order_id', kind: 'category', column: 'orderId' },
      { name: 'margin', kind: 'number', column: 'margin' },
      { name: 'channel', kind: 'category', column: 'channel' },
      { name: 'quantity', kind: 'number', column: 'quantity' },
    ],
  },
  customers: {
    name: 'customers',
    extraNumericAttributes: true,
    fields: [
      customer,
      { name: 'signup_date', kind: 'day', column: 'signupDay' },
      { name: 'channel', kind: 'category', column: 'channel' },
      { name: 'acquisition_cost', kind: 'number', column: 'acquisitionCost' },
      { name: 'referred', kind: 'flag', column: 'referred' },
      { name: 'segment', kind: 'category', column: 'segment' },
      { name: 'industry', kind: 'category', column: 'industry' },
      { name: 'potential', kind: 'number', column: 'potential' },
      { name: 'plan', kind: 'category', column: 'plan' },
      { name: 'renewal_date', kind: 'day', column: 'renewalDay' },
    ],
  },
  events: {
    name: 'events',
    fields: [
      customer,
      { name: 'timestamp', kind: 'time', column: 'time', required: true },
      { name: 'type', kind: 'category', column: 'type', required: true },
      { name: 'channel', kind: 'category', column: 'channel' },
      { name: 'feature', kind: 'category', column: 'feature' },
    ],
  },
  feedback: {
    name: 'feedback',
    fields: [
      customer,
      { name: 'date', kind: 'day', column: 'day', required: true },
      { name: 'nps', kind: 'number', column: 'nps', range: [0, 10] },
      { name: 'csat', kind: 'number', column: 'csat', range: [1, 5] },
      { name: 'touchpoint', kind: 'category', column: 'touchpoint' },
      { name: 'stage', kind: 'category', column: 'stage' },
      { name: 'comment', kind: 'text', column: 'comment' },
    ],
  },
  spend: {
    name: 'spend',
    fields: [
      { name: 'date', kind: 'day', column: 'day', required: true },
      { name: 'channel', kind: 'category', column: 'channel' },
      { name: 'amount', kind: 'number', column: 'amount', required: true },
    ],
  },
  summary: {
    name: 'summary',
    fields: [
      customer,
      { name: 'x', kind: 'number', column: 'x', required: true },
      { name: 't_x', kind: 'number', column: 'tx', required: true },
      { name: 'T', kind: 'number', column: 'T', required: true },
      { name: 'monetary', kind: 'number', column: 'monetary' },
      { name: 'recency', kind: 'number', column: 'recency' },
      { name: 'frequency', kind: 'number', column: 'frequency' },
    ],
  },
};

/** Table names in the order reports list them. */
export const TABLE_NAMES: readonly TableName[] = ['orders', 'customers', 'events', 'feedback', 'spend', 'summary'];

/** The spec of one field of a table, or undefined. */
export function fieldSpec(table: TableName, field: string): FieldSpec | undefined {
  return TABLES[table].fields.find((f) => f.name === field);
}
