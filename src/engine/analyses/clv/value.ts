/**
 * Customer lifetime value over a horizon from a purchase model and expected spend:
 * CLV = Σ_{i=1..H} E[M] (E[Y(i f)] - E[Y((i-1) f)]) / (1 + d)^i, with f model time units per month
 * and d the monthly discount rate.
 */
import { z } from '../../zod.js';
import { parseOptions } from '../../stats/parse-options.js';
import { discountedHorizon, type RepeatModel } from './repeat-model.js';
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
  const times = new Float64Array(horizonMonths);
  for (let i = 0; i < horizonMonths; i++) {
    discount[i] = Math.pow(1 + discountRate, -(i + 1));
    times[i] = (i + 1) * unitsPerMonth;
  }
  const histories = summaryHistories(summary);
  const historyPAlive = new Float64Array(histories.length);
  const historyPurchases = new Float64Array(histories.length);
  const historyValue = new Float64Array(histories.length);
  const { x, tx, T } = summary;
  if (model.horizonValues) model.horizonValues(histories.first, x, tx, T, times, discount, historyPAlive, historyPurchases, historyValue);
  else horizonValues(model, histories.first, x, tx, T, times, discount, historyPAlive, historyPurchases, historyValue);
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const clv = new Float64Array(n);
  spreadHistories(histories.of, historyPAlive, historyPurchases, historyValue, expectedSpend, pAlive, expectedPurchases, clv);
  return { pAlive, expectedPurchases, expectedSpend, clv, horizonMonths, discountRate, unitsPerMonth };
}

/** {@link RepeatModel.horizonValues} through the model's functions, for a model without that kernel. */
function horizonValues(
  model: RepeatModel,
  first: Int32Array,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  times: Float64Array,
  discount: Float64Array,
  pAlive: Float64Array,
  purchases: Float64Array,
  value: Float64Array,
): void {
  const curve = new Float64Array(times.length);
  const factored = model.expectedPurchasesIfAlive;
  for (let h = 0, shared = -1; h < first.length; h++) {
    const c = first[h];
    // Histories are sorted by x then T: the curve if alive changes only when (x, T) does.
    if (factored && (shared < 0 || x[c] !== x[shared] || T[c] !== T[shared])) {
      shared = c;
      for (let i = 0; i < times.length; i++) curve[i] = factored(times[i], x[c], T[c]);
    }
    pAlive[h] = model.pAlive(x[c], tx[c], T[c]);
    if (!factored) for (let i = 0; i < times.length; i++) curve[i] = model.conditionalExpectedPurchases(times[i], x[c], tx[c], T[c]);
    discountedHorizon(curve, factored ? pAlive[h] : 1, discount, h, purchases, value);
  }
}

/**
 * Each customer's values from its history's (`of[c]`): P(alive), expected purchases, and CLV = the
 * history's discounted value x the customer's expected spend. A kernel: typed arrays only.
 */
function spreadHistories(
  of: Int32Array,
  historyPAlive: Float64Array,
  historyPurchases: Float64Array,
  historyValue: Float64Array,
  expectedSpend: Float64Array,
  pAlive: Float64Array,
  expectedPurchases: Float64Array,
  clv: Float64Array,
): void {
  for (let c = 0; c < of.length; c++) {
    const h = of[c];
    pAlive[c] = historyPAlive[h];
    expectedPurchases[c] = historyPurchases[h];
    clv[c] = historyValue[h] * expectedSpend[c];
  }
}
