import { describe, expect, it } from 'vitest';
import { expectedSpend, fitGammaGamma, gammaGammaExpectedSpend } from '../../../src/engine/analyses/clv/gamma-gamma.js';
import { summaryFromTable, type CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { referenceFile } from '../../support/data.js';
import { loadSummaryCsv } from './cdnow.js';

const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');

describe.skipIf(!summaryCsv)('Gamma-Gamma on CDNOW (946 repeat buyers)', () => {
  it('fits p 6.25, q 3.74, gamma 15.44, LL -4055.92 and gives E[M] of customers 1..10', () => {
    const summary = summaryFromTable(loadSummaryCsv(summaryCsv!));
    if (!summary.available) throw new Error(summary.message);
    const fit = fitGammaGamma(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(fit.customers).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    expect(fit.logLikelihood).toBeCloseTo(-4055.92, 2);
    expect(fit.converged).toBe(true);
    const spend = Array.from(expectedSpend(fit.params, summary).slice(0, 10), (v) => Math.round(v * 100) / 100);
    expect(spend).toEqual([24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]);
  });
});

describe('Gamma-Gamma expected spend', () => {
  const p = { p: 6.25, q: 3.74, gamma: 15.44 };
  it('shrinks a customer mean towards the population mean, less so with more purchases', () => {
    const population = (15.44 * 6.25) / 2.74;
    expect(gammaGammaExpectedSpend(p, 0, NaN)).toBeCloseTo(population, 10);
    const few = gammaGammaExpectedSpend(p, 1, 100);
    const many = gammaGammaExpectedSpend(p, 50, 100);
    expect(few).toBeGreaterThan(population);
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(100);
  });

  it('is unavailable with a reason when too few repeat buyers have a positive spend', () => {
    const summary: CustomerSummary = {
      unit: 'week',
      length: 3,
      customer: Int32Array.of(0, 1, 2),
      x: Float64Array.of(1, 2, 0),
      tx: Float64Array.of(1, 2, 0),
      T: Float64Array.of(5, 5, 5),
      monetary: Float64Array.of(10, -5, NaN),
    };
    const fit = fitGammaGamma(summary);
    expect(fit.available).toBe(false);
    if (!fit.available) expect(fit.message).toMatch(/too few repeat buyers with a positive mean spend .*: 1,/);
  });
});
