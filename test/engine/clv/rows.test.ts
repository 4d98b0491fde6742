import { describe, expect, it } from 'vitest';
import { bgnbdCustomerLogLikelihood, bgnbdLogLikelihood, bgnbdLogLikelihoodGradient } from '../../../src/engine/analyses/clv/bgnbd.js';
import { distinctHistories, weightedRows } from '../../../src/engine/analyses/clv/rows.js';
import type { CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { mulberry32 } from '../../../src/engine/math/random.js';

/** Day-resolution histories in weeks: many one-time buyers and repeated (x, t_x, T) triples. */
function randomSummary(seed: number, n: number): CustomerSummary {
  const random = mulberry32(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const days = 1 + Math.floor(random() * 120);
    T[i] = days / 7;
    x[i] = random() < 0.4 ? 0 : Math.floor(random() * (random() < 0.05 ? 200 : 5));
    tx[i] = x[i] > 0 ? (1 + Math.floor(random() * days)) / 7 : 0;
  }
  return { unit: 'week', length: n, customer: Int32Array.from(x, (_, i) => i), x, tx, T, monetary: new Float64Array(n).fill(NaN) };
}

describe('distinct histories and weighted rows', () => {
  const summary = randomSummary(3, 3000);
  const { x, tx, T } = summary;

  it('group exactly the customers with equal (x, t_x, T), sorted by x, then T, then t_x', () => {
    const histories = distinctHistories(x, tx, T);
    const counts = new Map<string, number>();
    for (let i = 0; i < x.length; i++) counts.set(`${x[i]} ${tx[i]} ${T[i]}`, (counts.get(`${x[i]} ${tx[i]} ${T[i]}`) ?? 0) + 1);
    expect(histories.length).toBe(counts.size);
    for (let h = 0; h < histories.length; h++) {
      const i = histories.first[h];
      expect(histories.weight[h]).toBe(counts.get(`${x[i]} ${tx[i]} ${T[i]}`));
      if (h > 0) {
        const p = histories.first[h - 1];
        expect(x[p] < x[i] || (x[p] === x[i] && (T[p] < T[i] || (T[p] === T[i] && tx[p] < tx[i])))).toBe(true);
      }
    }
    for (let i = 0; i < x.length; i++) {
      const f = histories.first[histories.of[i]];
      expect([x[f], tx[f], T[f]]).toEqual([x[i], tx[i], T[i]]);
    }
  });

  it('give every row its x, T and t_x through the distinct-value slots, times rescaled', () => {
    const rows = weightedRows(x, tx, T, 7);
    expect(rows.weight.reduce((a, b) => a + b, 0)).toBe(x.length);
    for (let row = 0; row < rows.length; row++) {
      expect(rows.xs[rows.slot[row]]).toBe(rows.x[row]);
      expect(rows.Ts[rows.TSlot[row]]).toBe(rows.T[row]);
      expect(rows.txs[rows.txSlot[row]]).toBe(rows.tx[row]);
    }
    expect(rows.Ts.length).toBeLessThanOrEqual(120);
  });

  it('give the BG/NBD log-likelihood and its gradient of the per-customer sum (1e-9 relative)', () => {
    for (const p of [
      { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
      { r: 0.27, alpha: 1.3, a: 6.1, b: 108 },
    ]) {
      let perCustomer = 0;
      for (let i = 0; i < x.length; i++) perCustomer += bgnbdCustomerLogLikelihood(p, x[i], tx[i], T[i]);
      const compressed = bgnbdLogLikelihood(p, summary);
      expect(Math.abs(compressed - perCustomer)).toBeLessThan(1e-9 * Math.abs(perCustomer));
      const { logLikelihood } = bgnbdLogLikelihoodGradient(p, summary);
      expect(Math.abs(logLikelihood - perCustomer)).toBeLessThan(1e-9 * Math.abs(perCustomer));
    }
  });
});
