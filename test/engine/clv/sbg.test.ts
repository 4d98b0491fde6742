import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitSbg,
  sbgChurnProbabilities,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgRetention,
  sbgSurvival,
} from '../../../src/engine/analyses/clv/sbg.js';
import { referenceFile } from '../../support/data.js';

const survivalCsv = referenceFile('sbg_survival_fader_hardie_2007.csv');

function cohorts(path: string): { regular: number[]; highend: number[] } {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { regular: rows.map((r) => r[1]), highend: rows.map((r) => r[2]) };
}

describe.skipIf(!survivalCsv)('sBG on Fader & Hardie (2007), years 1-7', () => {
  it.each([
    ['regular', 0.704, 1.182, -1680.27],
    ['highend', 0.668, 3.806, -1611.16],
  ] as const)('fits the %s cohort: alpha %s, beta %s, LL %s', (cohort, alpha, beta, ll) => {
    const survivors = cohorts(survivalCsv!)[cohort].slice(0, 8);
    const fit = fitSbg(survivors);
    if (!fit.available) throw new Error(fit.message);
    expect(fit.params.alpha).toBeCloseTo(alpha, 3);
    expect(fit.params.beta).toBeCloseTo(beta, 3);
    expect(fit.logLikelihood).toBeCloseTo(ll, 2);
    expect(fit.converged).toBe(true);
    expect(fit.periods).toBe(7);
  });

  it('projects the holdout years 8-12 of the regular cohort within a few customers', () => {
    const all = cohorts(survivalCsv!).regular;
    const fit = fitSbg(all.slice(0, 8));
    if (!fit.available) throw new Error(fit.message);
    const survival = sbgSurvival(fit.params, 12);
    for (let year = 8; year <= 12; year++) expect(Math.abs(1000 * survival[year] - all[year])).toBeLessThan(15);
  });
});

describe('sBG quantities', () => {
  const p = { alpha: 0.704, beta: 1.182 };
  it('has churn probabilities and survival that agree: S(t) = 1 - Σ P(T = k)', () => {
    const churn = sbgChurnProbabilities(p, 10);
    const survival = sbgSurvival(p, 10);
    let churned = 0;
    for (let t = 1; t <= 10; t++) {
      churned += churn[t - 1];
      expect(survival[t]).toBeCloseTo(1 - churned, 12);
      expect(survival[t] / survival[t - 1]).toBeCloseTo(sbgRetention(p, t), 12);
    }
    expect(churn[0]).toBeCloseTo(0.704 / 1.886, 12);
  });

  it('gives DEL and DERL equal to the discounted sums of survival', () => {
    const d = 0.1;
    const survival = sbgSurvival(p, 3000);
    let del = 0;
    for (let t = 0; t <= 3000; t++) del += survival[t] / (1 + d) ** t;
    expect(sbgDiscountedExpectedLifetime(p, d)).toBeCloseTo(del, 9);
    // After 4 renewals (n = 5): payments at renewals 5, 6, ... discounted from renewal 5.
    let derl = 0;
    for (let t = 5; t <= 3000; t++) derl += survival[t] / survival[4] / (1 + d) ** (t - 5);
    expect(sbgDiscountedExpectedResidualLifetime(p, d, 4)).toBeCloseTo(derl, 9);
  });

  it('is unavailable for survivors that rise, too few periods or no churn', () => {
    expect(fitSbg([100, 90, 95]).available).toBe(false);
    expect(fitSbg([100, 90]).available).toBe(false);
    const flat = fitSbg([100, 100, 100]);
    expect(flat.available === false && flat.message).toMatch(/nobody churned/);
  });
});
