/**
 * What every model fit shares: input checks that name the problem instead of producing NaN, the
 * maximisation over log-parameters, and standard errors from the numerical Hessian.
 */
import { hessianFromGradient, minimize, numericalHessian, invertMatrix, type ObjectiveWithGradient } from '../../math/optimize.js';
import { unavailable, type Unavailable } from '../availability.js';
import type { CustomerSummary } from './summary.js';

/** How a fit went. Deterministic: the same data give the same numbers. */
export interface FitDiagnostics {
  /** Maximised log-likelihood, on the data's own time scale. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** Whether the optimiser met its gradient criterion. */
  readonly converged: boolean;
  /** Customers (or cohort members) the fit used. */
  readonly customers: number;
  /** Asymptotic standard errors by parameter name (NaN where the Hessian is not invertible). */
  readonly standardErrors: Readonly<Record<string, number>>;
  /**
   * Set when the fit stopped unconverged on a likelihood that is flat toward the boundary (see
   * {@link BOUNDARY_LOG_PARAMETER}): names the parameters that ran off and what that means.
   */
  readonly note?: string;
}

/** Default least number of repeat buyers a fit needs. */
export const MIN_REPEAT_BUYERS = 10;

/**
 * Checks summary rows for the purchase models: finite, x >= 0, 0 <= t_x <= T, t_x > 0 when x > 0, some time observed and
 * at least `minRepeatBuyers` customers with x > 0. Returns why not, or null.
 */
export function checkSummary(summary: CustomerSummary, minRepeatBuyers = MIN_REPEAT_BUYERS): Unavailable | null {
  const { x, tx, T } = summary;
  const found = new Float64Array(3);
  const i = firstInvalidRow(x, tx, T, summary.length, found);
  if (i >= 0) {
    if (found[0] === NOT_FINITE) return unavailable('invalid-data', `customer row ${i + 1}: x, t_x and T must be finite and non-negative`);
    if (found[0] === AFTER_T) return unavailable('invalid-data', `customer row ${i + 1}: t_x (${tx[i]}) is after T (${T[i]})`);
    return unavailable('invalid-data', `customer row ${i + 1}: x = ${x[i]} repeat purchase(s) but t_x = 0 (a repeat purchase must come after the first)`);
  }
  const repeatBuyers = found[1];
  const maxT = found[2];
  if (summary.length === 0) return unavailable('no-rows', 'no customers to fit');
  if (maxT === 0) return unavailable('invalid-data', 'every customer was acquired on the calibration end: no time observed');
  if (repeatBuyers < minRepeatBuyers) {
    return unavailable(
      'invalid-data',
      `too few repeat buyers to fit: ${repeatBuyers} customer(s) with a repeat purchase, at least ${minRepeatBuyers} needed`,
    );
  }
  return null;
}

/** What is wrong with the row {@link firstInvalidRow} finds. */
const NOT_FINITE = 1;
const AFTER_T = 2;
const REPEAT_AT_ZERO = 3;

/**
 * The first of `length` rows that {@link checkSummary} rejects, with what is wrong in `found[0]`, or
 * -1 with the number of repeat buyers in `found[1]` and the largest T in `found[2]`.
 * A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function firstInvalidRow(x: Float64Array, tx: Float64Array, T: Float64Array, length: number, found: Float64Array): number {
  let repeatBuyers = 0;
  let maxT = 0;
  for (let i = 0; i < length; i++) {
    const problem = !(x[i] >= 0 && tx[i] >= 0 && T[i] >= 0 && Number.isFinite(x[i] + tx[i] + T[i]))
      ? NOT_FINITE
      : tx[i] > T[i] * (1 + 1e-9) + 1e-9
        ? AFTER_T
        : // x repeat purchases come after the first, so the last one is strictly later (the models divide by it).
          x[i] > 0 && tx[i] === 0
          ? REPEAT_AT_ZERO
          : 0;
    if (problem !== 0) {
      found[0] = problem;
      return i;
    }
    if (x[i] > 0) repeatBuyers++;
    if (T[i] > maxT) maxT = T[i];
  }
  found[1] = repeatBuyers;
  found[2] = maxT;
  return -1;
}

/** Largest T of a summary (the time scale the fits condition on). */
export function maxTime(T: Float64Array): number {
  let m = 0;
  for (let i = 0; i < T.length; i++) if (T[i] > m) m = T[i];
  return m;
}

/** Largest |log-parameter| accepted: beyond it a parameter ran off to 0 or infinity. */
const LOG_PARAMETER_BOUND = 25;

/**
 * |log-parameter| (time rescaled so the largest T is 1) beyond which an unconverged fit is taken to sit
 * on a flat ridge toward 0 or infinity rather than at an interior optimum: e^10 ~ 22,000 is far beyond
 * any shape or scale the data identify. The fit is then reported with a {@link FitDiagnostics.note}.
 */
export const BOUNDARY_LOG_PARAMETER = 10;

/** A maximum-likelihood solution in log-parameters. */
export interface LogParameterFit {
  /** The log-parameters at the optimum. */
  readonly theta: Float64Array;
  /** The summed log-likelihood there (the optimiser's last value, scaled back from its mean). */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /**
   * Standard errors of the log-parameters, computed on the first call: their Hessian costs n + 1
   * gradient evaluations over the full data, and most callers (predictions, tiers) never ask.
   */
  readonly logStandardErrors: () => Float64Array;
  /** Names of the parameters an unconverged fit left beyond {@link BOUNDARY_LOG_PARAMETER}. */
  readonly boundary: readonly string[];
}

/** Size of the subsample a large fit first runs on to find its start (see {@link subsampleStride}). */
export const WARM_UP_SIZE = 10_000;

/**
 * The stride of a deterministic subsample (every k-th customer) of about {@link WARM_UP_SIZE}
 * customers, or 0 when the data are small enough to fit directly.
 */
export function subsampleStride(customers: number): number {
  return customers > 2 * WARM_UP_SIZE ? Math.ceil(customers / WARM_UP_SIZE) : 0;
}

/** A summed log-likelihood that also writes its gradient over the log-parameters into `out`. */
export type LogLikelihoodGradient = (theta: Float64Array, out: Float64Array) => number;

/** A cheaper likelihood (a subsample's) to find the start of the full fit. */
export interface WarmUp {
  readonly logLikelihood: (theta: Float64Array) => number;
  readonly gradient?: LogLikelihoodGradient;
  readonly observations: number;
}

/** The minimised objective -LL / observations with its gradient, from a log-likelihood gradient. */
function meanLossGradient(gradient: LogLikelihoodGradient | undefined, observations: number): ObjectiveWithGradient | undefined {
  if (!gradient) return undefined;
  return (theta, out) => {
    const value = gradient(theta, out);
    for (let i = 0; i < out.length; i++) out[i] = -out[i] / observations;
    return -value / observations;
  };
}

/**
 * Maximises a log-likelihood over log-parameters (so every parameter stays positive). `logLikelihood`
 * returns the summed LL; the optimiser works on its per-observation mean for scale-free tolerances.
 * With a `warmUp`, the optimum of that cheaper likelihood is the start: on 100k customers the full
 * likelihood is then evaluated a few dozen times instead of a few hundred. With a `gradient` (and
 * the warm-up's), BFGS and the standard errors use it instead of finite differences. Iterations add up.
 */
export function fitLogParameters(
  model: string,
  names: readonly string[],
  logLikelihood: (theta: Float64Array) => number,
  start: readonly number[],
  observations: number,
  warmUp?: WarmUp,
  gradient?: LogLikelihoodGradient,
): LogParameterFit | Unavailable {
  const objective = (theta: Float64Array): number => -logLikelihood(theta) / observations;
  const objectiveGradient = meanLossGradient(gradient, observations);
  const first = warmUp
    ? minimize((theta) => -warmUp.logLikelihood(theta) / warmUp.observations, start, {
        gradient: meanLossGradient(warmUp.gradient, warmUp.observations),
        bound: LOG_PARAMETER_BOUND,
      })
    : undefined;
  const warm = first && Number.isFinite(first.value);
  // A warm-up that ran off is not a start: the full likelihood decides from the default start.
  const polished = minimize(objective, warm && !first.escaped ? first.x : start, {
    inverseHessian: warm && !first.escaped ? first.inverseHessian : undefined,
    gradient: objectiveGradient,
    bound: LOG_PARAMETER_BOUND,
  });
  const found = first
    ? { ...polished, iterations: first.iterations + polished.iterations, evaluations: first.evaluations + polished.evaluations }
    : polished;
  if (!Number.isFinite(found.value)) {
    return unavailable('invalid-data', `the ${model} likelihood cannot be evaluated on these data`);
  }
  for (let i = 0; i < names.length; i++) {
    if (Math.abs(found.x[i]) > LOG_PARAMETER_BOUND) {
      return unavailable(
        'invalid-data',
        `the ${model} fit diverged (${names[i]} -> ${found.x[i] > 0 ? 'infinity' : '0'}): the data do not identify the model`,
      );
    }
  }
  let logStandardErrors: Float64Array | undefined;
  const standardErrorsAtOptimum = (): Float64Array => {
    if (logStandardErrors) return logStandardErrors;
    const hessian = gradient
      ? hessianFromGradient(meanLossGradient(gradient, 1)!, found.x)
      : numericalHessian((theta) => -logLikelihood(theta), found.x);
    const covariance = invertMatrix(hessian, names.length);
    logStandardErrors = new Float64Array(names.length).fill(NaN);
    if (covariance) {
      for (let i = 0; i < names.length; i++) {
        const v = covariance[i * names.length + i];
        if (v > 0) logStandardErrors[i] = Math.sqrt(v);
      }
    }
    return logStandardErrors;
  };
  return {
    theta: found.x,
    logLikelihood: -found.value * observations,
    iterations: found.iterations,
    evaluations: found.evaluations,
    converged: found.converged,
    logStandardErrors: standardErrorsAtOptimum,
    boundary: found.converged ? [] : names.filter((_, i) => Math.abs(found.x[i]) > BOUNDARY_LOG_PARAMETER),
  };
}

/**
 * Standard errors of the parameters from those of their logarithms (delta method), by name. Each
 * entry is a getter: the log-parameters' standard errors are computed when one is first read (or the
 * record is copied or serialised), so fits whose standard errors nobody reads skip the Hessian.
 */
export function standardErrors(
  names: readonly string[],
  values: readonly number[],
  logStandardErrors: () => Float64Array,
): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, i) => Object.defineProperty(out, name, { enumerable: true, get: () => values[i] * logStandardErrors()[i] }));
  return out;
}
