/**
 * The churn-risk heat map: the share of customers tripping each signal by group (segment, industry,
 * plan, acquisition channel, or any grouping such as value tiers or RFM segments).
 */
import type { CategoryColumn, Dataset } from '../../dataset/types.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { SIGNALS, type Signal } from './options.js';
import type { ChurnRiskResult } from './risk.js';

/** Customers-table category columns a heat map can group by. */
export type CustomerCategory = 'segment' | 'industry' | 'plan' | 'channel';

/** A grouping: a customers-table column, or a code per Dataset customer (-1 = none) with labels. */
export type HeatmapGrouping = CustomerCategory | { readonly labels: readonly string[]; readonly codes: Int32Array };

/** Label of customers without a group. */
export const UNGROUPED = '(none)';

/** Result of {@link riskHeatmap}: `share[r][g]` = `count[r][g]` / `customers[g]`. */
export interface RiskHeatmap {
  /** Available signals (the rows). */
  readonly rows: readonly Signal[];
  /** Group labels (the columns); `(none)` last when some customers have no group. */
  readonly columns: readonly string[];
  /** Scored customers per group. */
  readonly customers: readonly number[];
  readonly count: readonly (readonly number[])[];
  readonly share: readonly (readonly (number | null)[])[];
  /** Mean risk score per group (null for an empty group). */
  readonly meanScore: readonly (number | null)[];
}

/** Group code per Dataset customer from a customers-table column (-1 without a row); null when the feed lacks the column. */
export function customerGroups(dataset: Dataset, column: CustomerCategory): { labels: readonly string[]; codes: Int32Array } | null {
  const table = dataset.customers;
  const category = table?.[column] as CategoryColumn | undefined;
  if (!table || !category) return null;
  const codes = new Int32Array(dataset.customerCount).fill(-1);
  scatterCodes(table.customer, category.codes, codes);
  return { labels: category.values, codes };
}

/** `codes[customer[i]] = values[i]` for every customers-table row i. A kernel (see "Hot loops are kernels" in docs/architecture.md). */
function scatterCodes(customer: Int32Array, values: Int32Array, codes: Int32Array): void {
  for (let i = 0; i < customer.length; i++) codes[customer[i]] = values[i];
}

/**
 * Per group column (`g` for a code outside 0..g-1): scored customers, their score sum, and per signal
 * bit the customers tripping it (`cells[bit * (g + 1) + column]`).
 * A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function tally(customers: Int32Array, codes: Int32Array, flags: Uint8Array, score: Float64Array, g: number, sizes: Int32Array, scores: Float64Array, cells: Int32Array): void {
  for (let i = 0; i < customers.length; i++) {
    const code = codes[customers[i]];
    const col = code >= 0 && code < g ? code : g;
    sizes[col]++;
    scores[col] += score[i];
    for (let bits = flags[i], bit = 0; bits !== 0; bits >>= 1, bit++) if (bits & 1) cells[bit * (g + 1) + col]++;
  }
}

/** Signal x group shares of a churn-risk result. */
export function riskHeatmap(dataset: Dataset, risk: ChurnRiskResult, by: HeatmapGrouping = 'segment'): Maybe<RiskHeatmap> {
  const groups = typeof by === 'string' ? customerGroups(dataset, by) : by;
  if (!groups) {
    const field = by as CustomerCategory;
    return unavailable(dataset.customers ? 'missing-field' : 'missing-table', `needs customers.${field} to group by`, [{ table: 'customers', fields: ['customer_id', field] }]);
  }
  const g = groups.labels.length;
  const rows = risk.signals.filter((s) => s.available).map((s) => s.signal);
  const bits = rows.map((s) => SIGNALS.indexOf(s));
  const sizes = new Int32Array(g + 1);
  const scores = new Float64Array(g + 1);
  const cells = new Int32Array(SIGNALS.length * (g + 1));
  tally(risk.customers, groups.codes, risk.flags, risk.score, g, sizes, scores, cells);
  const counts = bits.map((bit) => cells.subarray(bit * (g + 1), (bit + 1) * (g + 1)));
  // Group columns in dictionary order, then the ungrouped column when anyone is in it.
  const keep = Array.from({ length: sizes[g] > 0 ? g + 1 : g }, (_, col) => col);
  return available({
    rows,
    columns: keep.map((col) => (col < g ? groups.labels[col] : UNGROUPED)),
    customers: keep.map((col) => sizes[col]),
    count: counts.map((row) => keep.map((col) => row[col])),
    share: counts.map((row) => keep.map((col) => (sizes[col] > 0 ? row[col] / sizes[col] : null))),
    meanScore: keep.map((col) => (sizes[col] > 0 ? scores[col] / sizes[col] : null)),
  });
}
