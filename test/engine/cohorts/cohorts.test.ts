import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/engine/ingest/index.js';
import type { Dataset } from '../../../src/engine/dataset/types.js';
import { cohorts, type CohortResult } from '../../../src/engine/analyses/cohorts/index.js';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { referenceFile } from '../../support/data.js';
import { readCdnowMaster } from '../stats/cdnow.js';
import { day, ordersDataset } from '../stats/fixtures.js';

function run(...args: Parameters<typeof cohorts>): CohortResult {
  const result = cohorts(...args);
  if (!result.available) throw new Error(result.message);
  return result;
}

describe('hand-computed monthly cohorts', () => {
  const dataset = ordersDataset([
    ['a', '2024-01-05', 10],
    ['a', '2024-02-10', 20],
    ['a', '2024-03-01', 5],
    ['b', '2024-01-20', 30],
    ['b', '2024-03-10', -8],
    ['c', '2024-01-25', 15],
    ['c', '2024-03-05', 7],
    ['d', '2024-02-02', 40],
    ['d', '2024-02-20', 10],
    ['e', '2024-02-15', -5],
    ['f', '2024-03-20', 100],
  ]);
  const result = run(dataset, { asOf: day('2024-03-15') });

  it('groups customers by first purchase month; refunds and later orders start no cohort', () => {
    expect(result.cohorts.map((c) => [c.cohort, c.size])).toEqual([
      ['2024-01', 3],
      ['2024-02', 1],
    ]);
  });

  it('computes return-on, return-on-or-after, revenue and partial periods', () => {
    const [jan, feb] = result.cohorts;
    expect(jan.active).toEqual([3, 1, 2]);
    expect(jan.retention).toEqual([1, 1 / 3, 2 / 3]);
    expect(jan.retentionOnOrAfter).toEqual([1, 2 / 3, 2 / 3]);
    expect(jan.revenue).toEqual([55, 20, 4]);
    expect(jan.partial).toEqual([false, false, true]);
    expect(feb).toMatchObject({ active: [1, 0], retention: [1, 0], retentionOnOrAfter: [1, 0], revenue: [50, 0], partial: [false, true] });
  });

  it('a refund before the first purchase period is in no cell; one in that period counts in its revenue', () => {
    const refunds = run(
      ordersDataset([
        ['i', '2024-01-03', 1],
        ['g', '2024-01-10', -3],
        ['g', '2024-02-12', 25],
        ['g', '2024-03-02', 4],
        ['h', '2024-02-01', -2],
        ['h', '2024-02-05', 30],
      ]),
      { asOf: day('2024-03-15') },
    );
    expect(refunds.cohorts.map((c) => [c.cohort, c.size, c.active, c.revenue])).toEqual([
      ['2024-01', 1, [1, 0, 0], [1, 0, 0]],
      ['2024-02', 2, [2, 1], [53, 4]],
    ]);
  });

  it('a complete last period is not partial', () => {
    const atEnd = run(dataset, { asOf: day('2024-03-31') });
    expect(atEnd.cohorts[0].partial).toEqual([false, false, false]);
    expect(atEnd.cohorts.map((c) => c.cohort)).toEqual(['2024-01', '2024-02', '2024-03']);
  });

  it('weekly cohorts start on Mondays', () => {
    const weekly = run(ordersDataset([['a', '2024-01-03', 1], ['a', '2024-01-09', 1], ['b', '2024-01-08', 1]]), { period: 'week' });
    expect(weekly.cohorts.map((c) => [c.cohort, c.size, c.active])).toEqual([
      ['2024-01-01', 1, [1, 1]],
      ['2024-01-08', 1, [1]],
    ]);
    expect(weekly.asOfDate).toBe('2024-01-10');
  });

  it('is unavailable without orders', () => {
    expect(cohorts(new DatasetBuilder().build())).toMatchObject({ available: false, reason: 'missing-table' });
    expect(cohorts(ordersDataset([['a', '2024-01-01', -3]]))).toMatchObject({ available: false, reason: 'no-rows' });
  });

  it('is unavailable, not an error, when every order comes after the analysis date', () => {
    const later = ordersDataset([['a', '2024-05-01', 3], ['b', '2024-06-01', 4]]);
    expect(cohorts(later, { asOf: day('2024-01-01') })).toMatchObject({ available: false, reason: 'no-rows' });
  });
});

const cdnow = referenceFile('cdnow/CDNOW_master.txt');

const cdnowReaders: [string, (path: string) => Dataset][] = [
  ['a plain whitespace reader', readCdnowMaster],
  ['ingestText', (path) => ingestText(readFileSync(path, 'utf8'), { fileName: 'CDNOW_master.txt' }).dataset],
];

describe.skipIf(!cdnow).each(cdnowReaders)('CDNOW master, calendar months (METRICS.md section 3), read by %s', (_name, read) => {
  const result = run(read(cdnow!));

  it('cohort sizes and month+1, month+2 "return on" retention', () => {
    const [jan, feb, mar] = result.cohorts;
    expect([jan.cohort, feb.cohort, mar.cohort]).toEqual(['1997-01', '1997-02', '1997-03']);
    expect([jan.size, feb.size, mar.size]).toEqual([7846, 8476, 7248]);
    expect(jan.retention[1]).toBeCloseTo(0.1475, 4);
    expect(feb.retention[1]).toBeCloseTo(0.1548, 4);
    expect(mar.retention[1]).toBeCloseTo(0.1424, 4);
    expect(jan.retention[2]).toBeCloseTo(0.1229, 4);
    expect(feb.retention[2]).toBeCloseTo(0.1156, 4);
    expect(mar.retention[2]).toBeCloseTo(0.1038, 4);
    expect(result.cohorts).toHaveLength(3);
  });

  it('"return on or after" is non-increasing and never below "return on"', () => {
    for (const c of result.cohorts) {
      c.retentionOnOrAfter.forEach((v, k) => {
        expect(v).toBeGreaterThanOrEqual(c.retention[k]);
        if (k > 0) expect(v).toBeLessThanOrEqual(c.retentionOnOrAfter[k - 1]);
      });
    }
  });
});
