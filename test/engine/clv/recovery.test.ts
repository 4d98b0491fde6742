import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, fitBgNbd, type BgNbdParams } from '../../../src/engine/analyses/clv/bgnbd.js';
import {
  fitGammaGamma,
  gammaGammaCustomerLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  type GammaGammaParams,
} from '../../../src/engine/analyses/clv/gamma-gamma.js';
import { fitParetoNbd, paretoNbdLogLikelihood } from '../../../src/engine/analyses/clv/pareto-nbd.js';
import type { CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { beta, exponential, gamma, mulberry32 } from '../../../src/engine/math/random.js';

/**
 * Customers drawn from the BG/NBD story itself: rate λ ~ gamma(r, alpha), dropout p ~ beta(a, b);
 * Poisson purchases after the first, dropping out with probability p after each repeat purchase.
 * Acquisition spread over the first 12 weeks, calibration of 52 weeks.
 */
function simulateBgNbd(params: BgNbdParams, customers: number, seed: number): CustomerSummary {
  const random = mulberry32(seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(random, params.r, params.alpha);
    const p = beta(random, params.a, params.b);
    T[i] = 52 - 12 * random();
    let t = 0;
    for (;;) {
      t += exponential(random, lambda);
      if (t > T[i]) break;
      x[i]++;
      tx[i] = t;
      if (random() < p) break;
    }
  }
  return { unit: 'week', length: customers, customer: Int32Array.from(x, (_, i) => i), x, tx, T, monetary: new Float64Array(customers).fill(NaN) };
}

describe('parameter recovery from simulated customers (seeded)', () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
  const summary = simulateBgNbd(truth, 5000, 20_261_122);

  it('fits the BG/NBD parameters back within 3 standard errors (from the numerical Hessian)', () => {
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const se = fit.standardErrors[name];
      expect(se).toBeGreaterThan(0);
      expect(se).toBeLessThan(truth[name]); // the data do pin every parameter down
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(3 * se);
    }
  });

  it("reports the log-likelihood of its parameters on the data's own time scale (fitted on time rescaled to T <= 1)", () => {
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    const direct = bgnbdLogLikelihood(fit.params, summary);
    expect(Math.abs(fit.logLikelihood - direct)).toBeLessThan(1e-9 * Math.abs(direct));
    const pareto = fitParetoNbd(summary);
    if (!pareto.available) throw new Error(pareto.message);
    const paretoDirect = paretoNbdLogLikelihood(pareto.params, summary);
    expect(Math.abs(pareto.logLikelihood - paretoDirect)).toBeLessThan(1e-9 * Math.abs(paretoDirect));
  });

  it('gives standard errors that survive copying and serialising (they are computed when first read)', () => {
    const fit = fitBgNbd(simulateBgNbd(truth, 2000, 7));
    if (!fit.available) throw new Error(fit.message);
    const copied = structuredClone({ ...fit }).standardErrors;
    const serialised = JSON.parse(JSON.stringify(fit)).standardErrors;
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(copied[name]).toBeGreaterThan(0);
      expect(copied[name]).toBe(fit.standardErrors[name]);
      expect(serialised[name]).toBe(fit.standardErrors[name]);
    }
    expect(Object.keys(fit.standardErrors)).toEqual(['r', 'alpha', 'a', 'b']);
  });

  it('gives the Pareto/NBD a fit on the same data with a similar purchase-rate distribution', () => {
    const fit = fitParetoNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    // Mean purchase rate r/alpha is what both models estimate from the same repeat purchases.
    expect(fit.params.r / fit.params.alpha / (truth.r / truth.alpha)).toBeGreaterThan(0.8);
    expect(fit.params.r / fit.params.alpha / (truth.r / truth.alpha)).toBeLessThan(1.25);
  });
});

/**
 * Repeat buyers drawn from the Gamma-Gamma story: ν ~ gamma(q, rate gamma), x transaction values
 * ~ gamma(p, rate ν), m their mean. Enough of them that the fit warms up on a subsample first.
 */
function simulateSpend(params: GammaGammaParams, customers: number, seed: number): CustomerSummary {
  const random = mulberry32(seed);
  const x = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const nu = gamma(random, params.q, params.gamma);
    x[i] = 1 + Math.floor(6 * random());
    let total = 0;
    for (let j = 0; j < x[i]; j++) total += gamma(random, params.p, nu);
    monetary[i] = total / x[i];
  }
  const T = new Float64Array(customers).fill(52);
  return { unit: 'week', length: customers, customer: Int32Array.from(x, (_, i) => i), x, tx: T.map(() => 26), T, monetary };
}

describe('Gamma-Gamma on many repeat buyers (subsample warm-up, then the full likelihood)', () => {
  const truth: GammaGammaParams = { p: 2.5, q: 3.5, gamma: 40 };
  const summary = simulateSpend(truth, 30_000, 20_261_123);

  it('stops where the full likelihood is flat (the maximum-likelihood estimate) and recovers the parameters within 3 standard errors', () => {
    const fit = fitGammaGamma(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(fit.converged).toBe(true);
    const { gradient } = gammaGammaLogLikelihoodGradient(fit.params, summary.x, summary.monetary);
    // d LL / d ln θ per customer, the quantity the optimiser drives below its tolerance.
    for (const name of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(gradient[name] * fit.params[name]) / summary.length).toBeLessThan(1e-6);
      expect(Math.abs(fit.params[name] - truth[name])).toBeLessThan(3 * fit.standardErrors[name]);
    }
  });

  it("reports the log-likelihood of its parameters on the spend's own scale (fitted on spend divided by its mean)", () => {
    const fit = fitGammaGamma(summary);
    if (!fit.available) throw new Error(fit.message);
    let direct = 0;
    for (let i = 0; i < summary.length; i++) direct += gammaGammaCustomerLogLikelihood(fit.params, summary.x[i], summary.monetary[i]);
    expect(Math.abs(fit.logLikelihood - direct)).toBeLessThan(1e-9 * Math.abs(direct));
  });
});
