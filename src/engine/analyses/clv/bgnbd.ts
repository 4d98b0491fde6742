/**
 * BG/NBD ("beta-geometric / negative binomial") model of non-contractual repeat buying, after Fader,
 * Hardie & Lee, "Counting your customers the easy way" (Marketing Science, 2005): purchases follow a
 * Poisson process with a gamma(r, alpha) rate across customers; after each repeat purchase a customer
 * drops out with a beta(a, b) probability.
 */
import { digamma, hyp2f1, lnBeta, lnDampedHyp2f1, lnGamma, logSumExp, logistic, NEAR_ONE } from '../../math/special.js';
import { available, type Maybe } from '../availability.js';
import { derived } from '../../dataset/derived.js';
import { MIN_REPEAT_BUYERS, type FitDiagnostics } from './fit.js';
import { fitPurchaseModel, type PurchaseFitOptions } from './purchase-fit.js';
import { discountedHorizon, type RepeatModel } from './repeat-model.js';
import { summaryRows, type WeightedRows } from './rows.js';
import type { CustomerSummary, TimeUnit } from './summary.js';

/** BG/NBD parameters: gamma(r, alpha) purchase rates, beta(a, b) dropout probabilities. */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit extends FitDiagnostics {
  readonly model: 'bgnbd';
  readonly params: BgNbdParams;
  readonly unit: TimeUnit;
}

/* Loops below are kernels (the parameters as r, alpha, a, b): see "Hot loops are kernels" in docs/architecture.md. */

/** ln a/(b+x-1) + (r+x) ln((alpha+T)/(alpha+t_x)): the log-odds of "dropped out" against "alive". */
function logOddsDead(r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number): number {
  return Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
}

/** {@link bgnbdPAlive} with the parameters as numbers. */
function pAliveOf(r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number): number {
  return x > 0 ? logistic(logOddsDead(r, alpha, a, b, x, tx, T)) : 1;
}

/** Log-likelihood of one customer's (x, t_x, T), computed in log space (FHL 2005 eq. 6). */
export function bgnbdCustomerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logSumExp(a3, a4);
}

/**
 * The parts of each customer's log-likelihood that depend only on x, once per distinct x: the Γ terms
 * (`constant`) and the log of the dropout branch's factor a / (b + x - 1) (`dropTerm`).
 */
function distinctXTerms(p: BgNbdParams, xs: Float64Array | readonly number[]): { constant: Float64Array; dropTerm: Float64Array } {
  const { r, alpha, a, b } = p;
  const constant = new Float64Array(xs.length);
  const dropTerm = new Float64Array(xs.length);
  const base = lnGamma(a + b) - lnGamma(r) - lnGamma(b) + r * Math.log(alpha);
  for (let k = 0; k < xs.length; k++) {
    const xv = xs[k];
    constant[k] = base + lnGamma(r + xv) + lnGamma(b + xv) - lnGamma(a + b + xv);
    dropTerm[k] = xv > 0 ? Math.log(a) - Math.log(b + xv - 1) : -Infinity;
  }
  return { constant, dropTerm };
}

/** ln(alpha + v) and 1 / (alpha + v) for each of a few hundred distinct times, once per evaluation instead of once per row. */
function shiftedLogs(alpha: number, values: Float64Array): { log: Float64Array; inverse: Float64Array } {
  const log = new Float64Array(values.length);
  const inverse = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    log[k] = Math.log(alpha + values[k]);
    inverse[k] = 1 / (alpha + values[k]);
  }
  return { log, inverse };
}

/**
 * Summed log-likelihood over distinct rows. The Γ terms depend on x alone, so they are computed once
 * per distinct x, and ln(alpha + T), ln(alpha + t_x) once per distinct time: per row there remains a
 * log-sum-exp (none for the one-time buyers, whose dropout term is absent).
 */
function totalLogLikelihood(p: BgNbdParams, rows: WeightedRows): number {
  const { constant, dropTerm } = distinctXTerms(p, rows.xs);
  const logT = shiftedLogs(p.alpha, rows.Ts).log;
  const logTx = shiftedLogs(p.alpha, rows.txs).log;
  return rowsLogLikelihood(p.r, rows.slot, rows.x, rows.weight, rows.TSlot, rows.txSlot, constant, dropTerm, logT, logTx);
}

/** The row loop of {@link totalLogLikelihood}: per row a log-sum-exp over the per-x and per-time terms. */
function rowsLogLikelihood(
  r: number,
  slot: Int32Array,
  x: Float64Array,
  weight: Float64Array,
  TSlot: Int32Array,
  txSlot: Int32Array,
  constant: Float64Array,
  dropTerm: Float64Array,
  logT: Float64Array,
  logTx: Float64Array,
): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const k = slot[i];
    const rx = r + x[i];
    const alive = -rx * logT[TSlot[i]];
    const term = x[i] > 0 ? logSumExp(alive, dropTerm[k] - rx * logTx[txSlot[i]]) : alive;
    sum += weight[i] * (constant[k] + term);
  }
  return sum;
}

/**
 * {@link totalLogLikelihood} (the same value) and its partial derivatives by r, alpha, a, b into `out`,
 * in one pass: per row the log-sum-exp's two weights share one exponential with it; the ψ terms of
 * the Γ functions are again computed once per distinct x, the logarithms once per distinct time.
 */
function logLikelihoodGradient(p: BgNbdParams, rows: WeightedRows, out: Float64Array): number {
  const { r, alpha, a, b } = p;
  const { xs } = rows;
  const { constant, dropTerm } = distinctXTerms(p, xs);
  const atT = shiftedLogs(alpha, rows.Ts);
  const atTx = shiftedLogs(alpha, rows.txs);
  const slotWeight = new Float64Array(xs.length);
  // Weight of the dropout branch per distinct x: its derivatives by a and b are divided once per x.
  const slotDrop = new Float64Array(xs.length);
  const sums = new Float64Array(3);
  rowsGradient(r, rows.slot, rows.x, rows.weight, rows.TSlot, rows.txSlot, constant, dropTerm, atT.log, atT.inverse, atTx.log, atTx.inverse, slotWeight, slotDrop, sums);
  const sum = sums[0];
  let dr = sums[1];
  let dAlpha = sums[2];
  let da = 0;
  let db = 0;
  for (let k = 0; k < xs.length; k++) {
    if (slotDrop[k] === 0) continue;
    da += slotDrop[k] / a;
    db -= slotDrop[k] / (b + xs[k] - 1);
  }
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const psiR = digamma(r);
  for (let k = 0; k < xs.length; k++) {
    const w = slotWeight[k];
    const xv = xs[k];
    const psiABX = digamma(a + b + xv);
    dr += w * (digamma(r + xv) - psiR + Math.log(alpha));
    dAlpha += (w * r) / alpha;
    da += w * (psiAB - psiABX);
    db += w * (psiAB - psiB + digamma(b + xv) - psiABX);
  }
  out[0] = dr;
  out[1] = dAlpha;
  out[2] = da;
  out[3] = db;
  return sum;
}

/**
 * The row loop of {@link logLikelihoodGradient}: the summed log-likelihood, its derivatives by r and
 * alpha into `sums` [sum, dr, dAlpha], and per distinct x the rows' weight and dropout-branch weight.
 */
function rowsGradient(
  r: number,
  slot: Int32Array,
  x: Float64Array,
  weight: Float64Array,
  TSlot: Int32Array,
  txSlot: Int32Array,
  constant: Float64Array,
  dropTerm: Float64Array,
  logTs: Float64Array,
  inverseTs: Float64Array,
  logTxs: Float64Array,
  inverseTxs: Float64Array,
  slotWeight: Float64Array,
  slotDrop: Float64Array,
  sums: Float64Array,
): void {
  let sum = 0;
  let dr = 0;
  let dAlpha = 0;
  for (let i = 0; i < x.length; i++) {
    const k = slot[i];
    const w = weight[i];
    const rx = r + x[i];
    const tk = TSlot[i];
    const logT = logTs[tk];
    const alive = -rx * logT;
    slotWeight[k] += w;
    if (x[i] > 0) {
      const txk = txSlot[i];
      const logTx = logTxs[txk];
      const drop = dropTerm[k] - rx * logTx;
      // ln(e^alive + e^drop) and the dropout term's weight e^drop / (e^alive + e^drop), from one e^-|drop - alive|.
      const e = Math.exp(drop > alive ? alive - drop : drop - alive);
      const share = 1 / (1 + e);
      const wDrop = drop > alive ? share : 1 - share;
      const wAlive = 1 - wDrop;
      sum += w * (constant[k] + (drop > alive ? drop : alive) + Math.log1p(e));
      dr -= w * (wAlive * logT + wDrop * logTx);
      dAlpha -= w * rx * (wAlive * inverseTs[tk] + wDrop * inverseTxs[txk]);
      slotDrop[k] += w * wDrop;
    } else {
      sum += w * (constant[k] + alive);
      dr -= w * logT;
      dAlpha -= w * rx * inverseTs[tk];
    }
  }
  sums[0] = sum;
  sums[1] = dr;
  sums[2] = dAlpha;
}

/** Summed BG/NBD log-likelihood of a summary and its partial derivatives by each parameter. */
export function bgnbdLogLikelihoodGradient(p: BgNbdParams, summary: CustomerSummary): { logLikelihood: number; gradient: BgNbdParams } {
  const out = new Float64Array(4);
  const logLikelihood = logLikelihoodGradient(p, summaryRows(summary, 1), out);
  return { logLikelihood, gradient: { r: out[0], alpha: out[1], a: out[2], b: out[3] } };
}

/** Summed BG/NBD log-likelihood of a summary under given parameters. */
export function bgnbdLogLikelihood(p: BgNbdParams, summary: CustomerSummary): number {
  return totalLogLikelihood(p, summaryRows(summary, 1));
}

/** Options of {@link fitBgNbd}. */
export type BgNbdFitOptions = PurchaseFitOptions;

/**
 * Maximum-likelihood BG/NBD fit. Works on log-parameters with time rescaled so the largest T is 1
 * (alpha scaled back afterwards); the reported log-likelihood is on the summary's own time scale.
 * One fit per summary object and options (summaries are read-only), so analyses share it.
 */
export function fitBgNbd(summary: CustomerSummary, options: BgNbdFitOptions = {}): Maybe<BgNbdFit> {
  return derived(summary, `bgnbd ${options.minRepeatBuyers ?? MIN_REPEAT_BUYERS}`, () => {
    const fit = fitPurchaseModel<BgNbdParams>(
      {
        model: 'BG/NBD',
        names: ['r', 'alpha', 'a', 'b'],
        timeScaled: ['alpha'],
        logLikelihood: totalLogLikelihood,
        gradient: logLikelihoodGradient,
        boundaryMeaning: { 'a, b': 'a, b -> infinity: the data show no dropout heterogeneity, every customer drops out with the same probability a/(a+b)' },
      },
      summary,
      options,
    );
    return fit.available ? available({ ...fit, model: 'bgnbd' as const, unit: summary.unit }) : fit;
  });
}

/** P(alive | x, t_x, T); 1 when x = 0. Never overflows: huge x gives exactly 0, not NaN. */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  return pAliveOf(p.r, p.alpha, p.a, p.b, x, tx, T);
}

/** {@link bgnbdPAlive} of parallel (x, t_x, T) arrays, written at `customer[i]` of `out`. */
export function bgnbdPAlives(p: BgNbdParams, customer: Int32Array, x: Float64Array, tx: Float64Array, T: Float64Array, out: Float64Array): void {
  pAlivesOf(p.r, p.alpha, p.a, p.b, customer, x, tx, T, out);
}

function pAlivesOf(r: number, alpha: number, a: number, b: number, customer: Int32Array, x: Float64Array, tx: Float64Array, T: Float64Array, out: Float64Array): void {
  for (let i = 0; i < customer.length; i++) out[customer[i]] = pAliveOf(r, alpha, a, b, x[i], tx[i], T[i]);
}

/**
 * (1-z)^A 2F1(A, B; C; z), the survival factor of both expectations, in two steps so that no closure
 * is made per call (they run a dozen times per customer history). Above {@link NEAR_ONE} the 1-z
 * transformation loses every digit once b is large, so the damped series (all terms positive, exact)
 * is summed: this returns it, or NaN below NEAR_ONE or where that series does not settle, and the
 * caller then turns to its closed form through {@link closedOrDamped}.
 */
function dampedSurvival(A: number, B: number, C: number, z: number): number {
  return z > NEAR_ONE ? Math.exp(lnDampedHyp2f1(A, B, C, z)) : NaN;
}

/**
 * The survival factor from `closedForm` (the series branches of {@link hyp2f1}, a handful of terms),
 * unless that is not finite below NEAR_ONE: with a and b in the millions (a fit at the boundary, no
 * dropout heterogeneity) its powers overflow, and the damped series is summed instead.
 */
function closedOrDamped(closedForm: number, A: number, B: number, C: number, z: number): number {
  return Number.isFinite(closedForm) || z > NEAR_ONE ? closedForm : Math.exp(lnDampedHyp2f1(A, B, C, z));
}

/** E[X(t)]: expected repeat purchases of a new customer in (0, t] (FHL eq. 9). */
export function bgnbdExpectedPurchases(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  const damped = dampedSurvival(r, b, a + b - 1, z);
  const survival = Number.isFinite(damped)
    ? damped
    : closedOrDamped(Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z), r, b, a + b - 1, z);
  return ((a + b - 1) / (a - 1)) * (1 - survival);
}

/**
 * E[Y(t) | x, t_x, T] (FHL eq. 10). The factor ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)
 * is rewritten by Euler's transformation as (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z): no huge powers
 * for heavy buyers, and the series settles in a few terms.
 */
export function bgnbdConditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  return bgnbdExpectedPurchasesIfAlive(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/** E[Y(t) | alive at T, x, T]: {@link bgnbdConditionalExpectedPurchases} without its P(alive) factor. */
function bgnbdExpectedPurchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  return ifAliveOf(p.r, p.alpha, p.a, p.b, t, x, T);
}

/** {@link bgnbdExpectedPurchasesIfAlive} with the parameters as numbers. */
function ifAliveOf(r: number, alpha: number, a: number, b: number, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const damped = dampedSurvival(r + x, b + x, c, z);
  const survival = Number.isFinite(damped) ? damped : closedOrDamped(Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z), r + x, b + x, c, z);
  return (c / (a - 1)) * (1 - survival);
}

/**
 * P(X(t) = n): probability of exactly n repeat purchases in (0, t] for a new customer (FHL eq. 8).
 * The NBD tail in the second term is summed directly when small, so tiny probabilities keep their digits.
 */
export function bgnbdProbabilityOfPurchases(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lnB = lnBeta(a, b);
  const q = t / (alpha + t);
  const lnStay = r * Math.log(alpha / (alpha + t));
  const nbdTerm = (j: number): number =>
    Math.exp(lnGamma(r + j) - lnGamma(r) - lnGamma(j + 1) + lnStay + (j > 0 ? j * Math.log(q) : 0));
  const first = Math.exp(lnBeta(a, b + n) - lnB) * nbdTerm(n);
  if (n === 0) return first;
  let head = 0;
  for (let j = 0; j < n; j++) head += nbdTerm(j);
  let tail: number;
  if (head < 0.5) {
    tail = 1 - head;
  } else {
    tail = 0;
    for (let j = n, term = nbdTerm(n); term > 0 && term >= 1e-17 * tail; j++) {
      tail += term;
      term *= ((r + j) / (j + 1)) * q;
    }
  }
  return first + Math.exp(lnBeta(a + 1, b + n - 1) - lnB) * tail;
}

/**
 * {@link RepeatModel.horizonValues} of BG/NBD: per history, P(alive) and the curve if alive (once per
 * distinct (x, T): histories come sorted by x then T).
 */
function horizonValuesOf(
  r: number,
  alpha: number,
  a: number,
  b: number,
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
  const ifAlive = new Float64Array(times.length);
  for (let h = 0, shared = -1; h < first.length; h++) {
    const c = first[h];
    if (shared < 0 || x[c] !== x[shared] || T[c] !== T[shared]) {
      shared = c;
      for (let i = 0; i < times.length; i++) ifAlive[i] = ifAliveOf(r, alpha, a, b, times[i], x[c], T[c]);
    }
    const alive = pAliveOf(r, alpha, a, b, x[c], tx[c], T[c]);
    pAlive[h] = alive;
    discountedHorizon(ifAlive, alive, discount, h, purchases, value);
  }
}

/** The fitted BG/NBD as a {@link RepeatModel}. */
export function bgnbdModel(p: BgNbdParams): RepeatModel {
  return {
    name: 'bgnbd',
    horizonValues: (first, x, tx, T, times, discount, pAlive, purchases, value) =>
      horizonValuesOf(p.r, p.alpha, p.a, p.b, first, x, tx, T, times, discount, pAlive, purchases, value),
    pAlive: (x, tx, T) => bgnbdPAlive(p, x, tx, T),
    expectedPurchases: (t) => bgnbdExpectedPurchases(p, t),
    conditionalExpectedPurchases: (t, x, tx, T) => bgnbdConditionalExpectedPurchases(p, t, x, tx, T),
    expectedPurchasesIfAlive: (t, x, T) => bgnbdExpectedPurchasesIfAlive(p, t, x, T),
  };
}
