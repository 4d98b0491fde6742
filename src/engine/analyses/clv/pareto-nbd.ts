/**
 * Pareto/NBD model of non-contractual repeat buying (Schmittlein, Morrison & Colombo, Management
 * Science 1987; likelihood as in Fader, Hardie & Lee, "A note on implementing the Pareto/NBD model in
 * MATLAB", 2005): Poisson purchases with a gamma(r, alpha) rate, exponential lifetimes with a
 * gamma(s, beta) dropout rate.
 */
import { hyp2f1, lnGamma, logDiffExp, logSumExp, logistic } from '../../math/special.js';
import { available, type Maybe } from '../availability.js';
import { checkSummary, fitLogParameters, maxTime, standardErrors, type FitDiagnostics } from './fit.js';
import type { RepeatModel } from './repeat-model.js';
import type { CustomerSummary, TimeUnit } from './summary.js';

/** Pareto/NBD parameters: gamma(r, alpha) purchase rates, gamma(s, beta) dropout rates. */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/** A fitted Pareto/NBD model. */
export interface ParetoNbdFit extends FitDiagnostics {
  readonly model: 'pareto-nbd';
  readonly params: ParetoNbdParams;
  readonly unit: TimeUnit;
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/**
 * ln A0 (see METRICS.md): the 2F1 difference of the likelihood, in log space. Whichever of alpha and
 * beta is larger goes in the denominators, so the 2F1 argument lies in [0, 1).
 */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const [big, small, b2] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + x];
  const term = (t: number): number => Math.log(hyp2f1(rsx, b2, rsx + 1, (big - small) / (big + t))) - rsx * Math.log(big + t);
  const atTx = term(tx);
  const atT = term(T);
  // A0 is an integral of a positive density over (t_x, T): zero when they coincide, never negative.
  return atT >= atTx ? -Infinity : logDiffExp(atTx, atT);
}

/** ln of the "still alive at T" term: -(r+x) ln(alpha+T) - s ln(beta+T). */
function logAliveTerm(p: ParetoNbdParams, x: number, T: number): number {
  return -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
}

/** Log-likelihood of one customer's (x, t_x, T). */
export function paretoNbdCustomerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const constant = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return constant + logSumExp(logAliveTerm(p, x, T), Math.log(s / (r + s + x)) + logA0(p, x, tx, T));
}

/** Summed Pareto/NBD log-likelihood of a summary. */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, summary: CustomerSummary): number {
  return totalLogLikelihood(p, summary.x, summary.tx, summary.T);
}

function totalLogLikelihood(p: ParetoNbdParams, x: Float64Array, tx: Float64Array, T: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += paretoNbdCustomerLogLikelihood(p, x[i], tx[i], T[i]);
  return sum;
}

/** Options of {@link fitParetoNbd}. */
export interface ParetoNbdFitOptions {
  /** Least number of customers with x > 0 (default 10). */
  readonly minRepeatBuyers?: number;
}

/**
 * Maximum-likelihood Pareto/NBD fit over log-parameters, time rescaled so the largest T is 1 (alpha
 * and beta scaled back). The likelihood is flat along beta: expect drift in its third digit between
 * implementations.
 */
export function fitParetoNbd(summary: CustomerSummary, options: ParetoNbdFitOptions = {}): Maybe<ParetoNbdFit> {
  const problem = checkSummary(summary, options.minRepeatBuyers);
  if (problem) return problem;
  const scale = maxTime(summary.T);
  const tx = summary.tx.map((v) => v / scale);
  const T = summary.T.map((v) => v / scale);
  const fromTheta = (theta: Float64Array): ParetoNbdParams => ({
    r: Math.exp(theta[0]),
    alpha: Math.exp(theta[1]),
    s: Math.exp(theta[2]),
    beta: Math.exp(theta[3]),
  });
  const fit = fitLogParameters(
    'Pareto/NBD',
    NAMES,
    (theta) => totalLogLikelihood(fromTheta(theta), summary.x, tx, T),
    [0, 0, 0, 0],
    summary.length,
  );
  if ('available' in fit) return fit;
  const scaled = fromTheta(fit.theta);
  const params: ParetoNbdParams = { ...scaled, alpha: scaled.alpha * scale, beta: scaled.beta * scale };
  return available({
    model: 'pareto-nbd' as const,
    params,
    unit: summary.unit,
    logLikelihood: paretoNbdLogLikelihood(params, summary),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    converged: fit.converged,
    customers: summary.length,
    standardErrors: standardErrors(NAMES, [params.r, params.alpha, params.s, params.beta], fit.logStandardErrors),
  });
}

/** P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0). */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logistic(Math.log(p.s / (p.r + p.s + x)) + logA0(p, x, tx, T) - logAliveTerm(p, x, T));
}

/** (1 - (base/(base+t))^(s-1)) / (s-1), with its limit ln((base+t)/base) at s = 1. */
function dropoutIntegral(s: number, base: number, t: number): number {
  const ratio = Math.log(base / (base + t));
  return Math.abs(s - 1) < 1e-9 ? -ratio : -Math.expm1((s - 1) * ratio) / (s - 1);
}

/** E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]. */
export function paretoNbdExpectedPurchases(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return ((p.r * p.beta) / p.alpha) * dropoutIntegral(p.s, p.beta, t);
}

/** E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive). */
export function paretoNbdConditionalExpectedPurchases(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const rate = ((p.r + x) * (p.beta + T)) / (p.alpha + T);
  return rate * dropoutIntegral(p.s, p.beta + T, t) * paretoNbdPAlive(p, x, tx, T);
}

/** The fitted Pareto/NBD as a {@link RepeatModel}. */
export function paretoNbdModel(p: ParetoNbdParams): RepeatModel {
  return {
    name: 'pareto-nbd',
    pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
    expectedPurchases: (t) => paretoNbdExpectedPurchases(p, t),
    conditionalExpectedPurchases: (t, x, tx, T) => paretoNbdConditionalExpectedPurchases(p, t, x, tx, T),
  };
}
