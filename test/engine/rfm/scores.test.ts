import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binOf, scoresOf, type Binning } from '../../../src/engine/analyses/rfm/bins.js';
import { assignSegments } from '../../../src/engine/analyses/rfm/rfm.js';
import { matchRule, segmentNames, OTHERS, VIGNETTE_RULES, type SegmentRule } from '../../../src/engine/analyses/rfm/rules.js';

const value = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ min: -5, max: 20, noNaN: true }), fc.constant(Number.NaN));

describe('scores of many values at once', () => {
  it('equal binOf value by value, for sorted and unsorted edges, half-open and right-closed, plain and reversed', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(fc.integer({ min: -6, max: 21 }), { minLength: 2, maxLength: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (values, rawEdges, sort, rightClosed, reversed) => {
          const edges = sort ? [...rawEdges].sort((a, b) => a - b) : rawEdges;
          const binning: Binning = { edges, bins: rightClosed ? Math.max(1, edges.length - 1) : edges.length - 1, rightClosed };
          const scores = scoresOf(values, binning, reversed);
          values.forEach((v, i) => {
            const bin = binOf(v, binning);
            expect(scores[i]).toBe(reversed ? binning.bins + 1 - bin : bin);
          });
        },
      ),
    );
  });
});

const range = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
const rule = fc.record({ name: fc.constantFrom('A', 'B', 'C', 'D'), r: fc.option(range, { nil: undefined }), f: fc.option(range, { nil: undefined }), m: fc.option(range, { nil: undefined }) });

describe('segments of many customers at once', () => {
  const oneByOne = (rules: readonly SegmentRule[], r: Uint8Array, f: Uint8Array, m: Uint8Array) => {
    const { names, ruleToName } = segmentNames(rules);
    return Array.from(r, (_, i) => {
      const k = matchRule(rules, r[i], f[i], m[i]);
      return k < 0 ? names.indexOf(OTHERS) : ruleToName[k];
    });
  };

  it('give every customer the first matching rule, as matching one by one does', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)), { maxLength: 80 }), (rules, rows) => {
        const [r, f, m] = [0, 1, 2].map((d) => Uint8Array.from(rows, (row) => row[d]));
        expect(Array.from(assignSegments(rules, r, f, m).segment)).toEqual(oneByOne(rules, r, f, m));
      }),
    );
  });

  it('still match when the scores are too many to tabulate', () => {
    const r = Uint8Array.from([1, 5, 200, 3]);
    const f = Uint8Array.from([1, 5, 200, 2]);
    const m = Uint8Array.from([1, 5, 200, 4]);
    expect(Array.from(assignSegments(VIGNETTE_RULES, r, f, m).segment)).toEqual(oneByOne(VIGNETTE_RULES, r, f, m));
    const { names, segment } = assignSegments(VIGNETTE_RULES, r, f, m);
    expect([names[segment[0]], names[segment[1]], names[segment[2]]]).toEqual(['Lost', 'Champions', OTHERS]);
  });
});
