import { describe, expect, it } from 'vitest';
import { indexWhenIdle, selectionMask, selectionOfIndexes } from '../../components/base/selection-mask.js';
import type { FeedSelection } from '../../src/feed/types.js';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('selection masks', () => {
  it('marks the Dataset index of each selected id and leaves unknown ids out', () => {
    const selection: FeedSelection = { customers: ['d', 'zz', 'a', 'a'], source: 'host', key: 'k' };
    expect([...selectionMask(selection, ids)]).toEqual([1, 0, 0, 1, 0]);
  });

  it('makes a selection\'s mask once per customer list, and again for another list', () => {
    const selection: FeedSelection = { customers: ['b'], source: 'host', key: 'k' };
    const first = selectionMask(selection, ids);
    expect(selectionMask(selection, ids)).toBe(first);
    const reloaded = ['b', 'x'];
    expect([...selectionMask(selection, reloaded)]).toEqual([1, 0]);
  });

  it('builds a selection from indexes: ids in the given order, and the same mask as from those ids', () => {
    const selection = selectionOfIndexes([4, 1], ids, { source: 'crm-rfm-grid', key: 'cell:1-1', label: 'R 1 F 1' });
    expect(selection).toEqual({ customers: ['e', 'b'], source: 'crm-rfm-grid', key: 'cell:1-1', label: 'R 1 F 1' });
    const fromIds = selectionMask({ customers: ['e', 'b'], source: 'host', key: 'k' }, ids);
    expect([...selectionMask(selection, ids)]).toEqual([...fromIds]);
    expect([...fromIds]).toEqual([0, 1, 0, 0, 1]);
  });

  it('gives the same mask through the id index built while idle as by scanning the list', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `c${(i * 7919) % 20_000}`);
    const scanned = [...many];
    indexWhenIdle(many);
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
    const selection: FeedSelection = { customers: ['c5', 'c19999', 'c123', 'nobody', 'c5'], source: 'host', key: 'k' };
    const viaIndex = selectionMask(selection, many);
    const viaScan = selectionMask(selection, scanned);
    expect([...viaIndex]).toEqual([...viaScan]);
    expect(viaIndex.reduce((a, b) => a + b, 0)).toBe(3);
    expect(viaIndex[many.indexOf('c19999')]).toBe(1);
  });
});
