import { describe, expect, it } from 'vitest';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { activityDays, customerDays } from '../../../src/engine/analyses/lifecycle/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';
import { day } from '../stats/fixtures.js';

const daysOf = (cd: { offsets: Int32Array; days: Int32Array }, c: number): number[] => Array.from(cd.days.subarray(cd.offsets[c], cd.offsets[c + 1]));

describe('activity days', () => {
  // Orders and events out of date order, repeats within and across the tables, one day past the as-of date.
  const { dataset } = ingestFeed({
    orders: [
      { customer_id: 'A', date: '2024-03-05', amount: 10 },
      { customer_id: 'B', date: '2024-02-01', amount: 10 },
      { customer_id: 'A', date: '2024-01-20', amount: 10 },
      { customer_id: 'A', date: '2024-03-05', amount: 10 },
      { customer_id: 'A', date: '2024-06-01', amount: 10 },
    ],
    events: [
      { customer_id: 'A', timestamp: '2024-02-10T09:00:00Z', type: 'login' },
      { customer_id: 'C', timestamp: '2024-04-01T09:00:00Z', type: 'login' },
      { customer_id: 'A', timestamp: '2024-01-20T18:00:00Z', type: 'login' },
      { customer_id: 'C', timestamp: '2024-03-01T09:00:00Z', type: 'login' },
    ],
  });
  const c = (id: string): number => dataset.customerIds.indexOf(id);
  const asOf = day('2024-05-31');

  it('merges order and event days per customer: sorted, distinct, up to the as-of date', () => {
    const cd = activityDays(dataset, asOf, true);
    expect(daysOf(cd, c('A'))).toEqual(['2024-01-20', '2024-02-10', '2024-03-05'].map(day));
    expect(daysOf(cd, c('B'))).toEqual([day('2024-02-01')]);
    expect(daysOf(cd, c('C'))).toEqual(['2024-03-01', '2024-04-01'].map(day));
  });

  it('leaves the events out when asked to', () => {
    const cd = activityDays(dataset, asOf, false);
    expect(daysOf(cd, c('A'))).toEqual(['2024-01-20', '2024-03-05'].map(day));
    expect(daysOf(cd, c('C'))).toEqual([]);
  });

  it('equals the generic per-source collection on a sample company', () => {
    const sample = ingestFeed(generateSampleCompany({ customers: 400, months: 18, seed: 5 }) as never).dataset;
    const n = sample.customerIds.length;
    const cut = day('2025-03-15');
    const sources = [
      { customer: sample.orders!.customer, day: sample.orders!.day },
      { customer: sample.events!.customer, day: sample.events!.day },
    ];
    const expected = customerDays(n, sources, cut);
    const actual = activityDays(sample, cut, true);
    // The cut falls inside the sample's span (2024-01 .. 2025-06), so both sides of it are exercised.
    expect(expected.days.length).toBeGreaterThan(1000);
    expect(Array.from(actual.offsets)).toEqual(Array.from(expected.offsets));
    expect(Array.from(actual.days)).toEqual(Array.from(expected.days));
  });
});
