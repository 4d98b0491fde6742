import { describe, expect, it } from 'vitest';
import { bgnbdModel, fitBgNbd } from '../../../src/engine/analyses/clv/bgnbd.js';
import { expectedSpend, fitGammaGamma } from '../../../src/engine/analyses/clv/gamma-gamma.js';
import type { RepeatModel } from '../../../src/engine/analyses/clv/repeat-model.js';
import { summaryFromOrders, type CustomerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { customerValues, UNITS_PER_MONTH } from '../../../src/engine/analyses/clv/value.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import { referenceFile } from '../../support/data.js';
import { loadSampleOrders } from './cdnow.js';

const sample = referenceFile('cdnow/CDNOW_sample.txt');

/** A model buying at a constant `rate` per time unit, always alive. */
const constantRate = (rate: number): RepeatModel => ({
  name: 'bgnbd',
  pAlive: () => 1,
  expectedPurchases: (t) => rate * t,
  conditionalExpectedPurchases: (t) => rate * t,
});

const oneCustomer = (unit: 'week' | 'day'): CustomerSummary => ({
  unit,
  length: 1,
  customer: Int32Array.of(0),
  x: Float64Array.of(3),
  tx: Float64Array.of(10),
  T: Float64Array.of(20),
  monetary: Float64Array.of(50),
});

describe('CLV over a horizon', () => {
  it('discounts each month of expected purchases: Σ spend rate f / (1+d)^i', () => {
    const values = customerValues(constantRate(0.5), oneCustomer('week'), Float64Array.of(40), { horizonMonths: 3, discountRate: 0.02 });
    const f = 4.345;
    const expected = 40 * 0.5 * f * (1 / 1.02 + 1 / 1.02 ** 2 + 1 / 1.02 ** 3);
    expect(values.clv[0]).toBeCloseTo(expected, 10);
    expect(values.expectedPurchases[0]).toBeCloseTo(0.5 * 3 * f, 12);
    expect(values.unitsPerMonth).toBe(f);
  });

  it('takes months as 30 days for a daily summary, 4.345 weeks for a weekly one', () => {
    expect(UNITS_PER_MONTH).toEqual({ week: 4.345, day: 30 });
    // The same customer buying once a week: rate 1 per week, 1/7 per day.
    const weekly = customerValues(constantRate(1), oneCustomer('week'), Float64Array.of(10), { horizonMonths: 12 });
    const daily = customerValues(constantRate(1 / 7), oneCustomer('day'), Float64Array.of(10), { horizonMonths: 12 });
    expect(daily.clv[0] / weekly.clv[0]).toBeCloseTo(30 / (7 * 4.345), 12);
  });

  it('rejects invalid options', () => {
    expect(() => customerValues(constantRate(1), oneCustomer('week'), Float64Array.of(1), { horizonMonths: 0 })).toThrow(RangeError);
  });
});

describe.skipIf(!sample)('CLV units on CDNOW: the same behaviour in weeks and in days', () => {
  it('gives the same money whether the models work in weeks or in days', () => {
    const dataset = loadSampleOrders(sample!);
    const clvIn = (unit: 'week' | 'day', unitsPerMonth?: number) => {
      const summary = summaryFromOrders(dataset, { calibrationEnd: dayFromCivil(1997, 9, 30), unit });
      if (!summary.available) throw new Error(summary.message);
      const bgnbd = fitBgNbd(summary);
      const gg = fitGammaGamma(summary);
      if (!bgnbd.available || !gg.available) throw new Error('fit failed');
      return { bgnbd, values: customerValues(bgnbdModel(bgnbd.params), summary, expectedSpend(gg.params, summary), { unitsPerMonth }) };
    };
    const weeks = clvIn('week');
    const days = clvIn('day', 7 * 4.345);
    // The time scale changes alpha only: a daily alpha is seven weekly ones.
    expect(days.bgnbd.params.alpha / weeks.bgnbd.params.alpha).toBeCloseTo(7, 4);
    expect(days.bgnbd.params.r).toBeCloseTo(weeks.bgnbd.params.r, 5);
    for (let i = 0; i < 50; i++) expect(days.values.clv[i]).toBeCloseTo(weeks.values.clv[i], 4);
    // With the default 30-day month the totals differ only by 30 against 30.415 days per month.
    const defaultDays = clvIn('day');
    const total = (v: Float64Array) => v.reduce((s, x) => s + x, 0);
    expect(total(defaultDays.values.clv) / total(weeks.values.clv)).toBeGreaterThan(0.97);
    expect(total(defaultDays.values.clv) / total(weeks.values.clv)).toBeLessThan(1);
    // The known mistake, 30 units per month on weekly data, would inflate value several times over (3.7x here).
    expect(total(clvIn('week', 30).values.clv) / total(weeks.values.clv)).toBeGreaterThan(3);
  });
});
