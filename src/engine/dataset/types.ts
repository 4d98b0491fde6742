/**
 * The columnar Dataset every analysis reads.
 *
 * One row per record, one typed array per field. Customer ids are dictionary-encoded once for the
 * whole Dataset (`customers.ids`), so every table refers to a customer by the same int index.
 * Dates are UTC day numbers (days since 1970-01-01); timestamps keep their milliseconds too.
 * Categories (channel, event type, ...) are dictionary-encoded per column.
 */

/** A dictionary-encoded string column: `codes[i]` indexes `values`; -1 means missing. */
export interface CategoryColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** The `orders` table. `amount` < 0 is a refund. */
export interface OrdersTable {
  readonly length: number;
  /** Customer index into {@link Dataset.customerIds}. */
  readonly customer: Int32Array;
  /** UTC day number of the order date. */
  readonly day: Int32Array;
  readonly amount: Float64Array;
  /** Order id (dictionary-encoded); absent when the feed has none. */
  readonly orderId?: CategoryColumn;
  /** Margin of the order; NaN where missing. */
  readonly margin?: Float64Array;
  readonly channel?: CategoryColumn;
  /** Quantity; NaN where missing. */
  readonly quantity?: Float64Array;
}

/** The `customers` table: one row per customer that the feed describes (not every customer need have one). */
export interface CustomersTable {
  readonly length: number;
  readonly customer: Int32Array;
  /** Signup / first-seen day; `NO_DAY` where missing. */
  readonly signupDay?: Int32Array;
  readonly channel?: CategoryColumn;
  /** Acquisition cost; NaN where missing. */
  readonly acquisitionCost?: Float64Array;
  /** 1 referred, 0 not, -1 unknown. */
  readonly referred?: Int8Array;
  readonly segment?: CategoryColumn;
  readonly industry?: CategoryColumn;
  /** Feed-given potential-value score; NaN where missing. */
  readonly potential?: Float64Array;
  readonly plan?: CategoryColumn;
  /** Next renewal due day; `NO_DAY` where missing. */
  readonly renewalDay?: Int32Array;
  /** Other numeric attributes by name (NaN where missing), weighable into the potential score. */
  readonly attributes?: Readonly<Record<string, Float64Array>>;
}

/** The `events` table: activity and touchpoints. */
export interface EventsTable {
  readonly length: number;
  readonly customer: Int32Array;
  readonly day: Int32Array;
  /** Epoch milliseconds (UTC) of the event. */
  readonly time: Float64Array;
  /** Event type: login, feature, ticket, complaint, visit, ... */
  readonly type: CategoryColumn;
  readonly channel?: CategoryColumn;
  readonly feature?: CategoryColumn;
}

/** The `feedback` table: survey answers. */
export interface FeedbackTable {
  readonly length: number;
  readonly customer: Int32Array;
  readonly day: Int32Array;
  /** NPS answer 0..10; NaN where not asked. */
  readonly nps?: Float64Array;
  /** CSAT answer 1..5; NaN where not asked. */
  readonly csat?: Float64Array;
  readonly touchpoint?: CategoryColumn;
  readonly stage?: CategoryColumn;
  readonly comment?: readonly (string | undefined)[];
}

/** The `spend` table: acquisition spend by day (or period start) and channel. */
export interface SpendTable {
  readonly length: number;
  readonly day: Int32Array;
  readonly channel?: CategoryColumn;
  readonly amount: Float64Array;
}

/**
 * The `summary` table: per-customer aggregates computed elsewhere (e.g. in a warehouse).
 * Times are in the unit the feed states (weeks by default, as in the CLV literature).
 */
export interface SummaryTable {
  readonly length: number;
  readonly customer: Int32Array;
  /** Repeat purchases (distinct purchase periods after the first). */
  readonly x: Float64Array;
  /** Time of the last purchase since the first. */
  readonly tx: Float64Array;
  /** Time from the first purchase to the end of calibration. */
  readonly T: Float64Array;
  /** Mean repeat spend; NaN where missing. */
  readonly monetary: Float64Array;
  /** Optional RFM inputs when the warehouse computed them: recency in days, order count. NaN where missing. */
  readonly recency?: Float64Array;
  readonly frequency?: Float64Array;
}

/** Names of the canonical tables. */
export type TableName = 'orders' | 'customers' | 'events' | 'feedback' | 'spend' | 'summary';

/** A loaded feed: the customer dictionary and whichever tables the feed had. */
export interface Dataset {
  /** Increases with every new load or append; analyses are memoised per version. */
  readonly version: number;
  /** How many customers there are: every table's customer index is below it. */
  readonly customerCount: number;
  /**
   * Customer id strings; the index is the customer's int id in every table. A built Dataset makes
   * them on first read (analyses work on the indexes and {@link customerCount}, never on the strings).
   */
  readonly customerIds: readonly string[];
  readonly orders?: OrdersTable;
  readonly customers?: CustomersTable;
  readonly events?: EventsTable;
  readonly feedback?: FeedbackTable;
  readonly spend?: SpendTable;
  readonly summary?: SummaryTable;
}

/** Day number used for "no date". */
export const NO_DAY = -2147483648;
