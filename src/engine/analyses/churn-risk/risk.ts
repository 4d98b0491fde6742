/**
 * Churn risk per customer (METRICS.md section 6): which signals each active customer trips at the
 * as-of day, and a risk score.
 *
 * Risk score = 100 x (sum of the weights of the tripped signals) / (sum of the weights of the
 * available signals), so 0..100 whatever subset of signals the feed supports; weights default to
 * {@link DEFAULT_WEIGHTS}. Unavailable signals are listed with the reason and never count as "not
 * tripped". `lowPAlive` reads P(alive) from a BG/NBD fit on the orders up to the as-of day by default
 * (see `lifecycle/p-alive.ts`).
 */
import type { Dataset } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, unavailable, type Maybe, type Requirement } from '../availability.js';
import { activityDays, lastActivityDay } from '../lifecycle/activity.js';
import { resolvePAlive, type PAliveReason, type PAliveSource, type PAliveStatus } from '../lifecycle/p-alive.js';
import { ChurnRiskOptionsSchema, DEFAULT_WEIGHTS, SIGNALS, type ChurnRiskOptions, type ResolvedChurnRiskOptions, type Signal } from './options.js';
import { EVALUATORS } from './signals.js';

/** One signal's summary over the scored customers. */
export interface SignalSummary {
  readonly signal: Signal;
  readonly available: boolean;
  /** Why it is unavailable: a stable reason code and a message. */
  readonly reason?: PAliveReason;
  readonly message?: string;
  /** What would make it available. */
  readonly needs?: readonly Requirement[];
  readonly weight: number;
  /** Scored customers tripping it (0 when unavailable). */
  readonly customers: number;
  /** customers / scored customers (null when unavailable). */
  readonly share: number | null;
}

/** Result of {@link churnRisk}; per-customer arrays are aligned with `customers`. */
export interface ChurnRiskResult {
  readonly asOf: number;
  readonly asOfDate: string;
  /** Every signal, available or not, in {@link SIGNALS} order. */
  readonly signals: readonly SignalSummary[];
  /** Dataset indexes of the scored customers (active within `activeWithinDays`). */
  readonly customers: Int32Array;
  /** Bit i set = tripped SIGNALS[i]. */
  readonly flags: Uint8Array;
  /** Risk score 0..100. */
  readonly score: Float64Array;
  readonly options: ResolvedChurnRiskOptions;
  /** Where the P(alive) of `lowPAlive` came from, or why there was none. */
  readonly pAlive: PAliveStatus;
}

/**
 * Options of {@link churnRisk}: thresholds, plus where P(alive) comes from: `model` (default) fits
 * BG/NBD at the as-of day, a Float64Array gives one value per Dataset customer, `none` leaves
 * `lowPAlive` out (unavailable with reason `not-requested`).
 */
export type ChurnRiskInput = ChurnRiskOptions & { readonly pAlive?: PAliveSource };

/** The signals set in a flags byte. */
export function signalsOf(flags: number): Signal[] {
  return SIGNALS.filter((_, i) => (flags >> i) & 1);
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/**
 * Customers (ascending) with an activity day after `from`, in per-customer sorted days that end at
 * the analysis date (activityDays stops there), so a customer's last day decides.
 */
function activeCustomers(offsets: Int32Array, days: Int32Array, from: number): Int32Array {
  const active = new Int32Array(offsets.length - 1);
  return active.slice(0, listActive(offsets, days, from, active));
}

/** The loop of {@link activeCustomers}: writes the customers into `active`, returns how many. */
function listActive(offsets: Int32Array, days: Int32Array, from: number, active: Int32Array): number {
  let m = 0;
  for (let c = 0; c < offsets.length - 1; c++) if (offsets[c + 1] > offsets[c] && days[offsets[c + 1] - 1] > from) active[m++] = c;
  return m;
}

/**
 * Sets bit `bit` of `flags[i]` and adds `weight` to `tripped[i]` for each scored customer i whose
 * `trips` entry is set; returns how many.
 */
function addSignal(customers: Int32Array, trips: Uint8Array, bit: number, weight: number, flags: Uint8Array, tripped: Float64Array): number {
  let count = 0;
  for (let i = 0; i < customers.length; i++) {
    if (trips[customers[i]] === 0) continue;
    flags[i] |= 1 << bit;
    tripped[i] += weight;
    count++;
  }
  return count;
}

/** Risk score 0..100 of each tripped weight sum. */
function scores(tripped: Float64Array, availableWeight: number): Float64Array {
  const score = new Float64Array(tripped.length);
  for (let i = 0; i < tripped.length; i++) score[i] = (100 * tripped[i]) / availableWeight;
  return score;
}

/** Churn-risk signals and score per active customer. Needs orders or events; each signal states its own needs. */
export function churnRisk(dataset: Dataset, input: ChurnRiskInput = {}): Maybe<ChurnRiskResult> {
  const { pAlive, ...rest } = input;
  const options = parseOptions('churn-risk', ChurnRiskOptionsSchema, rest);
  const asOf = options.asOf ?? lastActivityDay(dataset);
  if ((!dataset.orders && !dataset.events) || asOf === NO_DAY) {
    return unavailable('missing-table', 'needs orders or events to find active customers', [
      { table: 'orders', fields: ['customer_id', 'date'] },
      { table: 'events', fields: ['customer_id', 'timestamp', 'type'] },
    ]);
  }
  const activity = activityDays(dataset, asOf, true);
  const customers = activeCustomers(activity.offsets, activity.days, asOf - options.activeWithinDays);

  const model = resolvePAlive('churn-risk', dataset, pAlive, asOf);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const flags = new Uint8Array(customers.length);
  const tripped = new Float64Array(customers.length);
  let availableWeight = 0;
  const outcomes = SIGNALS.map((signal, bit) => {
    const outcome = EVALUATORS[signal]({ dataset, options, asOf, pAlive: model });
    if (!('trips' in outcome)) {
      return { signal, available: false, reason: outcome.reason, message: outcome.message, needs: outcome.needs, weight: weights[signal], customers: 0, share: null };
    }
    availableWeight += weights[signal];
    const count = addSignal(customers, outcome.trips, bit, weights[signal], flags, tripped);
    return { signal, available: true, weight: weights[signal], customers: count, share: customers.length > 0 ? count / customers.length : 0 };
  });
  if (availableWeight === 0) {
    return unavailable('missing-table', 'no churn-risk signal can be evaluated on this feed', outcomes.flatMap((o) => o.needs ?? []));
  }
  const score = scores(tripped, availableWeight);
  return available({ asOf, asOfDate: isoDate(asOf), signals: outcomes, customers, flags, score, options, pAlive: model.status });
}
