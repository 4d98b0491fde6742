/** The plain records the sample company emits, one interface per canonical table (canonical field names). */

/** An `orders` row: a subscription charge, add-on, services order or refund (negative amount). */
export interface SampleOrder {
  order_id: string;
  customer_id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  amount: number;
  margin: number;
  /** Sales channel: `self-serve`, `sales` or `partner`. */
  channel: string;
  /** Seats billed (1 for one-off orders). */
  quantity: number;
  /** What was sold (not a canonical field; ingest lists it as unmapped). */
  item: string;
}

/** A `customers` row. */
export interface SampleCustomer {
  customer_id: string;
  /** Company name (not a canonical field). */
  name: string;
  signup_date: string;
  /** Acquisition channel. */
  channel: string;
  acquisition_cost: number;
  referred: boolean;
  /** Company size: SMB, Mid-market, Enterprise. */
  segment: string;
  industry: string;
  /** Potential-value score 0..100. */
  potential: number;
  plan: string;
  /** Next renewal due (the missed one for customers who left); absent for trials that never bought. */
  renewal_date?: string;
  /** Employees: an extra numeric attribute. */
  employees: number;
}

/** An `events` row: login, feature use, ticket, complaint or visit. */
export interface SampleEvent {
  customer_id: string;
  /** ISO date-time in UTC. */
  timestamp: string;
  type: string;
  channel: string;
  /** Feature used (`core.*` are the core features); only on `feature` events. */
  feature?: string;
}

/** A `feedback` row: an NPS or CSAT answer. */
export interface SampleFeedback {
  customer_id: string;
  date: string;
  nps?: number;
  csat?: number;
  /** Touchpoint the answer is about (the event channel it follows, `onboarding`, or `email` for NPS waves). */
  touchpoint: string;
  /** Lifecycle stage the customer was in, as the vendor's CRM labels it. */
  stage: string;
  comment?: string;
}

/** A `spend` row: marketing spend of one channel in one month. */
export interface SampleSpend {
  /** First day of the month. */
  date: string;
  channel: string;
  amount: number;
}

/** The whole sample company: one array per canonical table, ready for `ingestFeed`. */
export interface SampleCompany {
  orders: SampleOrder[];
  customers: SampleCustomer[];
  events: SampleEvent[];
  feedback: SampleFeedback[];
  spend: SampleSpend[];
}

/** Names of the tables the sample company has, in output order. */
export const SAMPLE_TABLES = ['orders', 'customers', 'events', 'feedback', 'spend'] as const;
/** One of {@link SAMPLE_TABLES}. */
export type SampleTableName = (typeof SAMPLE_TABLES)[number];
