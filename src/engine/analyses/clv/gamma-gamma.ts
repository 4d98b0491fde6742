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
  const logM = new Float64Array(m.length);
  for (let i = 0; i < m.length; i++) logM[i] = Math.log(m[i]);
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
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    sum += constant[slot[i]] + (px - 1) * logM[i] - (px + q) * Math.log(x[i] * m[i] + gamma);
  }
  return sum;
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
  out[0] = dp;
  out[1] = dq;
  out[2] = dGamma;
  return sum;
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

function fit(summary: CustomerSummary, minRepeatBuyers: number): Maybe<GammaGammaFit> {
  let usable = 0;
  let excluded = 0;
  for (let i = 0; i < summary.length; i++) {
    if (!(summary.x[i] > 0)) continue;
    const m = summary.monetary[i];
    if (m > 0 && Number.isFinite(m)) usable++;
    else excluded++;
  }
  if (usable < minRepeatBuyers) {
    return unavailable(
      'invalid-data',
      `too few repeat buyers with a positive mean spend to fit Gamma-Gamma: ${usable}, at least ${minRepeatBuyers} needed`,
      [{ table: 'orders', fields: ['amount'] }],
    );
  }
  const x = new Float64Array(usable);
  const m = new Float64Array(usable);
  let mSum = 0;
  for (let i = 0, k = 0; i < summary.length; i++) {
    const v = summary.monetary[i];
    if (summary.x[i] > 0 && v > 0 && Number.isFinite(v)) {
      x[k] = summary.x[i];
      m[k++] = v;
      mSum += v;
    }
  }
  const scale = mSum / usable;
  const scaledM = m.map((v) => v / scale);
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
  const { p, q, gamma } = params;
  if (!(x > 0) || !(m > 0)) return (gamma * p) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}

/** E[M] for every customer of a summary. */
export function expectedSpend(params: GammaGammaParams, summary: CustomerSummary): Float64Array {
  const out = new Float64Array(summary.length);
  for (let i = 0; i < summary.length; i++) out[i] = gammaGammaExpectedSpend(params, summary.x[i], summary.monetary[i]);
  return out;
}
