import { describe, expect, it } from 'vitest';
import { median, quantiles, quantileSorted } from '../../../src/engine/stats/quantile.js';
import { percentileRanks, rank } from '../../../src/engine/stats/rank.js';
import { groupRows } from '../../../src/engine/stats/group.js';
import { periodEndDay, periodLabel, periodOfDay, periodStartDay } from '../../../src/engine/stats/periods.js';
import { day } from './fixtures.js';
import { mulberry32 } from '../../../src/engine/math/random.js';

describe('type-7 quantiles (R default)', () => {
  it('interpolates between order statistics: quantile(1:10, c(.2,.5,.9)) = 2.8, 5.5, 9.1', () => {
    const q = quantiles([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], [0.2, 0.5, 0.9]);
    expect(q[0]).toBeCloseTo(2.8, 12);
    expect(q[1]).toBeCloseTo(5.5, 12);
    expect(q[2]).toBeCloseTo(9.1, 12);
  });
  it('returns the extremes at 0 and 1 and exact values on ties', () => {
    expect(quantiles([3, 1, 2], [0, 1])).toEqual([1, 3]);
    expect(quantileSorted([4, 4, 4, 5], 0.4)).toBe(4);
  });
  it('is NaN for no values; median of even and odd counts', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});

describe('type-7 quantiles by selection', () => {
  it('equal the quantiles read off the fully sorted values, with many ties and with few', () => {
    const random = mulberry32(3);
    const probabilities = [0, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8, 0.99, 1];
    for (const [n, distinct] of [[1, 1], [2, 2], [7, 3], [1000, 5], [1001, 1e9], [5000, 40]]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * distinct) / 7);
      const sorted = Float64Array.from(values).sort();
      expect(quantiles(values, probabilities)).toEqual(probabilities.map((p) => quantileSorted(sorted, p)));
      expect(median(values)).toBe(quantileSorted(sorted, 0.5));
    }
  });

  it('equal them for whole numbers counted by value (narrow range) and selected (wide range)', () => {
    const random = mulberry32(4);
    const probabilities = [0, 0.2, 0.4, 0.5, 0.6, 0.8, 1];
    for (const range of [1, 30, 1e8]) {
      const values = Int32Array.from({ length: 999 }, () => Math.floor(random() * range) - 7);
      const sorted = Float64Array.from(values).sort();
      expect(quantiles(values, probabilities)).toEqual(probabilities.map((p) => quantileSorted(sorted, p)));
    }
  });
});

describe('ranks', () => {
  it('resolves ties by average, min, max and first', () => {
    const v = [10, 20, 10, 30];
    expect([...rank(v)]).toEqual([1.5, 3, 1.5, 4]);
    expect([...rank(v, 'min')]).toEqual([1, 3, 1, 4]);
    expect([...rank(v, 'max')]).toEqual([2, 3, 2, 4]);
    expect([...rank(v, 'first')]).toEqual([1, 3, 2, 4]);
  });
  it('match the definition by counting (smaller values, equal ones, equal ones seen before) on data with many ties, -0 among the zeros', () => {
    const random = mulberry32(5);
    const v = Float64Array.from({ length: 300 }, () => {
      const k = Math.floor(random() * 12) - 4;
      return k === 0 && random() < 0.5 ? -0 : k;
    });
    const [average, min, max, first] = (['average', 'min', 'max', 'first'] as const).map((t) => rank(v, t));
    v.forEach((x, i) => {
      const less = v.filter((y) => y < x).length;
      const equal = v.filter((y) => y === x).length;
      const before = v.subarray(0, i).filter((y) => y === x).length;
      expect([average[i], min[i], max[i], first[i]]).toEqual([less + (equal + 1) / 2, less + 1, less + equal, less + before + 1]);
    });
  });
  it('percentile ranks are average rank / n (pandas pct=True)', () => {
    expect([...percentileRanks([10, 20, 10, 30])]).toEqual([0.375, 0.75, 0.375, 1]);
  });
});

describe('groupRows', () => {
  it('groups rows by key in source order, honouring the filter', () => {
    const g = groupRows(Int32Array.from([2, 0, 2, 1, 0]), 3, Uint8Array.from([1, 1, 1, 0, 1]));
    expect([...g.offsets]).toEqual([0, 2, 2, 4]);
    expect([...g.rows]).toEqual([1, 4, 0, 2]);
  });
});

describe('periods', () => {
  it('labels and bounds months, quarters, years and Monday weeks', () => {
    const d = day('1997-05-14');
    expect(periodLabel('month', periodOfDay('month', d))).toBe('1997-05');
    expect(periodLabel('quarter', periodOfDay('quarter', d))).toBe('1997-Q2');
    expect(periodLabel('quarter', periodOfDay('quarter', day('1997-12-31')))).toBe('1997-Q4');
    expect(periodLabel('year', periodOfDay('year', d))).toBe('1997');
    expect(periodLabel('week', periodOfDay('week', d))).toBe('1997-05-12');
    expect(periodStartDay('quarter', periodOfDay('quarter', d))).toBe(day('1997-04-01'));
    expect(periodEndDay('quarter', periodOfDay('quarter', d))).toBe(day('1997-06-30'));
    expect(periodEndDay('month', periodOfDay('month', day('1996-02-10')))).toBe(day('1996-02-29'));
    expect(periodEndDay('year', periodOfDay('year', d))).toBe(day('1997-12-31'));
  });
});
