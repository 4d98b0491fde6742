/**
 * P(alive) inside lifecycle and churn risk: the BG/NBD fit on the CDNOW sample reproduces the published
 * parameters and P(alive), values map to the right customers, and a missing fit is reported, not zero.
 */
import { describe, expect, it } from 'vitest';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { fittedPAlive, lifecycleStages, resolvePAlive, STAGES } from '../../../src/engine/analyses/lifecycle/index.js';
import { churnRisk, signalsOf } from '../../../src/engine/analyses/churn-risk/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';
import { referenceFile } from '../../support/data.js';
import { loadSampleOrders } from '../clv/cdnow.js';

const sample = referenceFile('cdnow/CDNOW_sample.txt');

/** P(alive) by the METRICS.md formula, written out independently of the engine. */
function pAliveByHand(p: { r: number; alpha: number; a: number; b: number }, x: number, tx: number, T: number): number {
  return x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x));
}

describe.skipIf(!sample)('BG/NBD P(alive) on the CDNOW sample, calibrated to 1997-09-30', () => {
  const dataset = loadSampleOrders(sample!);
  const calibrationEnd = dayFromCivil(1997, 9, 30);
  const fit = fittedPAlive(dataset, calibrationEnd);
  if (!fit.available) throw new Error(fit.message);

  it('has the published parameters (Fader, Hardie & Lee 2005) and P(alive) 0.7266 for customer 1', () => {
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.customers).toBe(2357);
    expect(fit.pAlive[dataset.customerIds.indexOf('1')]).toBeCloseTo(0.7266, 4);
  });

  it('the lifecycle stages and churn risk report that same fit at their as-of date', () => {
    const stages = lifecycleStages(dataset, { asOf: calibrationEnd });
    if (!stages.available) throw new Error(stages.message);
    expect(stages.pAlive).toEqual({ source: 'model', available: true, customers: 2357, calibrationEnd: '1997-09-30', unit: 'week', params: fit.params });
    const risk = churnRisk(dataset, { asOf: calibrationEnd });
    if (!risk.available) throw new Error(risk.message);
    expect(risk.pAlive).toEqual(stages.pAlive);
  });
});

describe('P(alive) values belong to the right customers', () => {
  // 14 repeat buyers at different paces (so BG/NBD can be fitted) and one recent one-time buyer.
  const asOf = dayFromCivil(2024, 12, 31);
  const orders = Array.from({ length: 14 }, (_, k) =>
    Array.from({ length: 2 + (k % 5) }, (_, j) => ({ customer_id: `c${k}`, date: isoDate(asOf - 400 + k * 7 + j * (10 + 3 * k)), amount: 10 })),
  ).flat();
  orders.push({ customer_id: 'once', date: isoDate(asOf - 30), amount: 10 });
  const { dataset } = ingestFeed({ orders });
  const fit = fittedPAlive(dataset, asOf);
  if (!fit.available) throw new Error(fit.message);

  it("equal the formula on each customer's own (x, t_x, T) in weeks; one-time buyers get 1", () => {
    for (let c = 0; c < dataset.customerIds.length; c++) {
      const days = orders.filter((o) => o.customer_id === dataset.customerIds[c]).map((o) => dayFromCivil(+o.date.slice(0, 4), +o.date.slice(5, 7), +o.date.slice(8, 10)));
      const first = Math.min(...days);
      const last = Math.max(...days);
      const x = new Set(days).size - 1;
      expect(fit.pAlive[c]).toBeCloseTo(pAliveByHand(fit.params, x, (last - first) / 7, (asOf - first) / 7), 12);
    }
    expect(fit.pAlive[dataset.customerIds.indexOf('once')]).toBe(1);
  });

  it('a customer below the threshold is declining at the last snapshot only, unless churned', () => {
    const n = dataset.customerIds.length;
    const low = new Float64Array(n).fill(0.9);
    const lowOnes = [dataset.customerIds.indexOf('c0'), dataset.customerIds.indexOf('once')];
    for (const c of lowOnes) low[c] = 0.2;
    const given = lifecycleStages(dataset, { asOf, pAlive: low });
    const none = lifecycleStages(dataset, { asOf, pAlive: 'none' });
    if (!given.available || !none.available) throw new Error('stages not available');
    expect(given.pAlive).toEqual({ source: 'values', available: true, customers: n });
    expect(given.snapshots.slice(0, -1)).toEqual(none.snapshots.slice(0, -1));
    expect(STAGES[none.current[lowOnes[0]]]).toBe('churned');
    expect(STAGES[given.current[lowOnes[1]]]).toBe('declining');
    for (let c = 0; c < n; c++) {
      const stage = STAGES[none.current[c]];
      const expected = lowOnes.includes(c) && stage !== 'churned' ? 'declining' : stage;
      expect(STAGES[given.current[c]]).toBe(expected);
    }
  });

  it('lowPAlive trips for the scored customers whose model P(alive) is under pAliveBelow', () => {
    const risk = churnRisk(dataset, { asOf, pAliveBelow: 0.8, activeWithinDays: 400 });
    if (!risk.available) throw new Error(risk.message);
    let tripped = 0;
    for (let i = 0; i < risk.customers.length; i++) {
      const trips = signalsOf(risk.flags[i]).includes('lowPAlive');
      expect(trips).toBe(fit.pAlive[risk.customers[i]] < 0.8);
      tripped += trips ? 1 : 0;
    }
    // Both sides of the threshold occur, so the comparison above means something.
    expect(tripped).toBeGreaterThan(0);
    expect(tripped).toBeLessThan(risk.customers.length);
  });
});

describe('when there is no P(alive)', () => {
  const { dataset } = ingestFeed({
    orders: [
      { customer_id: 'a', date: '2024-01-05', amount: 10 },
      { customer_id: 'a', date: '2024-03-05', amount: 10 },
      { customer_id: 'b', date: '2024-02-01', amount: 10 },
    ],
  });
  const asOf = dayFromCivil(2024, 3, 31);

  it('a model that cannot be fitted is unavailable with the reason; the stages stand on activity', () => {
    const r = resolvePAlive('lifecycle', dataset, 'model', asOf);
    expect(r.values).toBeUndefined();
    expect(r.status).toMatchObject({ source: 'model', available: false, reason: 'invalid-data', message: expect.stringMatching(/too few repeat buyers/) });
    const stages = lifecycleStages(dataset, { asOf });
    if (!stages.available) throw new Error(stages.message);
    expect(stages.pAlive.available).toBe(false);
    const risk = churnRisk(dataset, { asOf });
    if (!risk.available) throw new Error(risk.message);
    expect(risk.signals.find((s) => s.signal === 'lowPAlive')).toMatchObject({ available: false, reason: 'invalid-data', customers: 0, share: null });
    // Only purchasesDown counts: a customer tripping nothing scores 0 of its weight, not of lowPAlive's too.
    expect(risk.signals.filter((s) => s.available).map((s) => s.signal)).toEqual(['purchasesDown']);
  });

  it('"none" is not requested; values of the wrong length are invalid; other inputs throw', () => {
    expect(resolvePAlive('churn-risk', dataset, 'none', asOf).status).toMatchObject({ source: 'none', available: false, reason: 'not-requested' });
    expect(resolvePAlive('churn-risk', dataset, new Float64Array(5), asOf).status).toMatchObject({ source: 'values', available: false, reason: 'invalid-data' });
    expect(() => resolvePAlive('lifecycle', dataset, 'yes', asOf)).toThrow(/invalid lifecycle options: pAlive/);
    expect(() => churnRisk(dataset, { pAlive: [0.5] as never })).toThrow(/invalid churn-risk options: pAlive/);
  });
});

describe('on the sample company', () => {
  it('lifecycle and risk at one date share one fit, and P(alive) only moves customers into declining', () => {
    const { dataset } = ingestFeed(generateSampleCompany({ customers: 300, seed: 4 }) as never);
    const model = lifecycleStages(dataset);
    const none = lifecycleStages(dataset, { pAlive: 'none' });
    if (!model.available || !none.available) throw new Error('stages not available');
    expect(model.pAlive).toMatchObject({ source: 'model', available: true });
    expect(model.snapshots.slice(0, -1)).toEqual(none.snapshots.slice(0, -1));
    for (let c = 0; c < model.current.length; c++) {
      if (model.current[c] !== none.current[c]) {
        expect(STAGES[model.current[c]]).toBe('declining');
        expect(['new', 'growth', 'mature']).toContain(STAGES[none.current[c]]);
      }
    }
    const risk = churnRisk(dataset);
    if (!risk.available) throw new Error(risk.message);
    expect(risk.pAlive).toEqual(model.pAlive);
    expect(fittedPAlive(dataset, model.asOf)).toBe(fittedPAlive(dataset, model.asOf));
  });
});
