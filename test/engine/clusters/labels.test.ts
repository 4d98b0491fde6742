import { describe, expect, it } from 'vitest';
import { suggestLabel } from '../../../src/engine/analyses/clusters/labels.js';

describe('suggested cluster labels', () => {
  it('follow the freshness x value table', () => {
    // arguments: z of log recency (high = long ago), z of log frequency, z of log monetary
    expect(suggestLabel(-1, 1.2, 1)).toBe('champions');
    expect(suggestLabel(-0.1, 0.5, 0.1)).toBe('loyal');
    expect(suggestLabel(-1, -0.5, -0.2)).toBe('promising');
    expect(suggestLabel(0.8, 1, 0.5)).toBe('at-risk');
    expect(suggestLabel(0, 0, 0)).toBe('at-risk');
    expect(suggestLabel(0.3, -1, -1)).toBe('hibernating');
    expect(suggestLabel(0.5, -1, -1)).toBe('lost');
  });
});
