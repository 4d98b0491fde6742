import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { completedMonths, lifecycleStages, stageContext, stageOn, STAGES, StageOptionsSchema, NOT_A_CUSTOMER } from '../../../src/engine/analyses/lifecycle/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';
import { day } from '../stats/fixtures.js';

const stageName = (code: number): string => (code === NOT_A_CUSTOMER ? 'none' : STAGES[code]);

describe('completed months', () => {
  it('count whole calendar months, a month-end counting as complete', () => {
    expect(completedMonths(day('2024-01-15'), day('2024-04-14'))).toBe(2);
    expect(completedMonths(day('2024-01-15'), day('2024-04-15'))).toBe(3);
    expect(completedMonths(day('2024-01-31'), day('2024-04-30'))).toBe(3);
    expect(completedMonths(day('2024-01-31'), day('2024-04-29'))).toBe(2);
  });
});

describe('stage at a snapshot', () => {
  // Monthly orders on the 15th keep A active; B orders once; C's activity halves (30-day windows).
  const monthly = Array.from({ length: 14 }, (_, m) => ({ customer_id: 'A', date: isoDate(day(`${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-15`)), amount: 10 }));
  const e = day('2024-06-30');
  const cOrders = [-50, -45, -40, -35, -20, -10].map((o) => ({ customer_id: 'C', date: isoDate(e + o), amount: 5 }));
  const { dataset } = ingestFeed({
    orders: [...monthly, { customer_id: 'B', date: '2024-01-10', amount: 10 }, { customer_id: 'C', date: '2024-01-01', amount: 5 }, ...cOrders],
  });
  const c = (id: string): number => dataset.customerIds.indexOf(id);
  const at = (id: string, iso: string | number, options = {}, pAlive?: Float64Array): string => {
    const ctx = stageContext(dataset, StageOptionsSchema.parse({ asOf: day('2025-12-31'), ...options }))!;
    return stageName(stageOn(ctx, c(id), typeof iso === 'number' ? iso : day(iso), pAlive));
  };

  it('new below 3 completed months, growth from 3, mature from 12', () => {
    expect(at('A', '2024-04-14')).toBe('new');
    expect(at('A', '2024-04-15')).toBe('growth');
    expect(at('A', '2025-01-14')).toBe('growth');
    expect(at('A', '2025-01-15')).toBe('mature');
    expect(at('A', '2024-01-14')).toBe('none');
  });
  it('churned after exactly the churn window without activity', () => {
    expect(at('B', day('2024-01-10') + 89)).toBe('new');
    expect(at('B', day('2024-01-10') + 90)).toBe('churned');
    expect(at('B', day('2024-01-10') + 30, { churnDays: 30 })).toBe('churned');
  });
  it('declining when the last window has half the activity days of the one before or fewer', () => {
    // (e-60, e-30]: 4 days; (e-30, e]: 2 days -> down by half.
    expect(at('C', e, { declineWindowDays: 30 })).toBe('declining');
    // Requiring a drop of 60 % or more: 2 > 0.4 x 4, so C is back to its tenure stage.
    expect(at('C', e, { declineWindowDays: 30, declineShare: 0.6 })).toBe('growth');
  });
  it('declining at a low P(alive), churned first', () => {
    const p = new Float64Array(dataset.customerIds.length).fill(Number.NaN);
    p[c('A')] = 0.49;
    expect(at('A', '2024-06-15', {}, p)).toBe('declining');
    p[c('A')] = 0.5;
    expect(at('A', '2024-06-15', {}, p)).toBe('growth');
    p[c('B')] = 0.1;
    expect(at('B', '2024-06-15', {}, p)).toBe('churned');
  });
  it('rejects invalid thresholds', () => {
    expect(() => lifecycleStages(dataset, { churnDays: 0 })).toThrow(/churnDays/);
  });
});

describe('snapshots and flows', () => {
  it('count stages per month end and flows from acquired, by hand', () => {
    const { dataset } = ingestFeed({
      orders: [
        { customer_id: 'X', date: '2024-01-05', amount: 1 },
        { customer_id: 'Y', date: '2024-02-10', amount: 1 },
        { customer_id: 'X', date: '2024-03-01', amount: 1 },
      ],
    });
    const r = lifecycleStages(dataset, { asOf: day('2024-05-20'), churnDays: 60 });
    if (!r.available) throw new Error(r.message);
    expect(r.snapshots.map((s) => s.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(r.snapshots.at(-1)).toMatchObject({ date: '2024-05-20', partial: true });
    expect(r.snapshots.map((s) => [s.counts.new, s.counts.churned])).toEqual([
      [1, 0],
      [2, 0],
      [2, 0],
      // Y's last activity 2024-02-10 is 80 days before 04-30; X (03-01) is 60 days before: both churned.
      [0, 2],
      [0, 2],
    ]);
    expect(r.flows.filter((f) => f.period === '2024-02')).toEqual([
      { period: '2024-02', from: 'acquired', to: 'new', customers: 1 },
      { period: '2024-02', from: 'new', to: 'new', customers: 1 },
    ]);
    expect(r.flows.filter((f) => f.period === '2024-04')).toEqual([{ period: '2024-04', from: 'new', to: 'churned', customers: 2 }]);
  });

  it('balance on the sample company: flows into a snapshot and out of it both equal its counts', () => {
    const { dataset } = ingestFeed(generateSampleCompany({ customers: 400, months: 24, seed: 7 }) as never);
    const r = lifecycleStages(dataset);
    if (!r.available) throw new Error(r.message);
    expect(r.snapshots.length).toBe(24);
    for (let t = 1; t < r.snapshots.length; t++) {
      const period = r.snapshots[t].period;
      const into = r.flows.filter((f) => f.period === period);
      for (const s of STAGES) {
        expect(into.filter((f) => f.to === s).reduce((a, f) => a + f.customers, 0)).toBe(r.snapshots[t].counts[s]);
        expect(into.filter((f) => f.from === s).reduce((a, f) => a + f.customers, 0)).toBe(r.snapshots[t - 1].counts[s]);
      }
      const acquired = into.filter((f) => f.from === 'acquired').reduce((a, f) => a + f.customers, 0);
      expect(r.snapshots[t].customers).toBe(r.snapshots[t - 1].customers + acquired);
    }
    // Every stage occurs on a company with churn and 24 months of history.
    for (const s of STAGES) expect(r.snapshots.at(-1)!.counts[s]).toBeGreaterThan(0);
    expect(r.current.filter((s) => s >= 0).length).toBe(r.snapshots.at(-1)!.customers);
  });

  it('is unavailable without orders', () => {
    const { dataset } = ingestFeed({ events: [{ customer_id: 'A', timestamp: '2024-01-01T10:00:00Z', type: 'login' }] });
    const r = lifecycleStages(dataset);
    expect(r.available).toBe(false);
    if (!r.available) expect(r.message).toMatch(/orders/);
  });
});
