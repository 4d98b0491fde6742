import { describe, expect, it } from 'vitest';
import { csatScore, npsScore, periodDiscountRate, retentionFromChurn, simpleClv } from '../../../src/engine/analyses/kpis/index.js';

describe('KPI formulas (METRICS.md)', () => {
  it('NPS: answers 0..10 once each -> -45.45', () => {
    expect(npsScore([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(-45.4545, 3);
    expect(npsScore([10, NaN, 9])).toBe(100);
    expect(npsScore([NaN])).toBeNaN();
  });

  it('CSAT: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones -> 69.16 %', () => {
    const answers = [...Array(42).fill(5), ...Array(32).fill(4), ...Array(10).fill(3), ...Array(9).fill(2), ...Array(14).fill(1)];
    expect(csatScore(answers)).toBeCloseTo(0.6916, 4);
    expect(csatScore([])).toBeNaN();
  });

  it('simple CLV in three forms: m 100, r 0.8, d 0.1 -> 333.33 / 366.67 / 266.67', () => {
    expect(simpleClv(100, 0.8, 0.1)).toBeCloseTo(333.33, 2);
    expect(simpleClv(100, 0.8, 0.1, 'start')).toBeCloseTo(366.67, 2);
    expect(simpleClv(100, 0.8, 0.1, 'excluded')).toBeCloseTo(266.67, 2);
    expect(simpleClv(100, 1, 0)).toBeNaN();
  });

  it('takes retention: churn 0.2 converts to the right value, fed raw it gives the classic 111.11', () => {
    expect(simpleClv(100, retentionFromChurn(0.2), 0.1)).toBeCloseTo(333.33, 2);
    expect(simpleClv(100, 0.2, 0.1)).toBeCloseTo(111.11, 2);
    expect(() => retentionFromChurn(1.2)).toThrow(RangeError);
  });

  it('period discount rates compound to the annual rate', () => {
    expect(Math.pow(1 + periodDiscountRate(0.1, 'month'), 12)).toBeCloseTo(1.1, 12);
    expect(periodDiscountRate(0.1, 'year')).toBeCloseTo(0.1, 12);
  });
});
