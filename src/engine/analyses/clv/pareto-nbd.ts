/**
 * Pareto/NBD model of non-contractual repeat buying (Schmittlein, Morrison & Colombo, Management
 * Science 1987; likelihood as in Fader, Hardie & Lee, "A note on implementing the Pareto/NBD model in
 * MATLAB", 2005): Poisson purchases with a gamma(r, alpha) rate, exponential lifetimes with a
 * gamma(s, beta) dropout rate.
 */
import { hyp2f1, lnGamma, logDiffExp, logSumExp, logistic } from '../../math/special.js';
import { available, type Maybe } from '../availability.js';
import type { FitDiagnostics } from './fit.js';
import { fitPurchaseModel, type PurchaseFitOptions } from './purchase-fit.js';
import type { RepeatModel } from './repeat-model.js';
import { summaryRows, type WeightedRows } from './rows.js';
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

/**
 * One of the two terms of A0 (see METRICS.md), in log space: ln 2F1(r+s+x, b'; r+s+x+1; z) -
 * (r+s+x) ln(max(alpha, beta) + t). Whichever of alpha and beta is larger goes in the denominator, so
 * z = |alpha - beta| / (max + t) lies in [0, 1).
 */
function a0Term(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const big = Math.max(alpha, beta);
  const b2 = alpha >= beta ? s + 1 : r + x;
  return Math.log(hyp2f1(rsx, b2, rsx + 1, Math.abs(alpha - beta) / (big + t))) - rsx * Math.log(big + t);
}

/** ln A0 from its terms at t_x and T: A0 integrates a positive density over (t_x, T), so it is >= 0. */
function logA0From(atTx: number, atT: number): number {
  return atT >= atTx ? -Infinity : logDiffExp(atTx, atT);
}

function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logA0From(a0Term(p, x, tx), a0Term(p, x, T));
}

/** ln of the "still alive at T" term: -(r+x) ln(alpha+T) - s ln(beta+T). */
function logAliveTerm(p: ParetoNbdParams, x: number, T: number): number {
  return -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
}

/** Log-likelihood of one customer's (x, t_x, T). */
export function paretoNbdCustomerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return customerLogLikelihood(p, x, T, logA0(p, x, tx, T));
}

function customerLogLikelihood(p: ParetoNbdParams, x: number, T: number, lnA0: number): number {
  const { r, alpha, s, beta } = p;
  const constant = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  return constant + logSumExp(logAliveTerm(p, x, T), Math.log(s / (r + s + x)) + lnA0);
}

/** Summed Pareto/NBD log-likelihood of a summary. */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, summary: CustomerSummary): number {
  return totalLogLikelihood(p, summaryRows(summary, 1));
}

/**
 * Summed log-likelihood over distinct rows. Rows are sorted by x then T, so a 2F1 term equal to the
 * previous row's (same x and T, or same x and t_x — all one-time buyers share t_x = 0) is reused.
 */
function totalLogLikelihood(p: ParetoNbdParams, rows: WeightedRows): number {
  const { x, tx, T, weight } = rows;
  let sum = 0;
  let atT = NaN;
  let atTx = NaN;
  for (let i = 0; i < rows.length; i++) {
    const sameX = i > 0 && x[i] === x[i - 1];
    if (!(sameX && T[i] === T[i - 1])) atT = a0Term(p, x[i], T[i]);
    if (!(sameX && tx[i] === tx[i - 1])) atTx = a0Term(p, x[i], tx[i]);
    sum += weight[i] * customerLogLikelihood(p, x[i], T[i], logA0From(atTx, atT));
  }
  return sum;
}

/** Options of {@link fitParetoNbd}. */
export type ParetoNbdFitOptions = PurchaseFitOptions;

/**
 * Maximum-likelihood Pareto/NBD fit over log-parameters, time rescaled so the largest T is 1 (alpha
 * and beta scaled back). The likelihood is flat along beta: expect drift in its third digit between
 * implementations.
 */
export function fitParetoNbd(summary: CustomerSummary, options: ParetoNbdFitOptions = {}): Maybe<ParetoNbdFit> {
  const fit = fitPurchaseModel<ParetoNbdParams>(
    { model: 'Pareto/NBD', names: ['r', 'alpha', 's', 'beta'], timeScaled: ['alpha', 'beta'], logLikelihood: totalLogLikelihood },
    summary,
    options,
  );
  return fit.available ? available({ ...fit, model: 'pareto-nbd' as const, unit: summary.unit }) : fit;
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
