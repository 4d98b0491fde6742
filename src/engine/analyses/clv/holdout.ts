/**
 * Holdout validation of a purchase model: predicted against actual repeat purchases after the
 * calibration end, per customer and in total, and the tracking curve of repeat purchases by period
 * over calibration and holdout (Fader, Hardie & Lee 2005, figures 2-4).
 */
import type { Dataset } from '../../dataset/types.js';
import { available, unavailable, type Maybe } from '../availability.js';
import type { RepeatModel } from './repeat-model.js';
import { purchaseDays, UNIT_DAYS, type CustomerSummary, type TimeUnit } from './summary.js';

/** Predicted against actual purchases in the holdout. */
export interface HoldoutComparison {
  /** Holdout length in model time units. */
  readonly length: number;
  /** E[Y(length) | x, t_x, T] per customer (parallel to the summary). */
  readonly predicted: Float64Array;
  /** Purchase days in the holdout per customer. */
  readonly actual: Float64Array;
  readonly totalPredicted: number;
  readonly totalActual: number;
}

/** Compares a fitted model's conditional expectations with a summary's holdout purchases. */
export function compareHoldout(model: RepeatModel, summary: CustomerSummary): Maybe<HoldoutComparison> {
  const holdout = summary.holdout;
  if (!holdout) return unavailable('invalid-data', 'the summary has no holdout period (give a holdout end)');
  const predicted = new Float64Array(summary.length);
  let totalPredicted = 0;
  let totalActual = 0;
  for (let i = 0; i < summary.length; i++) {
    predicted[i] = model.conditionalExpectedPurchases(holdout.length, summary.x[i], summary.tx[i], summary.T[i]);
    totalPredicted += predicted[i];
    totalActual += holdout.x[i];
  }
  return available({ length: holdout.length, predicted, actual: holdout.x, totalPredicted, totalActual });
}

/** Options of {@link trackingCurve}. */
export interface TrackingOptions {
  /** Last calibration day (inclusive): customers first buying after it are not tracked. */
  readonly calibrationEnd: number;
  /** Last day tracked (inclusive). */
  readonly holdoutEnd: number;
  /** Time unit the model was fitted in. */
  readonly unit: TimeUnit;
  /** Days per period of the curve (default 7). */
  readonly periodDays?: number;
}

/** Repeat purchases by period, actual and predicted, incremental and cumulative. */
export interface TrackingCurve {
  /** First day of period 0: the earliest first purchase. */
  readonly start: number;
  readonly periodDays: number;
  /** Last day (inclusive) of each period. */
  readonly periodEnd: Int32Array;
  readonly actual: Float64Array;
  readonly predicted: Float64Array;
  readonly cumulativeActual: Float64Array;
  readonly cumulativePredicted: Float64Array;
  /** Periods that end on or before the calibration end. */
  readonly calibrationPeriods: number;
}

/**
 * The tracking curve: for every period, the repeat purchase days of the customers acquired by the
 * calibration end, against Σ E[X(t)] over those customers, t counted from each one's first purchase.
 */
export function trackingCurve(dataset: Dataset, model: RepeatModel, options: TrackingOptions): Maybe<TrackingCurve> {
  const { calibrationEnd, holdoutEnd, unit } = options;
  const periodDays = options.periodDays ?? 7;
  const orders = dataset.orders;
  if (!orders || orders.length === 0) {
    return unavailable('missing-table', 'the tracking curve needs orders (customer_id, date)', [
      { table: 'orders', fields: ['customer_id', 'date'] },
    ]);
  }
  if (!(holdoutEnd > calibrationEnd) || !(periodDays >= 1)) {
    return unavailable('invalid-data', 'the holdout end must come after the calibration end, periods last a day or more');
  }
  const grouped = purchaseDays(dataset, holdoutEnd);
  const births = new Map<number, number>();
  let start = Infinity;
  for (let c = 0; c < dataset.customerCount; c++) {
    const first = grouped.offset[c];
    if (first === grouped.offset[c + 1] || grouped.day[first] > calibrationEnd) continue;
    const birth = grouped.day[first];
    births.set(birth, (births.get(birth) ?? 0) + 1);
    if (birth < start) start = birth;
  }
  if (births.size === 0) return unavailable('no-rows', 'no customer bought on or before the calibration end');
  const periods = Math.ceil((holdoutEnd - start + 1) / periodDays);
  const actual = new Float64Array(periods);
  for (let c = 0; c < dataset.customerCount; c++) {
    const first = grouped.offset[c];
    const end = grouped.offset[c + 1];
    if (first === end || grouped.day[first] > calibrationEnd) continue;
    for (let k = first + 1; k < end; k++) actual[Math.floor((grouped.day[k] - start) / periodDays)]++;
  }
  const periodEnd = new Int32Array(periods);
  const cumulativeActual = new Float64Array(periods);
  const cumulativePredicted = new Float64Array(periods);
  const predicted = new Float64Array(periods);
  const unitDays = UNIT_DAYS[unit];
  let calibrationPeriods = 0;
  for (let p = 0; p < periods; p++) {
    periodEnd[p] = Math.min(start + (p + 1) * periodDays - 1, holdoutEnd);
    if (periodEnd[p] <= calibrationEnd) calibrationPeriods++;
    let expected = 0;
    for (const [birth, count] of births) {
      if (birth < periodEnd[p]) expected += count * model.expectedPurchases((periodEnd[p] - birth) / unitDays);
    }
    cumulativePredicted[p] = expected;
    predicted[p] = expected - (p > 0 ? cumulativePredicted[p - 1] : 0);
    cumulativeActual[p] = actual[p] + (p > 0 ? cumulativeActual[p - 1] : 0);
  }
  return available({ start, periodDays, periodEnd, actual, predicted, cumulativeActual, cumulativePredicted, calibrationPeriods });
}
