import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdCustomerLogLikelihood,
  bgnbdExpectedPurchases,
  bgnbdPAlive,
  bgnbdProbabilityOfPurchases,
  fitBgNbd,
} from '../../../src/engine/analyses/clv/bgnbd.js';
import { summaryFromTable } from '../../../src/engine/analyses/clv/summary.js';
import { referenceFile } from '../../support/data.js';
import { summaryOf } from './summary-rows.js';
import { loadSummaryCsv } from './cdnow.js';

const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');

/** Relative difference. */
const rel = (value: number, expected: number) => Math.abs(value / expected - 1);

describe.skipIf(!summaryCsv)('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('fits r, alpha, a, b and the log-likelihood within 0.1 % of the published values, and says it converged', () => {
    const summary = summaryFromTable(loadSummaryCsv(summaryCsv!));
    if (!summary.available) throw new Error(summary.message);
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(rel(fit.params.r, 0.2426)).toBeLessThan(1e-3);
    expect(rel(fit.params.alpha, 4.4136)).toBeLessThan(1e-3);
    expect(rel(fit.params.a, 0.7929)).toBeLessThan(1e-3);
    expect(rel(fit.params.b, 2.4259)).toBeLessThan(1e-3);
    expect(rel(fit.logLikelihood, -9582.43)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.customers).toBe(2357);
    for (const se of Object.values(fit.standardErrors)) expect(se).toBeGreaterThan(0);
  });
});

describe('BG/NBD predictions at the published parameters', () => {
  const p = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

  it('gives E[Y(39) | x 2, t_x 30.43, T 38.86] = 1.226 and P(alive) = 0.7266', () => {
    expect(bgnbdConditionalExpectedPurchases(p, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(bgnbdPAlive(p, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
  });

  it.each([
    [0.1429, 0.0078],
    [1, 0.0532],
    [3, 0.1506],
    [31.8571, 1.0405],
    [32, 1.0437],
    [78, 1.858],
  ])('gives E[X(%s)] = %s (within one unit of the last published digit)', (t, expected) => {
    const lastDigit = 10 ** -(String(expected).split('.')[1].length);
    expect(Math.abs(bgnbdExpectedPurchases(p, t) - expected)).toBeLessThan(lastDigit);
  });

  it('gives P(X(39) = 0) = 0.5737864 and P(X(2) = 10) = 1.07869e-07', () => {
    const q = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(bgnbdProbabilityOfPurchases(q, 39, 0)).toBeCloseTo(0.5737864, 7);
    expect(rel(bgnbdProbabilityOfPurchases(q, 2, 10), 1.07869e-7)).toBeLessThan(1e-5);
  });

  it('has probabilities P(X(t) = n) that sum to 1 and whose mean is E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const prob = bgnbdProbabilityOfPurchases(p, 20, n);
      total += prob;
      mean += n * prob;
    }
    expect(total).toBeCloseTo(1, 9);
    expect(mean).toBeCloseTo(bgnbdExpectedPurchases(p, 20), 6);
  });

  it('agrees with E[X(t)] for a brand-new customer (x = 0, T = 0)', () => {
    expect(bgnbdConditionalExpectedPurchases(p, 52, 0, 0, 0)).toBeCloseTo(bgnbdExpectedPurchases(p, 52), 10);
  });
});

describe('BG/NBD numerical stability (a 0.80, b 2.50, r 0.25, alpha 4.00)', () => {
  const p = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
  it('gives the per-customer log-likelihoods -0.59947382 and 100.7957', () => {
    expect(bgnbdCustomerLogLikelihood(p, 0, 0, 40)).toBeCloseTo(-0.59947382, 8);
    expect(bgnbdCustomerLogLikelihood(p, 200, 38, 40)).toBeCloseTo(100.7957, 4);
  });

  it('gives P(alive) = 0 for x 1000, t_x 10, T 100 without overflow, and finite E[Y]', () => {
    const alive = bgnbdPAlive(p, 1000, 10, 100);
    expect(alive).toBe(0);
    expect(Number.isNaN(alive)).toBe(false);
    const expected = bgnbdConditionalExpectedPurchases(p, 52, 1000, 10, 100);
    expect(Number.isFinite(expected)).toBe(true);
    expect(expected).toBe(0);
    const heavy = bgnbdConditionalExpectedPurchases(p, 52, 1000, 99.9, 100);
    expect(Number.isFinite(heavy) && heavy > 100).toBe(true);
  });
});

describe('BG/NBD fit on unusable data', () => {
  it('is unavailable with a reason when too few customers bought again', () => {
    const fit = fitBgNbd(summaryOf([0, 0, 1], [0, 0, 3], [10, 10, 10]));
    expect(fit.available).toBe(false);
    if (!fit.available) expect(fit.message).toMatch(/too few repeat buyers to fit: 1 customer/);
  });

  it('is unavailable when t_x lies after T or when no time was observed', () => {
    const late = fitBgNbd(summaryOf([1], [12], [10]), { minRepeatBuyers: 1 });
    expect(late.available === false && late.reason).toBe('invalid-data');
    const none = fitBgNbd(summaryOf([0, 0], [0, 0], [0, 0]), { minRepeatBuyers: 0 });
    expect(none.available === false && none.message).toMatch(/no time observed/);
  });
});
