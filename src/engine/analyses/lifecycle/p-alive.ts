/**
 * P(alive) for the lifecycle stages (`declining` at the last snapshot) and the churn-risk signal
 * `lowPAlive`. By default both analyses fit a BG/NBD model to the orders up to their own analysis date
 * (the CLV module's `customerSummary` and `fitBgNbd`), so every widget and the CLI get the same
 * numbers; a caller may pass its own values, or turn P(alive) off. A model that cannot be fitted is
 * reported with the reason, never read as "everyone alive".
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, type Maybe, type Unavailable } from '../availability.js';
import { customerSummary, type TimeUnit } from '../clv/summary.js';
import { bgnbdPAlives, fitBgNbd, type BgNbdParams } from '../clv/bgnbd.js';

/**
 * Where P(alive) comes from: `model` (default) fits BG/NBD at the analysis date; a Float64Array gives
 * one value per Dataset customer (NaN = unknown); `none` turns it off.
 */
export type PAliveSource = 'model' | 'none' | Float64Array;

/** Schema of {@link PAliveSource}. */
export const PAliveSourceSchema = z.union([z.enum(['model', 'none']), z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected "model", "none" or a Float64Array')]);

/** Why P(alive) is missing: an {@link Unavailable} reason, or `not-requested` for `pAlive: 'none'`. */
export type PAliveReason = Unavailable['reason'] | 'not-requested';

/** How P(alive) was had (or why not); analyses report it next to their results. */
export type PAliveStatus =
  | {
      readonly source: 'model';
      readonly available: true;
      /** Customers with a value (those with an order on or before the calibration end). */
      readonly customers: number;
      /** Calibration end of the fit (the analysis date). */
      readonly calibrationEnd: string;
      readonly unit: TimeUnit;
      readonly params: BgNbdParams;
    }
  | { readonly source: 'values'; readonly available: true; readonly customers: number }
  | {
      readonly source: 'model' | 'values' | 'none';
      readonly available: false;
      readonly reason: PAliveReason;
      readonly message: string;
      readonly needs: Unavailable['needs'];
    };

/** P(alive) per Dataset customer and how it was had, or no values and why. */
export type ResolvedPAlive =
  | { readonly values: Float64Array; readonly status: Extract<PAliveStatus, { available: true }> }
  | { readonly values?: undefined; readonly status: Extract<PAliveStatus, { available: false }> };

/** A BG/NBD fit's P(alive) per Dataset customer. */
export interface FittedPAlive {
  /** One value per Dataset customer; NaN for customers without an order by the calibration end. */
  readonly pAlive: Float64Array;
  readonly params: BgNbdParams;
  readonly unit: TimeUnit;
  /** Customers with a value. */
  readonly customers: number;
}

/** Fits already made, per Dataset and (asOf, unit): lifecycle and churn risk at one date share one fit. */
const FITS = new WeakMap<Dataset, Map<string, Maybe<FittedPAlive>>>();

/**
 * Fits BG/NBD to the orders dated on or before `asOf` (calibration end `asOf`, time in `unit`) and
 * returns every customer's P(alive) at `asOf`. One-time buyers get 1 (the model's own answer: a
 * customer can only drop out after a repeat purchase). Unavailable when the data cannot support the
 * fit (no orders, too few repeat buyers, a diverging fit). The result is shared between calls with
 * the same Dataset, date and unit: treat it as read-only.
 */
export function fittedPAlive(dataset: Dataset, asOf: number, unit: TimeUnit = 'week'): Maybe<FittedPAlive> {
  let fits = FITS.get(dataset);
  if (!fits) FITS.set(dataset, (fits = new Map()));
  const key = `${asOf} ${unit}`;
  let fit = fits.get(key);
  if (!fit) fits.set(key, (fit = fitPAlive(dataset, asOf, unit)));
  return fit;
}

function fitPAlive(dataset: Dataset, asOf: number, unit: TimeUnit): Maybe<FittedPAlive> {
  const summary = customerSummary(dataset, { calibrationEnd: asOf, unit });
  if (!summary.available) return summary;
  const fit = fitBgNbd(summary);
  if (!fit.available) return fit;
  const pAlive = new Float64Array(dataset.customerCount).fill(NaN);
  bgnbdPAlives(fit.params, summary.customer, summary.x, summary.tx, summary.T, pAlive);
  return available({ pAlive, params: fit.params, unit: summary.unit, customers: summary.length });
}

const FITTING_NEEDS = [{ table: 'orders', fields: ['customer_id', 'date', 'amount'] }] as const;

/**
 * Resolves a {@link PAliveSource} for an analysis dated `asOf`. Throws a RangeError (naming
 * `analysis`) when `source` is none of the accepted forms.
 */
export function resolvePAlive(analysis: string, dataset: Dataset, source: unknown, asOf: number): ResolvedPAlive {
  const { pAlive } = parseOptions(analysis, z.object({ pAlive: PAliveSourceSchema.default('model') }), { pAlive: source });
  if (pAlive === 'none') {
    return { status: { source: 'none', available: false, reason: 'not-requested', message: 'P(alive) is turned off (pAlive: "none")', needs: [] } };
  }
  if (pAlive instanceof Float64Array) {
    if (pAlive.length !== dataset.customerCount) {
      const message = `pAlive holds ${pAlive.length} values, the data has ${dataset.customerCount} customers`;
      return { status: { source: 'values', available: false, reason: 'invalid-data', message, needs: [] } };
    }
    let customers = 0;
    for (let c = 0; c < pAlive.length; c++) if (!Number.isNaN(pAlive[c])) customers++;
    return { values: pAlive, status: { source: 'values', available: true, customers } };
  }
  const fit = fittedPAlive(dataset, asOf);
  if (!fit.available) {
    const needs = fit.needs.length > 0 ? fit.needs : FITTING_NEEDS;
    return { status: { source: 'model', available: false, reason: fit.reason, message: `no BG/NBD fit for P(alive): ${fit.message}`, needs } };
  }
  return {
    values: fit.pAlive,
    status: { source: 'model', available: true, customers: fit.customers, calibrationEnd: isoDate(asOf), unit: fit.unit, params: fit.params },
  };
}
