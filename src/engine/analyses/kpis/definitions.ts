/**
 * What each KPI is: unit, which direction is good, and its definition. Widgets show the definition
 * by its text id (`kpi.<id>`), localised; the English text here is the reference wording.
 */

/** Stable KPI ids. */
export type KpiId =
  | 'active-customers'
  | 'new-customers'
  | 'revenue'
  | 'orders'
  | 'average-order-value'
  | 'repeat-purchase-rate'
  | 'retention-rate'
  | 'churn-rate'
  | 'net-revenue-retention'
  | 'nps'
  | 'csat'
  | 'cac'
  | 'clv'
  | 'clv-cac-ratio'
  | 'referral-rate'
  | 'complaint-rate';

/** How a KPI value reads: `percent` and `ratio` values are fractions (0.4886 = 48.86 %); `score` is NPS's -100..100. */
export type KpiUnit = 'count' | 'currency' | 'percent' | 'ratio' | 'score';

/** Whether a rise is good news. */
export type KpiDirection = 'higher-is-better' | 'lower-is-better';

/** The fixed description of one KPI. */
export interface KpiDefinition {
  readonly id: KpiId;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  /** Text id of the definition, `kpi.<id>`. */
  readonly definition: string;
  /** The definition in English. */
  readonly text: string;
}

const up = 'higher-is-better';
const down = 'lower-is-better';

const SPECS: readonly [KpiId, KpiUnit, KpiDirection, string][] = [
  ['active-customers', 'count', up, 'Customers with at least one purchase in the period.'],
  ['new-customers', 'count', up, 'Customers whose first purchase ever falls in the period.'],
  ['revenue', 'currency', up, 'Sum of order amounts in the period, refunds subtracted.'],
  ['orders', 'count', up, 'Purchase rows (amount >= 0) in the period.'],
  ['average-order-value', 'currency', up, 'Revenue / orders in the period.'],
  [
    'repeat-purchase-rate',
    'percent',
    up,
    'Customers with purchases on two or more different days / customers with at least one purchase, over all history to the end of the period.',
  ],
  [
    'retention-rate',
    'percent',
    up,
    'Customers active at the start of the period (a purchase within the inactivity window) who are still active at its end / customers active at the start. Equals (E - N) / S when no lapsed customer returns.',
  ],
  [
    'churn-rate',
    'percent',
    down,
    'Customers active at the start of the period who are no longer active at its end (no purchase within the inactivity window) / customers active at the start.',
  ],
  [
    'net-revenue-retention',
    'percent',
    up,
    'Revenue in the period from customers active at its start / their revenue in the previous period (can exceed 100 %).',
  ],
  ['nps', 'score', up, 'Net Promoter Score: % promoters (9-10) - % detractors (0-6) among 0-10 answers in the period.'],
  ['csat', 'percent', up, 'Share of 4 and 5 answers among 1-5 satisfaction answers in the period.'],
  ['cac', 'currency', down, 'Acquisition spend in the period / new customers in the period.'],
  [
    'clv',
    'currency',
    up,
    'Simple CLV = m / (1 + d - r): m = margin (or revenue when there is no margin) per active customer in the period, r = the period retention rate, d = the period discount rate.',
  ],
  ['clv-cac-ratio', 'ratio', up, 'CLV / CAC of the period.'],
  ['referral-rate', 'percent', up, 'New customers of the period marked as referred / new customers of the period whose referral flag is known.'],
  ['complaint-rate', 'percent', down, 'Complaint events in the period / orders (purchase rows) in the period.'],
];

/** Every KPI's definition, by id, in display order. */
export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = Object.fromEntries(
  SPECS.map(([id, unit, direction, text]) => [id, { id, unit, direction, definition: `kpi.${id}`, text }]),
) as Record<KpiId, KpiDefinition>;

/** KPI ids in display order. */
export const KPI_IDS: readonly KpiId[] = SPECS.map(([id]) => id);
