import { describe, expect, it } from 'vitest';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { churnRisk, riskHeatmap, signalsOf, SIGNALS, type ChurnRiskResult, type Signal } from '../../../src/engine/analyses/churn-risk/index.js';

const A = dayFromCivil(2024, 6, 30);
const date = (offset: number) => isoDate(A + offset);
const time = (offset: number) => `${date(offset)}T10:00:00Z`;
const order = (id: string, offset: number, amount = 10) => ({ customer_id: id, date: date(offset), amount });
const event = (id: string, offset: number, type: string, feature?: string) => ({ customer_id: id, timestamp: time(offset), type, channel: 'web app', ...(feature ? { feature } : {}) });
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** Whether customer `id` trips `signal` in a result. */
function trips(result: ChurnRiskResult, ids: readonly string[], id: string, signal: Signal): boolean {
  const i = result.customers.indexOf(ids.indexOf(id));
  if (i < 0) throw new Error(`${id} not scored`);
  return signalsOf(result.flags[i]).includes(signal);
}

describe('churn-risk signals at and just past their thresholds', () => {
  const { dataset } = ingestFeed({
    customers: [
      { customer_id: 'late30', renewal_date: date(-30), segment: 'SMB' },
      { customer_id: 'late31', renewal_date: date(-31), segment: 'SMB' },
      { customer_id: 'paid31', renewal_date: date(-31), segment: 'Enterprise' },
    ],
    orders: [
      order('late30', -80), order('late31', -80), order('paid31', -80), order('paid31', -31),
      // purchases: 100 in, then 50 (down by half: trips) or 50.01 (not).
      order('half', -120, 100), order('half', -10, 50),
      order('lessThanHalf', -120, 100), order('lessThanHalf', -10, 50.01),
      order('newBuyer', -10, 50),
      order('nps2', -5), order('nps1', -5), order('npsAvg', -5),
    ],
    events: [
      // Logins 7 and 6 days before the as-of day.
      event('login7', -7, 'login'), event('login6', -6, 'login'),
      // Core usage over the last 30 days: 20 active days, 6 (30 %) or 5 (25 %) with a core feature.
      ...many(20, (i) => event('core30', -i, 'login')), ...many(6, (i) => event('core30', -i, 'feature', 'core.pipeline')),
      ...many(20, (i) => event('core25', -i, 'login')), ...many(5, (i) => event('core25', -i, 'feature', 'core.pipeline')),
      ...many(3, (i) => event('core25', -i, 'feature', 'reports.export')),
      // Complaints: 10 in the window before, then 13 (+30 %: trips) or 12 (not); 0 then 1 trips.
      ...many(10, (i) => event('up30', -100 - i, 'complaint')), ...many(13, (i) => event('up30', -i, 'complaint')),
      ...many(10, (i) => event('up20', -100 - i, 'complaint')), ...many(12, (i) => event('up20', -i, 'complaint')),
      event('firstComplaint', -5, 'complaint'),
    ],
    feedback: [
      { customer_id: 'nps2', date: date(-60), nps: 9 }, { customer_id: 'nps2', date: date(-5), nps: 7 },
      { customer_id: 'nps1', date: date(-60), nps: 9 }, { customer_id: 'nps1', date: date(-5), nps: 8 },
      // Two respondents on one day average to 9.
      { customer_id: 'npsAvg', date: date(-60), nps: 10 }, { customer_id: 'npsAvg', date: date(-60), nps: 8 }, { customer_id: 'npsAvg', date: date(-5), nps: 7 },
    ],
  });
  const ids = dataset.customerIds;
  const r = churnRisk(dataset, { asOf: A });
  if (!r.available) throw new Error(r.message);
  const t = (id: string, s: Signal) => trips(r, ids, id, s);

  it('noLogin: 7 days since the last login trips, 6 does not, never logged in trips', () => {
    expect(t('login7', 'noLogin')).toBe(true);
    expect(t('login6', 'noLogin')).toBe(false);
    expect(t('half', 'noLogin')).toBe(true);
  });
  it('lowCoreUsage: 30 % of active days does not trip, 25 % does; no active day counts as 0 %', () => {
    expect(t('core30', 'lowCoreUsage')).toBe(false);
    expect(t('core25', 'lowCoreUsage')).toBe(true);
    expect(t('late30', 'lowCoreUsage')).toBe(true);
    const stricter = churnRisk(dataset, { asOf: A, coreUsageBelow: 0.3001 });
    if (!stricter.available) throw new Error(stricter.message);
    expect(trips(stricter, ids, 'core30', 'lowCoreUsage')).toBe(true);
  });
  it('renewalLate: 31 days past the renewal with no order trips; 30 does not; an order on the day pays it', () => {
    expect(t('late31', 'renewalLate')).toBe(true);
    expect(t('late30', 'renewalLate')).toBe(false);
    expect(t('paid31', 'renewalLate')).toBe(false);
  });
  it('purchasesDown: down by half trips, by a cent less does not, no previous purchases does not', () => {
    expect(t('half', 'purchasesDown')).toBe(true);
    expect(t('lessThanHalf', 'purchasesDown')).toBe(false);
    expect(t('newBuyer', 'purchasesDown')).toBe(false);
  });
  it('complaintsUp: +30 % trips, +20 % does not, a first complaint trips', () => {
    expect(t('up30', 'complaintsUp')).toBe(true);
    expect(t('up20', 'complaintsUp')).toBe(false);
    expect(t('firstComplaint', 'complaintsUp')).toBe(true);
    expect(t('login7', 'complaintsUp')).toBe(false);
  });
  it('npsFalling: a 2-point drop between surveys trips, 1 point does not; same-day answers are averaged', () => {
    expect(t('nps2', 'npsFalling')).toBe(true);
    expect(t('nps1', 'npsFalling')).toBe(false);
    expect(t('npsAvg', 'npsFalling')).toBe(true);
  });
  it('lowPAlive: below the threshold trips, at it does not; without P(alive) it is unavailable, not zero', () => {
    // Five repeat buyers are too few for the default BG/NBD fit: the signal says so.
    expect(r.signals.find((s) => s.signal === 'lowPAlive')).toMatchObject({
      available: false,
      reason: 'invalid-data',
      message: expect.stringMatching(/^no BG\/NBD fit for P\(alive\): too few repeat buyers/),
      share: null,
    });
    expect(r.pAlive).toMatchObject({ source: 'model', available: false });
    const pAlive = new Float64Array(ids.length).fill(0.9);
    pAlive[ids.indexOf('login7')] = 0.5;
    pAlive[ids.indexOf('login6')] = 0.49;
    const withModel = churnRisk(dataset, { asOf: A, pAlive });
    if (!withModel.available) throw new Error(withModel.message);
    expect(withModel.pAlive).toEqual({ source: 'values', available: true, customers: ids.length });
    expect(trips(withModel, ids, 'login7', 'lowPAlive')).toBe(false);
    expect(trips(withModel, ids, 'login6', 'lowPAlive')).toBe(true);
  });
  it('risk score = 100 x tripped weight / available weight', () => {
    // late31 trips noLogin (1), lowCoreUsage (1.5) and renewalLate (2) of 1 + 1.5 + 2 + 1.5 + 1 + 1 = 8.
    const i = r.customers.indexOf(ids.indexOf('late31'));
    expect(signalsOf(r.flags[i])).toEqual(['noLogin', 'lowCoreUsage', 'renewalLate']);
    expect(r.score[i]).toBeCloseTo((100 * 4.5) / 8, 12);
    const weighted = churnRisk(dataset, { asOf: A, weights: { renewalLate: 0, noLogin: 2 } });
    if (!weighted.available) throw new Error(weighted.message);
    // noLogin 2 + lowCoreUsage 1.5 of 2 + 1.5 + 0 + 1.5 + 1 + 1 = 7.
    expect(weighted.score[i]).toBeCloseTo((100 * 3.5) / 7, 12);
  });
  it('scores only customers active within the window', () => {
    expect(r.customers.length).toBe(ids.length);
    // 85 days later the 90-day window (A - 5, A + 85] holds only activity on days -4..0.
    const later = churnRisk(dataset, { asOf: A + 85 });
    if (!later.available) throw new Error(later.message);
    expect([...later.customers].map((c) => ids[c]).sort()).toEqual(['core25', 'core30', 'up20', 'up30']);
  });
  it('heat map: share of each group tripping each available signal', () => {
    const h = riskHeatmap(dataset, r, 'segment');
    if (!h.available) throw new Error(h.message);
    expect(h.rows).toEqual(SIGNALS.filter((s) => s !== 'lowPAlive'));
    expect(h.columns).toEqual(['SMB', 'Enterprise', '(none)']);
    expect(h.customers).toEqual([2, 1, ids.length - 3]);
    const renewal = h.rows.indexOf('renewalLate');
    expect(h.count[renewal]).toEqual([1, 0, 0]);
    expect(h.share[renewal]).toEqual([0.5, 0, 0]);
    const byIndustry = riskHeatmap(dataset, r, 'industry');
    expect(byIndustry.available).toBe(false);
  });
});

describe('churn-risk availability', () => {
  it('orders alone: only purchasesDown is available; the others say what they need', () => {
    const { dataset } = ingestFeed({ orders: [order('a', -100, 100), order('a', -5, 10)] });
    const r = churnRisk(dataset, { asOf: A });
    if (!r.available) throw new Error(r.message);
    expect(r.signals.filter((s) => s.available).map((s) => s.signal)).toEqual(['purchasesDown']);
    expect(r.signals.find((s) => s.signal === 'renewalLate')!.needs).toEqual([
      { table: 'customers', fields: ['customer_id', 'renewal_date'] },
      { table: 'orders', fields: ['customer_id', 'date'] },
    ]);
    expect(r.score[0]).toBe(100);
  });
  it('events without complaints: complaintsUp unavailable, not zero', () => {
    const { dataset } = ingestFeed({ events: [event('a', -1, 'login')] });
    const r = churnRisk(dataset, { asOf: A });
    if (!r.available) throw new Error(r.message);
    expect(r.signals.find((s) => s.signal === 'complaintsUp')).toMatchObject({ available: false, share: null });
    expect(r.signals.find((s) => s.signal === 'noLogin')).toMatchObject({ available: true, customers: 0 });
  });
  it('feedback without an NPS column: npsFalling unavailable (missing field), the rest still scored', () => {
    const { dataset } = ingestFeed({ orders: [order('a', -100, 100), order('a', -5, 10)], feedback: [{ customer_id: 'a', date: date(-3), csat: 2 }] });
    const r = churnRisk(dataset, { asOf: A });
    if (!r.available) throw new Error(r.message);
    expect(r.signals.find((s) => s.signal === 'npsFalling')).toMatchObject({ available: false, reason: 'missing-field' });
    expect(r.signals.find((s) => s.signal === 'purchasesDown')).toMatchObject({ available: true, customers: 1 });
  });
  it('no orders or events: unavailable', () => {
    const { dataset } = ingestFeed({ feedback: [{ customer_id: 'a', date: '2024-01-01', nps: 5 }] });
    expect(churnRisk(dataset, { asOf: A }).available).toBe(false);
  });
  it('rejects invalid thresholds', () => {
    const { dataset } = ingestFeed({ orders: [order('a', -5)] });
    expect(() => churnRisk(dataset, { noLoginDays: 0 })).toThrow(/noLoginDays/);
  });
});
