/**
 * Gamma-Gamma model of spend per transaction (Fader & Hardie, "The Gamma-Gamma model of monetary
 * value", 2013; Colombo & Jiang 1999): a customer's transaction values are gamma(p, nu) with
 * nu ~ gamma(q, gamma) across customers. Fitted on repeat buyers from x and their mean repeat spend.
 */
import { digamma, lnGamma } from '../../math/special.js';
import { derived } from '../../dataset/derived.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { fitLogParameters, MIN_REPEAT_BUYERS, standardErrors, subsampleStride, type FitDiagnostics } from './fit.js';
import { distinctColumn, everyKth } from './rows.js';
import type { CustomerSummary } from './summary.js';

/** Gamma-Gamma parameters (the third one is the scale `gamma`, often written v). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit extends FitDiagnostics {
  readonly model: 'gamma-gamma';
  readonly params: GammaGammaParams;
  /** Mean spend of a customer with no repeat history: gamma p / (q - 1). */
  readonly populationMean: number;
  /** Repeat buyers left out because their mean spend is missing or not positive. */
  readonly excluded: number;
}

const NAMES = ['p', 'q', 'gamma'] as const;

/** Log-likelihood of one repeat buyer with x repeat purchases of mean value m (x > 0, m > 0). */
export function gammaGammaCustomerLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(x * m + gamma)
  );
}

/** Repeat buyers' spend prepared for the likelihood: ln m once, and the distinct x values. */
interface SpendRows {
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly logM: Float64Array;
  readonly xs: Float64Array;
  readonly slot: Int32Array;
}

function spendRows(x: Float64Array, m: Float64Array): SpendRows {
  const distinctX = distinctColumn(x);
  const logM = logs(m);
  return { x, m, logM, xs: distinctX.values, slot: distinctX.slot };
}

/** Every k-th row (about `WARM_UP_SIZE` of them), or undefined when there are few enough to fit directly. */
function subsampleSpend(x: Float64Array, m: Float64Array): SpendRows | undefined {
  const stride = subsampleStride(x.length);
  if (stride === 0) return undefined;
  return spendRows(everyKth(x, stride), everyKth(m, stride));
}

/** Summed log-likelihood; the Γ and x-only terms are computed once per distinct x. */
function totalLogLikelihood(params: GammaGammaParams, rows: SpendRows): number {
  const { p, q, gamma } = params;
  const { x, m, logM, xs, slot } = rows;
  const constant = new Float64Array(xs.length);
  const base = q * Math.log(gamma) - lnGamma(q);
  for (let k = 0; k < xs.length; k++) {
    const px = p * xs[k];
    constant[k] = base + lnGamma(px + q) - lnGamma(px) + px * Math.log(xs[k]);
  }
  return rowsLogLikelihood(p, q, gamma, x, m, logM, slot, constant);
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/** The row loop of {@link totalLogLikelihood}. */
function rowsLogLikelihood(p: number, q: number, gamma: number, x: Float64Array, m: Float64Array, logM: Float64Array, slot: Int32Array, constant: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    sum += constant[slot[i]] + (px - 1) * logM[i] - (px + q) * Math.log(x[i] * m[i] + gamma);
  }
  return sum;
}

/** The row loop of {@link logLikelihoodGradient}: the summed log-likelihood and its derivatives by p, q, gamma into `sums`. */
function rowsGradient(
  p: number,
  q: number,
  gamma: number,
  x: Float64Array,
  m: Float64Array,
  logM: Float64Array,
  slot: Int32Array,
  constant: Float64Array,
  dpSlot: Float64Array,
  dqSlot: Float64Array,
  sums: Float64Array,
): void {
  let sum = 0;
  let dp = 0;
  let dq = 0;
  let dGamma = 0;
  for (let i = 0; i < x.length; i++) {
    const k = slot[i];
    const px = p * x[i];
    const spend = x[i] * m[i] + gamma;
    const logSpend = Math.log(spend);
    sum += constant[k] + (px - 1) * logM[i] - (px + q) * logSpend;
    dp += dpSlot[k] + x[i] * (logM[i] - logSpend);
    dq += dqSlot[k] - logSpend;
    dGamma += q / gamma - (px + q) / spend;
  }
  sums[0] = sum;
  sums[1] = dp;
  sums[2] = dq;
  sums[3] = dGamma;
}

/**
 * {@link totalLogLikelihood} (the same value) and its partial derivatives by p, q, gamma into `out`;
 * per row one logarithm, the ψ terms once per distinct x.
 */
function logLikelihoodGradient(params: GammaGammaParams, rows: SpendRows, out: Float64Array): number {
  const { p, q, gamma } = params;
  const { x, m, logM, xs, slot } = rows;
  const constant = new Float64Array(xs.length);
  const dpSlot = new Float64Array(xs.length);
  const dqSlot = new Float64Array(xs.length);
  const logGamma = Math.log(gamma);
  const base = q * logGamma - lnGamma(q);
  const psiQ = digamma(q);
  for (let k = 0; k < xs.length; k++) {
    const px = p * xs[k];
    const logX = Math.log(xs[k]);
    const psiPXQ = digamma(px + q);
    constant[k] = base + lnGamma(px + q) - lnGamma(px) + px * logX;
    dpSlot[k] = xs[k] * (psiPXQ - digamma(px) + logX);
    dqSlot[k] = logGamma - psiQ + psiPXQ;
  }
  const sums = new Float64Array(4);
  rowsGradient(p, q, gamma, x, m, logM, slot, constant, dpSlot, dqSlot, sums);
  out[0] = sums[1];
  out[1] = sums[2];
  out[2] = sums[3];
  return sums[0];
}

/**
 * Summed Gamma-Gamma log-likelihood of repeat buyers (x repeat purchases of mean value m, both > 0)
 * and its partial derivatives by each parameter.
 */
export function gammaGammaLogLikelihoodGradient(
  params: GammaGammaParams,
  x: Float64Array,
  m: Float64Array,
): { logLikelihood: number; gradient: GammaGammaParams } {
  const out = new Float64Array(3);
  const logLikelihood = logLikelihoodGradient(params, spendRows(x, m), out);
  return { logLikelihood, gradient: { p: out[0], q: out[1], gamma: out[2] } };
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions {
  /** Least number of usable repeat buyers (default 10). */
  readonly minRepeatBuyers?: number;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the customers with x > 0 and a positive mean repeat spend.
 * Spend is divided by its mean while fitting (gamma scaled back) for conditioning. One fit per
 * summary object and options (summaries are read-only), so analyses share it.
 */
export function fitGammaGamma(summary: CustomerSummary, options: GammaGammaFitOptions = {}): Maybe<GammaGammaFit> {
  const minRepeatBuyers = options.minRepeatBuyers ?? MIN_REPEAT_BUYERS;
  return derived(summary, `gamma-gamma ${minRepeatBuyers}`, () => fit(summary, minRepeatBuyers));
}

/** Natural logarithm of every value. */
function logs(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.log(values[i]);
  return out;
}

/** Repeat buyers with a usable (positive, finite) mean spend into `counts[0]`, the others into `counts[1]`. */
function countUsable(x: Float64Array, monetary: Float64Array, counts: Int32Array): void {
  let usable = 0;
  let excluded = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) continue;
    const m = monetary[i];
    if (m > 0 && Number.isFinite(m)) usable++;
    else excluded++;
  }
  counts[0] = usable;
  counts[1] = excluded;
}

/** The usable repeat buyers' x and mean spend into `xOut` and `mOut`; returns the sum of their spend. */
function gatherUsable(x: Float64Array, monetary: Float64Array, xOut: Float64Array, mOut: Float64Array): number {
  let mSum = 0;
  for (let i = 0, k = 0; i < x.length; i++) {
    const v = monetary[i];
    if (x[i] > 0 && v > 0 && Number.isFinite(v)) {
      xOut[k] = x[i];
      mOut[k++] = v;
      mSum += v;
    }
  }
  return mSum;
}

/** Every value divided by `scale`. */
function divided(values: Float64Array, scale: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / scale;
  return out;
}

function fit(summary: CustomerSummary, minRepeatBuyers: number): Maybe<GammaGammaFit> {
  const counts = new Int32Array(2);
  countUsable(summary.x, summary.monetary, counts);
  const usable = counts[0];
  const excluded = counts[1];
  if (usable < minRepeatBuyers) {
    return unavailable(
      'invalid-data',
      `too few repeat buyers with a positive mean spend to fit Gamma-Gamma: ${usable}, at least ${minRepeatBuyers} needed`,
      [{ table: 'orders', fields: ['amount'] }],
    );
  }
  const x = new Float64Array(usable);
  const m = new Float64Array(usable);
  const mSum = gatherUsable(summary.x, summary.monetary, x, m);
  const scale = mSum / usable;
  const scaledM = divided(m, scale);
  const scaled = spendRows(x, scaledM);
  const subset = subsampleSpend(x, scaledM);
  const fromTheta = (theta: Float64Array): GammaGammaParams => ({
    p: Math.exp(theta[0]),
    q: Math.exp(theta[1]),
    gamma: Math.exp(theta[2]),
  });
  const gradientOn = (rows: SpendRows) => (theta: Float64Array, out: Float64Array): number => {
    const at = fromTheta(theta);
    const value = logLikelihoodGradient(at, rows, out);
    out[0] *= at.p;
    out[1] *= at.q;
    out[2] *= at.gamma;
    return value;
  };
  const warmUp = subset && {
    logLikelihood: (theta: Float64Array) => totalLogLikelihood(fromTheta(theta), subset),
    gradient: gradientOn(subset),
    observations: subset.x.length,
  };
  const fit = fitLogParameters('Gamma-Gamma', NAMES, (theta) => totalLogLikelihood(fromTheta(theta), scaled), [0, 0, 0], x.length, warmUp, gradientOn(scaled));
  if ('available' in fit) return fit;
  const atScale = fromTheta(fit.theta);
  const params: GammaGammaParams = { ...atScale, gamma: atScale.gamma * scale };
  if (params.q <= 1) {
    return unavailable('invalid-data', `the fitted spend distribution has no finite mean (q = ${params.q.toFixed(3)} <= 1)`);
  }
  return available({
    model: 'gamma-gamma' as const,
    params,
    populationMean: (params.gamma * params.p) / (params.q - 1),
    excluded,
    // Spend divided by `scale` multiplies each customer's density of m by scale.
    logLikelihood: fit.logLikelihood - x.length * Math.log(scale),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    converged: fit.converged,
    customers: x.length,
    standardErrors: standardErrors(NAMES, [params.p, params.q, params.gamma], fit.logStandardErrors),
  });
}

/**
 * E[M | x, m]: expected mean transaction value, a weighted average of the population mean and the
 * customer's own mean. Customers with no repeat purchases (or no usable spend) get the population mean.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  return spendOf(params.p, params.q, params.gamma, x, m);
}

function spendOf(p: number, q: number, gamma: number, x: number, m: number): number {
  if (!(x > 0) || !(m > 0)) return (gamma * p) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}

/** E[M] for every customer of a summary. */
export function expectedSpend(params: GammaGammaParams, summary: CustomerSummary): Float64Array {
  const out = new Float64Array(summary.length);
  expectedSpends(params.p, params.q, params.gamma, summary.x, summary.monetary, out);
  return out;
}

/** {@link gammaGammaExpectedSpend} of parallel (x, m) arrays into `out` (a kernel: the parameters as numbers). */
function expectedSpends(p: number, q: number, gamma: number, x: Float64Array, monetary: Float64Array, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = spendOf(p, q, gamma, x[i], monetary[i]);
}
