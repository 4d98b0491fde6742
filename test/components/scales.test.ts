import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear, scaleQuantize } from 'd3-scale';
import { linearScale, quantizeScale } from '../../components/base/scales.js';

// The views' own scales replace d3-scale's in the bundle: they must give d3's numbers.
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

describe('view scales', () => {
  it('quantizeScale gives the step d3 scaleQuantize gives, band edges included', () => {
    const steps = [1, 2, 3, 4, 5];
    const scale = quantizeScale([0, 1], steps);
    const d3 = scaleQuantize<number>().domain([0, 1]).range(steps);
    for (const x of [-1, 0, 0.2, 0.19999999999999998, 0.4, 0.6, 0.8, 0.9999, 1, 2]) expect(scale(x)).toBe(d3(x));
    expect(scale(0.2)).toBe(2);
    expect(scale(Number.NaN)).toBeUndefined();
    fc.assert(
      fc.property(finite, finite, finite, fc.integer({ min: 1, max: 9 }), (a, b, x, n) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        fc.pre(lo < hi);
        const range = Array.from({ length: n }, (_, i) => i + 1);
        expect(quantizeScale([lo, hi], range)(x)).toBe(scaleQuantize<number>().domain([lo, hi]).range(range)(x));
      }),
    );
  });

  it('linearScale maps and extrapolates as d3 scaleLinear', () => {
    const y = linearScale([10, 20], [100, 0]);
    expect(y(10)).toBe(100);
    expect(y(15)).toBe(50);
    expect(y(30)).toBe(-100);
    fc.assert(
      fc.property(finite, finite, finite, finite, finite, (a, b, r0, r1, x) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        fc.pre(lo < hi);
        expect(linearScale([lo, hi], [r0, r1])(x)).toBe(scaleLinear().domain([lo, hi]).range([r0, r1])(x));
      }),
    );
  });
});
