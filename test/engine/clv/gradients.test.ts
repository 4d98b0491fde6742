import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood, bgnbdLogLikelihoodGradient, type BgNbdParams } from '../../../src/engine/analyses/clv/bgnbd.js';
import {
  gammaGammaCustomerLogLikelihood,
  gammaGammaLogLikelihoodGradient,
  type GammaGammaParams,
} from '../../../src/engine/analyses/clv/gamma-gamma.js';
import type { CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { mulberry32 } from '../../../src/engine/math/random.js';

/** Central difference of f along one parameter, with a step relative to its size. */
function centralDifference<P extends Record<string, number>>(f: (p: P) => number, p: P, name: keyof P & string): number {
  const h = 1e-6 * p[name];
  return (f({ ...p, [name]: p[name] + h }) - f({ ...p, [name]: p[name] - h })) / (2 * h);
}

/** A summary of customers with mixed histories: one-time buyers, repeat buyers, shared and heavy histories. */
function mixedSummary(): CustomerSummary {
  const random = mulberry32(7);
  const n = 400;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    T[i] = 1 + Math.floor(random() * 52);
    x[i] = i % 3 === 0 ? 0 : Math.floor(random() * (i % 50 === 1 ? 300 : 6));
    tx[i] = x[i] > 0 ? Math.floor(random() * T[i] * 7) / 7 : 0;
  }
  return { unit: 'week', length: n, customer: Int32Array.from(x, (_, i) => i), x, tx, T, monetary: new Float64Array(n).fill(NaN) };
}

describe('analytic likelihood gradients', () => {
  it('BG/NBD: every partial derivative matches a central difference of the log-likelihood, and the value is the log-likelihood', () => {
    const summary = mixedSummary();
    for (const p of [
      { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
      { r: 1.7, alpha: 0.3, a: 6.1, b: 108 },
    ] satisfies BgNbdParams[]) {
      const { logLikelihood, gradient } = bgnbdLogLikelihoodGradient(p, summary);
      expect(logLikelihood).toBeCloseTo(bgnbdLogLikelihood(p, summary), 8);
      for (const name of ['r', 'alpha', 'a', 'b'] as const) {
        const numeric = centralDifference((q) => bgnbdLogLikelihood(q, summary), p, name);
        expect(Math.abs(gradient[name] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
  });

  it('Gamma-Gamma: every partial derivative matches a central difference of the summed per-customer log-likelihood', () => {
    const random = mulberry32(11);
    const x = Float64Array.from({ length: 300 }, (_, i) => 1 + (i % 9));
    const m = Float64Array.from(x, () => 5 + 80 * random());
    const total = (q: GammaGammaParams) => x.reduce((sum, xi, i) => sum + gammaGammaCustomerLogLikelihood(q, xi, m[i]), 0);
    const p = { p: 6.25, q: 3.74, gamma: 15.44 };
    const { logLikelihood, gradient } = gammaGammaLogLikelihoodGradient(p, x, m);
    expect(logLikelihood).toBeCloseTo(total(p), 8);
    for (const name of ['p', 'q', 'gamma'] as const) {
      const numeric = centralDifference(total, p, name);
      expect(Math.abs(gradient[name] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
    }
  });
});
