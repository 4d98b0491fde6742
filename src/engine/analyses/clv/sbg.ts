/**
 * Shifted-beta-geometric (sBG) model of contractual retention (Fader & Hardie, "How to project
 * customer retention", J. Interactive Marketing 2007): each customer churns at each renewal with a
 * fixed probability, beta(alpha, beta)-distributed across customers. Discounted expected (residual)
 * lifetimes after Fader & Hardie, "Customer-base valuation in a contractual setting" (Marketing
 * Science 2010).
 */
import { hyp2f1, lnBeta } from '../../math/special.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { fitLogParameters, standardErrors, type FitDiagnostics } from './fit.js';

/** sBG parameters. */
export interface SbgParams {
  readonly alpha: number;
  readonly beta: number;
}

/** A fitted sBG model. */
export interface SbgFit extends FitDiagnostics {
  readonly model: 'sbg';
  readonly params: SbgParams;
  /** Renewal periods used for calibration. */
  readonly periods: number;
}

const NAMES = ['alpha', 'beta'] as const;

/** P(T = t) for t = 1..periods: the share of a cohort churning at renewal t. */
export function sbgChurnProbabilities(p: SbgParams, periods: number): Float64Array {
  const out = new Float64Array(periods);
  let prob = p.alpha / (p.alpha + p.beta);
  for (let t = 1; t <= periods; t++) {
    out[t - 1] = prob;
    prob *= (p.beta + t - 1) / (p.alpha + p.beta + t);
  }
  return out;
}

/** S(t) = B(alpha, beta + t) / B(alpha, beta) for t = 0..periods: the share still subscribed. */
export function sbgSurvival(p: SbgParams, periods: number): Float64Array {
  const out = new Float64Array(periods + 1);
  out[0] = 1;
  for (let t = 1; t <= periods; t++) out[t] = out[t - 1] * ((p.beta + t - 1) / (p.alpha + p.beta + t - 1));
  return out;
}

/** Retention rate at renewal t (t >= 1): (beta + t - 1) / (alpha + beta + t - 1); it rises with t. */
export function sbgRetention(p: SbgParams, t: number): number {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}

/** Log-likelihood of survivor counts n_0 >= n_1 >= ... >= n_k. */
export function sbgLogLikelihood(p: SbgParams, survivors: ArrayLike<number>): number {
  const periods = survivors.length - 1;
  const churn = sbgChurnProbabilities(p, periods);
  let ll = 0;
  for (let t = 1; t <= periods; t++) ll += (survivors[t - 1] - survivors[t]) * Math.log(churn[t - 1]);
  return ll + survivors[periods] * (lnBeta(p.alpha, p.beta + periods) - lnBeta(p.alpha, p.beta));
}

/**
 * Maximum-likelihood sBG fit from the survivors at the start of periods 0..k (k >= 2): a cohort's
 * size, then how many are still active after each renewal.
 */
export function fitSbg(survivors: ArrayLike<number>): Maybe<SbgFit> {
  const n = survivors.length;
  if (n < 3) return unavailable('invalid-data', `sBG needs the cohort size and at least 2 periods of survivors, got ${n} value(s)`);
  for (let t = 0; t < n; t++) {
    const v = survivors[t];
    if (!(Number.isFinite(v) && v >= 0)) return unavailable('invalid-data', `survivors at period ${t} must be a non-negative number`);
    if (t > 0 && v > survivors[t - 1]) {
      return unavailable('invalid-data', `survivors must not increase: period ${t} has ${v} after ${survivors[t - 1]}`);
    }
  }
  if (survivors[0] === 0) return unavailable('no-rows', 'the cohort is empty');
  if (survivors[n - 1] === survivors[0]) return unavailable('invalid-data', 'nobody churned: retention cannot be estimated');
  const counts = Float64Array.from(survivors);
  const fromTheta = (theta: Float64Array): SbgParams => ({ alpha: Math.exp(theta[0]), beta: Math.exp(theta[1]) });
  const fit = fitLogParameters('sBG', NAMES, (theta) => sbgLogLikelihood(fromTheta(theta), counts), [0, 0], counts[0]);
  if ('available' in fit) return fit;
  const params = fromTheta(fit.theta);
  return available({
    model: 'sbg' as const,
    params,
    periods: n - 1,
    logLikelihood: sbgLogLikelihood(params, counts),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    converged: fit.converged,
    customers: counts[0],
    standardErrors: standardErrors(NAMES, [params.alpha, params.beta], fit.logStandardErrors),
  });
}

/**
 * Discounted expected lifetime of a new customer, in payments, the first (at time 0) included:
 * DEL = Σ_t S(t) / (1+d)^t = 2F1(1, beta; alpha + beta; 1/(1+d)). Multiply by the margin per period.
 */
export function sbgDiscountedExpectedLifetime(p: SbgParams, discountRate: number): number {
  return hyp2f1(1, p.beta, p.alpha + p.beta, 1 / (1 + discountRate));
}

/**
 * Discounted expected residual lifetime of a customer who has made `renewals` renewals (n - 1 in the
 * paper), just before the next one is due: (beta+n-1)/(alpha+beta+n-1) 2F1(1, beta+n; alpha+beta+n; 1/(1+d)).
 */
export function sbgDiscountedExpectedResidualLifetime(p: SbgParams, discountRate: number, renewals: number): number {
  const n = renewals + 1;
  return ((p.beta + n - 1) / (p.alpha + p.beta + n - 1)) * hyp2f1(1, p.beta + n, p.alpha + p.beta + n, 1 / (1 + discountRate));
}
