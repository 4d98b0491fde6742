import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ascendingOrder } from '../../../src/engine/math/sort.js';

/** The reference: a stable index sort with a comparator. */
function comparatorOrder(values: Float64Array): number[] {
  return Array.from(values, (_, i) => i).sort((i, j) => values[i] - values[j] || i - j);
}

describe('ascendingOrder', () => {
  it('orders a hand-made column, ties in index order, negatives and infinities in place', () => {
    const values = Float64Array.of(3, -1.5, Infinity, 0, 3, -Infinity, 2.25, -1.5, 1e-300);
    expect(Array.from(ascendingOrder(values))).toEqual([5, 1, 7, 3, 8, 6, 0, 4, 2]);
  });

  it('keeps -0 and +0 next to each other', () => {
    const order = Array.from(ascendingOrder(Float64Array.of(1, 0, -1, -0)));
    expect(order.slice(0, 1)).toEqual([2]);
    expect(order.slice(1, 3).sort()).toEqual([1, 3]);
    expect(order[3]).toBe(0);
  });

  it('handles empty and single-value columns, and columns where every value is the same', () => {
    expect(Array.from(ascendingOrder(new Float64Array(0)))).toEqual([]);
    expect(Array.from(ascendingOrder(Float64Array.of(7)))).toEqual([0]);
    expect(Array.from(ascendingOrder(new Float64Array(5).fill(2)))).toEqual([0, 1, 2, 3, 4]);
  });

  it('agrees with a stable comparator sort on random columns with many ties', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(0.1, 0.2, 1e12, -1e-12),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (list) => {
        const values = Float64Array.from(list.map((v) => (Object.is(v, -0) ? 0 : v)));
        expect(Array.from(ascendingOrder(values))).toEqual(comparatorOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a stable comparator sort on whole numbers in a narrow range (the counting path)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40, max: 40 }), { maxLength: 300 }), (list) => {
        const values = Float64Array.from(list, (v) => (Object.is(v, -0) ? 0 : v));
        expect(Array.from(ascendingOrder(values))).toEqual(comparatorOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it('orders whole numbers with a -0 among them as the radix path does: -0 just before +0', () => {
    const order = Array.from(ascendingOrder(Float64Array.of(0, 2, -0, 0, -3)));
    expect(order).toEqual([4, 2, 0, 3, 1]);
  });

  it('agrees with the comparator sort on a large column of day-like values', () => {
    const values = Float64Array.from({ length: 50_000 }, (_, i) => ((i * 7919) % 731) / 7);
    expect(Array.from(ascendingOrder(values))).toEqual(comparatorOrder(values));
  });
});

describe('ascendingOrder within an order', () => {
  it('breaks ties by the given order, so sorting by the last key first orders lexicographically', () => {
    const first = Float64Array.of(2, 1, 2, 1, 2);
    const second = Float64Array.of(5, 9, 3, 9, 5);
    const bySecond = ascendingOrder(second);
    expect(Array.from(ascendingOrder(first, bySecond))).toEqual([1, 3, 2, 0, 4]);
  });

  it('sorts two columns lexicographically, whole-number and fractional keys alike', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0.5, 2.25, 7));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key), { maxLength: 200 }), (pairs) => {
        const first = Float64Array.from(pairs, (p) => p[0]);
        const second = Float64Array.from(pairs, (p) => p[1]);
        const expected = pairs.map((_, i) => i).sort((i, j) => first[i] - first[j] || second[i] - second[j] || i - j);
        expect(Array.from(ascendingOrder(first, ascendingOrder(second)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('puts NaN after every number', () => {
    expect(Array.from(ascendingOrder(Float64Array.of(NaN, Infinity, -NaN, 1)))).toEqual([3, 1, 0, 2]);
  });
});
