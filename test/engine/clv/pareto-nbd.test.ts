import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdCustomerLogLikelihood,
  paretoNbdExpectedPurchases,
  paretoNbdPAlive,
} from '../../../src/engine/analyses/clv/pareto-nbd.js';
import { summaryFromTable } from '../../../src/engine/analyses/clv/summary.js';
import { referenceFile } from '../../support/data.js';
import { loadSummaryCsv } from './cdnow.js';

const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');
const rel = (value: number, expected: number) => Math.abs(value / expected - 1);

describe.skipIf(!summaryCsv)('Pareto/NBD on CDNOW', () => {
  it('fits r 0.553, alpha 10.578, s 0.606, beta 11.669 (beta flat: a few %) and LL -9595.0', () => {
    const summary = summaryFromTable(loadSummaryCsv(summaryCsv!));
    if (!summary.available) throw new Error(summary.message);
    const fit = fitParetoNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(rel(fit.params.r, 0.553)).toBeLessThan(2e-3);
    expect(rel(fit.params.alpha, 10.578)).toBeLessThan(2e-3);
    expect(rel(fit.params.s, 0.606)).toBeLessThan(2e-3);
    expect(rel(fit.params.beta, 11.669)).toBeLessThan(0.03);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.05);
    expect(fit.converged).toBe(true);
  });
});

describe('Pareto/NBD predictions', () => {
  const p = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };

  it('gives P(alive | x 26, t_x 30.86, T 31) = 0.9979', () => {
    expect(paretoNbdPAlive(p, 26, 30.86, 31)).toBeCloseTo(0.9979, 4);
  });

  it('is certain a customer who bought at T is alive, and doubts a long-silent one', () => {
    expect(paretoNbdPAlive(p, 5, 31, 31)).toBe(1);
    expect(paretoNbdPAlive(p, 5, 2, 31)).toBeLessThan(0.2);
  });

  it('uses the branch alpha < beta consistently with alpha > beta (continuity at alpha = beta)', () => {
    const below = { ...p, alpha: 11.6562 - 1e-7 };
    const above = { ...p, alpha: 11.6562 + 1e-7 };
    expect(paretoNbdCustomerLogLikelihood(below, 4, 20, 31)).toBeCloseTo(paretoNbdCustomerLogLikelihood(above, 4, 20, 31), 6);
    expect(paretoNbdPAlive(below, 4, 20, 31)).toBeCloseTo(paretoNbdPAlive(above, 4, 20, 31), 6);
  });

  it('gives a brand-new customer (x 0, t_x 0, T 0) the unconditional E[X(t)]', () => {
    const t = 40;
    const expectedAtNew = paretoNbdConditionalExpectedPurchases(p, t, 0, 0, 0);
    expect(expectedAtNew).toBeCloseTo(paretoNbdExpectedPurchases(p, t), 10);
  });
});
