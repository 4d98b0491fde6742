/**
 * Customer lifetime value over a horizon from a purchase model and expected spend:
 * CLV = Σ_{i=1..H} E[M] (E[Y(i f)] - E[Y((i-1) f)]) / (1 + d)^i, with f model time units per month
 * and d the monthly discount rate.
 */
import { z } from '../../zod.js';
import { parseOptions } from '../../stats/parse-options.js';
import type { RepeatModel } from './repeat-model.js';
import { summaryHistories } from './rows.js';
import type { CustomerSummary, TimeUnit } from './summary.js';

/**
 * Model time units per month: 4.345 weeks, 30 days (METRICS.md). Using 30 on weekly data is the
 * classic mistake that inflates CLV about sevenfold; the unit always comes from the summary.
 */
export const UNITS_PER_MONTH: Readonly<Record<TimeUnit, number>> = { week: 4.345, day: 30 };

/** Options of {@link customerValues}. */
export const ValueOptions = z.object({
  /** Months ahead (default 12). */
  horizonMonths: z.number().int().min(1).max(1200).default(12),
  /** Monthly discount rate (default 0.01). */
  discountRate: z.number().min(0).max(1).default(0.01),
  /** Overrides the model time units per month of the summary's unit. */
  unitsPerMonth: z.number().positive().optional(),
});
export type ValueOptions = z.input<typeof ValueOptions>;

/** Per-customer predictions, parallel to the summary. */
export interface CustomerValues {
  readonly pAlive: Float64Array;
  /** Expected purchases over the horizon, E[Y(H f) | x, t_x, T]. */
  readonly expectedPurchases: Float64Array;
  /** Expected spend per purchase (as given). */
  readonly expectedSpend: Float64Array;
  /** Discounted expected value over the horizon. */
  readonly clv: Float64Array;
  readonly horizonMonths: number;
  readonly discountRate: number;
  readonly unitsPerMonth: number;
}

/**
 * P(alive), expected purchases over the horizon and discounted CLV for every customer of a summary.
 * Customers with the same history (x, t_x, T) get the same numbers, so each distinct history is
 * computed once; with a model that factors out P(alive), the horizon curve once per (x, T).
 */
export function customerValues(
  model: RepeatModel,
  summary: CustomerSummary,
  expectedSpend: Float64Array,
  options: ValueOptions = {},
): CustomerValues {
  const { horizonMonths, discountRate, unitsPerMonth = UNITS_PER_MONTH[summary.unit] } = parseOptions('CLV', ValueOptions, options);
  const n = summary.length;
  const discount = new Float64Array(horizonMonths);
  for (let i = 0; i < horizonMonths; i++) discount[i] = Math.pow(1 + discountRate, -(i + 1));
  const histories = summaryHistories(summary);
  const historyPAlive = new Float64Array(histories.length);
  const historyPurchases = new Float64Array(histories.length);
  const historyValue = new Float64Array(histories.length);
  const ifAlive = new Float64Array(horizonMonths);
  const { x, tx, T } = summary;
  for (let h = 0, shared = -1; h < histories.length; h++) {
    const c = histories.first[h];
    // Histories are sorted by x then T: the curve if alive changes only when (x, T) does.
    const factored = model.expectedPurchasesIfAlive;
    if (factored && (shared < 0 || x[c] !== x[shared] || T[c] !== T[shared])) {
      shared = c;
      for (let i = 0; i < horizonMonths; i++) ifAlive[i] = factored((i + 1) * unitsPerMonth, x[c], T[c]);
    }
    const pAlive = model.pAlive(x[c], tx[c], T[c]);
    let previous = 0;
    let value = 0;
    for (let i = 0; i < horizonMonths; i++) {
      const current = factored ? ifAlive[i] * pAlive : model.conditionalExpectedPurchases((i + 1) * unitsPerMonth, x[c], tx[c], T[c]);
      value += (current - previous) * discount[i];
      previous = current;
    }
    historyPAlive[h] = pAlive;
    historyPurchases[h] = previous;
    historyValue[h] = value;
  }
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const clv = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const h = histories.of[c];
    pAlive[c] = historyPAlive[h];
    expectedPurchases[c] = historyPurchases[h];
    clv[c] = historyValue[h] * expectedSpend[c];
  }
  return { pAlive, expectedPurchases, expectedSpend, clv, horizonMonths, discountRate, unitsPerMonth };
}
