/**
 * Value tiers, the value quadrant's analysis (METRICS.md section 5): a current-value score and a
 * potential-value score per customer, each 0-100, a weighted composite, and four tiers split by a
 * threshold on each axis.
 */
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { NO_DAY } from '../../dataset/types.js';
import { derived } from '../../dataset/derived.js';
import { available, checkRequirements, unavailable, type Maybe } from '../availability.js';
import { resolveAsOf } from '../../stats/as-of.js';
import { quantileSorted } from '../../stats/quantile.js';
import { parseOptions } from '../../stats/parse-options.js';
import { currentValues, windowStartDay } from './current-value.js';
import { potentialValues } from './potential.js';
import { axisScores } from './normalise.js';
import { NO_TIER, TIER_IDS, ValueTierOptionsSchema, type PotentialSource, type ResolvedValueTierOptions, type TierId, type ValueTierOptions } from './options.js';

/**
 * Per-customer results, one entry per Dataset customer index. Customers outside the tiers (not
 * known by the analysis date, or without a potential value) have NaN values and tier {@link NO_TIER}.
 */
export interface ValueTierCustomers {
  /** Revenue or margin in the window. */
  readonly currentValue: Float64Array;
  /** Raw potential value from the source (for attributes: their weighted 0-100 score). */
  readonly potentialValue: Float64Array;
  /** Current-value score 0-100. */
  readonly current: Float64Array;
  /** Potential-value score 0-100. */
  readonly potential: Float64Array;
  /** weights.current x current + weights.potential x potential. */
  readonly composite: Float64Array;
  /** Tier code: index into {@link TIER_IDS}, or {@link NO_TIER}. */
  readonly tier: Int8Array;
}

/** Totals of one tier. */
export interface TierSummary {
  readonly tier: TierId;
  readonly customers: number;
  /** Share of the tiered customers. */
  readonly customerShare: number;
  /** Sum of the tier's raw current values. */
  readonly currentValue: number;
  /** Sum of the tier's raw potential values. */
  readonly potentialValue: number;
  /** The tier's share of the total current value; null when the total is 0. */
  readonly valueShare: number | null;
  /** The tier's share of the total potential value; null when the total is 0. */
  readonly potentialShare: number | null;
  /** Mean composite score; null for an empty tier. */
  readonly meanComposite: number | null;
}

/** Result of {@link valueTiers}. */
export interface ValueTiersResult {
  readonly asOf: number;
  readonly asOfDate: string;
  /** First day of the current-value window; null when the window is all history. */
  readonly windowStartDate: string | null;
  readonly currentValueMeasure: 'revenue' | 'margin';
  readonly potentialSource: PotentialSource['source'];
  readonly normalisation: 'percentile' | 'min-max';
  /** Composite weights after normalising them to sum to 1. */
  readonly weights: { readonly current: number; readonly potential: number };
  /** Thresholds used, in score units, and whether each was the median or given. */
  readonly thresholds: {
    readonly current: number;
    readonly potential: number;
    readonly currentFrom: 'median' | 'given';
    readonly potentialFrom: 'median' | 'given';
  };
  readonly customers: ValueTierCustomers;
  /** One summary per tier, in {@link TIER_IDS} order. */
  readonly tiers: readonly TierSummary[];
  readonly totals: { readonly customers: number; readonly currentValue: number; readonly potentialValue: number };
  /** Customers known by the analysis date but left out for want of a potential value. */
  readonly unscored: number;
  /** Orders in the window without a margin (margin-based current value only). */
  readonly missingMargins: number;
}

/**
 * Whether a score is on the high side of its axis: at or above the threshold (ties at the threshold
 * are high), except that the axis minimum is never high. Without that exception a median that falls
 * on the lowest value (more than half the customers bought nothing in the window, say) would call
 * everyone high.
 */
export function isHigh(score: number, threshold: number, axisMin: number): boolean {
  return score >= threshold && score > axisMin;
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/** Per tier: members, and the sums of their current values, potential values and composites. */
function tierSums(
  members: Int32Array,
  tier: Int8Array,
  currentValue: Float64Array,
  potentialValue: Float64Array,
  composite: Float64Array,
  count: Float64Array,
  current: Float64Array,
  potential: Float64Array,
  composites: Float64Array,
): void {
  for (let i = 0; i < members.length; i++) {
    const c = members[i];
    const t = tier[c];
    count[t]++;
    current[t] += currentValue[c];
    potential[t] += potentialValue[c];
    composites[t] += composite[c];
  }
}

function summarise(customers: ValueTierCustomers, members: Int32Array): { tiers: TierSummary[]; totals: ValueTiersResult['totals'] } {
  const count = new Float64Array(4);
  const current = new Float64Array(4);
  const potential = new Float64Array(4);
  const composite = new Float64Array(4);
  tierSums(members, customers.tier, customers.currentValue, customers.potentialValue, customers.composite, count, current, potential, composite);
  const totals = { customers: members.length, currentValue: current.reduce((a, b) => a + b, 0), potentialValue: potential.reduce((a, b) => a + b, 0) };
  const tiers = TIER_IDS.map((tier, t) => ({
    tier,
    customers: count[t],
    customerShare: count[t] / members.length,
    currentValue: current[t],
    potentialValue: potential[t],
    valueShare: totals.currentValue !== 0 ? current[t] / totals.currentValue : null,
    potentialShare: totals.potentialValue !== 0 ? potential[t] / totals.potentialValue : null,
    meanComposite: count[t] > 0 ? composite[t] / count[t] : null,
  }));
  return { tiers, totals };
}

/** How many entries of a 0/1 array are 1. */
function countOnes(flags: Uint8Array): number {
  let count = 0;
  for (let c = 0; c < flags.length; c++) count += flags[c];
  return count;
}

/** Sets `scored[c]` for the known customers with a finite potential value; returns how many. */
function markScored(known: Uint8Array, potentialValue: Float64Array, scored: Uint8Array): number {
  let m = 0;
  for (let c = 0; c < known.length; c++) {
    if (known[c] && Number.isFinite(potentialValue[c])) {
      scored[c] = 1;
      m++;
    }
  }
  return m;
}

/** The indexes of the 1 entries of `flags`, ascending, into `out`. */
function listOnes(flags: Uint8Array, out: Int32Array): void {
  for (let c = 0, i = 0; c < flags.length; c++) if (flags[c]) out[i++] = c;
}

/** `to[c] = from[c]` for every member c. */
function copyAt(members: Int32Array, from: Float64Array, to: Float64Array): void {
  for (let i = 0; i < members.length; i++) to[members[i]] = from[members[i]];
}

/** Composite score and tier code of every member from its two axis scores ({@link isHigh} on each axis). */
function assignTiers(
  members: Int32Array,
  current: Float64Array,
  potential: Float64Array,
  currentWeight: number,
  potentialWeight: number,
  currentThreshold: number,
  potentialThreshold: number,
  currentMin: number,
  potentialMin: number,
  composite: Float64Array,
  tier: Int8Array,
): void {
  for (let i = 0; i < members.length; i++) {
    const c = members[i];
    composite[c] = currentWeight * current[c] + potentialWeight * potential[c];
    const highCurrent = isHigh(current[c], currentThreshold, currentMin);
    const highPotential = isHigh(potential[c], potentialThreshold, potentialMin);
    // Code = index in TIER_IDS: strategic 0, growth 1, profit 2, basic 3.
    tier[c] = (highCurrent ? 0 : 1) + (highPotential ? 0 : 2);
  }
}

/**
 * Value tiers of every customer known by the analysis date that has a potential value.
 *
 * Scores: current value = revenue (or margin) of the customer's orders in the window; potential from
 * the chosen source (by default the model-predicted future value); each normalised to 0-100 among the tiered customers. Composite = weights.current
 * x current + weights.potential x potential, weights normalised to sum to 1 ({3, 2} is {0.6, 0.4}).
 * Thresholds: the median score of each axis (type-7 quantile) unless given. A customer is high on an
 * axis when its score is >= the threshold and above the axis minimum ({@link isHigh}).
 *
 * Unavailable without an orders table (customer_id, date, amount, and margin for a margin-based
 * value), without the potential source's table or fields, when the lifetime models cannot be fitted
 * (default source), or with no customer to tier.
 * Throws a RangeError for invalid options. Computed once per Dataset and options (unless the potential
 * values are given): the result is shared, treat it as read-only.
 */
export function valueTiers(dataset: Dataset, options: ValueTierOptions = {}): Maybe<ValueTiersResult> {
  const o = parseOptions('value tiers', ValueTierOptionsSchema, options);
  // Given potential values are an array the caller may change: only the other sources are shared.
  if (o.potential.source === 'values') return tiersOf(dataset, o);
  return derived(dataset, `value tiers ${JSON.stringify(o)}`, () => tiersOf(dataset, o));
}

function tiersOf(dataset: Dataset, o: ResolvedValueTierOptions): Maybe<ValueTiersResult> {
  const orderFields = ['customer_id', 'date', 'amount', ...(o.currentValue === 'margin' ? ['margin'] : [])];
  const missing = checkRequirements(dataset, [{ table: 'orders', fields: orderFields }]);
  if (missing) return missing;
  const asOf = resolveAsOf(dataset.orders!, o.asOf);
  const windowStart = windowStartDay(asOf, o.windowMonths);
  const base = currentValues(dataset, asOf, windowStart, o.currentValue);
  const potentialValue = potentialValues(dataset, o.potential, asOf, base.known, o.normalisation);
  if (!(potentialValue instanceof Float64Array)) return potentialValue;

  const n = dataset.customerCount;
  const scored = new Uint8Array(n);
  const known = countOnes(base.known);
  const m = markScored(base.known, potentialValue, scored);
  if (m === 0) {
    return unavailable('no-rows', `no customer known by ${isoDate(asOf)} has a potential value`, [
      { table: 'orders', fields: orderFields },
    ]);
  }
  const members = new Int32Array(m);
  listOnes(scored, members);

  const currentAxis = axisScores(base.value, scored, o.normalisation);
  const potentialAxis = axisScores(potentialValue, scored, o.normalisation);
  const current = currentAxis.scores;
  const potential = potentialAxis.scores;
  const weightSum = o.weights.current + o.weights.potential;
  const weights = { current: o.weights.current / weightSum, potential: o.weights.potential / weightSum };
  const thresholds = {
    current: o.thresholds.current ?? quantileSorted(currentAxis.sorted, 0.5),
    potential: o.thresholds.potential ?? quantileSorted(potentialAxis.sorted, 0.5),
    currentFrom: o.thresholds.current === undefined ? ('median' as const) : ('given' as const),
    potentialFrom: o.thresholds.potential === undefined ? ('median' as const) : ('given' as const),
  };
  const currentMin = currentAxis.sorted[0];
  const potentialMin = potentialAxis.sorted[0];

  const composite = new Float64Array(n).fill(NaN);
  const tier = new Int8Array(n).fill(NO_TIER);
  const currentValue = new Float64Array(n).fill(NaN);
  const potentialRaw = new Float64Array(n).fill(NaN);
  assignTiers(members, current, potential, weights.current, weights.potential, thresholds.current, thresholds.potential, currentMin, potentialMin, composite, tier);
  copyAt(members, base.value, currentValue);
  copyAt(members, potentialValue, potentialRaw);
  const customers: ValueTierCustomers = { currentValue, potentialValue: potentialRaw, current, potential, composite, tier };
  const { tiers, totals } = summarise(customers, members);
  return available({
    asOf,
    asOfDate: isoDate(asOf),
    windowStartDate: windowStart === NO_DAY ? null : isoDate(windowStart),
    currentValueMeasure: o.currentValue,
    potentialSource: o.potential.source,
    normalisation: o.normalisation,
    weights,
    thresholds,
    customers,
    tiers,
    totals,
    unscored: known - m,
    missingMargins: base.missingMargins,
  });
}
