import { describe, expect, it } from 'vitest';
import { normaliseScores } from '../../../src/engine/analyses/tiers/normalise.js';

describe('normaliseScores', () => {
  const values = Float64Array.of(10, NaN, 30, 20, 30, 99);
  const include = Uint8Array.of(1, 1, 1, 1, 1, 0);

  it('percentile: 100 x average rank / n among included finite values', () => {
    // Included finite: 10, 30, 20, 30 -> ranks 1, 3.5, 2, 3.5 of n = 4.
    expect(Array.from(normaliseScores(values, include, 'percentile'))).toEqual([25, NaN, 87.5, 50, 87.5, NaN]);
  });
  it('min-max: 100 (x - min) / (max - min), 50 when all are equal', () => {
    expect(Array.from(normaliseScores(values, include, 'min-max'))).toEqual([0, NaN, 100, 50, 100, NaN]);
    expect(Array.from(normaliseScores(Float64Array.of(4, 4), Uint8Array.of(1, 1), 'min-max'))).toEqual([50, 50]);
  });
});
