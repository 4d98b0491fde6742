/**
 * Invariants of the analyses on random valid feeds: RFM segments partition the customers and scores
 * stay in 1..bins, cohort retention is a share and "return on or after" never rises, lifecycle flows
 * balance, CLV is finite and non-negative, value-tier summaries add up to their totals. Feeds are
 * small so the runs stay fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { rfm } from '../../../src/engine/analyses/rfm/index.js';
import { cohorts } from '../../../src/engine/analyses/cohorts/index.js';
import { lifecycleStages } from '../../../src/engine/analyses/lifecycle/stages.js';
import { valueTiers } from '../../../src/engine/analyses/tiers/index.js';
import { bgnbdModel, customerValues, paretoNbdModel, type CustomerSummary } from '../../../src/engine/analyses/clv/index.js';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';

const RUNS = { numRuns: 100 };
const START = dayFromCivil(2022, 1, 1);
const SPAN = 3 * 365;

const order = fc.record({
  customer: fc.integer({ min: 1, max: 25 }),
  day: fc.integer({ min: 0, max: SPAN }),
  // refunds included: monetary sums may be negative, RFM still has to score them
  amount: fc.oneof(fc.double({ min: 0.01, max: 5000, noNaN: true }), fc.double({ min: -200, max: 0, noNaN: true })),
});
const orders = fc.array(order, { minLength: 1, maxLength: 120 });

function feedOf(rows: { customer: number; day: number; amount: number }[], potentials: number[] = []) {
  return ingestFeed({
    orders: rows.map((r) => ({ customer_id: `c${r.customer}`, date: isoDate(START + r.day), amount: Math.round(r.amount * 100) / 100 })),
    ...(potentials.length > 0 ? { customers: potentials.map((p, i) => ({ customer_id: `c${i + 1}`, potential: p })) } : {}),
  }).dataset;
}

/** Distinct customers with an order on or before `asOf` (independent of the analyses). */
function customersUpTo(rows: { customer: number; day: number }[], asOf: number): number {
  return new Set(rows.filter((r) => START + r.day <= asOf).map((r) => r.customer)).size;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('analysis invariants on random feeds', () => {
  it('RFM: segments and grid cells partition the customers; scores lie in 1..bins', () => {
    fc.assert(
      fc.property(orders, fc.integer({ min: 0, max: SPAN + 30 }), (rows, asOfOffset) => {
        const dataset = feedOf(rows);
        const result = rfm(dataset, { asOf: START + asOfOffset });
        const expected = customersUpTo(rows, START + asOfOffset);
        if (!result.available) {
          expect(expected).toBe(0);
          return;
        }
        expect(result.totals.customers).toBe(expected);
        expect(sum(result.segments.map((s) => s.customers))).toBe(expected);
        expect(sum(result.grid.map((c) => c.customers))).toBe(expected);
        const c = result.customers;
        expect(c.index.length).toBe(expected);
        for (let i = 0; i < c.index.length; i++) {
          for (const [score, bins] of [[c.r[i], result.bins.r], [c.f[i], result.bins.f], [c.m[i], result.bins.m]] as const) {
            expect(score).toBeGreaterThanOrEqual(1);
            expect(score).toBeLessThanOrEqual(Math.min(5, bins));
          }
          expect(c.recency[i]).toBeGreaterThanOrEqual(0);
          expect(c.frequency[i]).toBeGreaterThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('cohorts: retention in [0, 1], 1 at offset 0, "on or after" non-increasing, sizes sum to the customers', () => {
    fc.assert(
      fc.property(orders, fc.constantFrom('month', 'week', 'quarter') as fc.Arbitrary<'month'>, (rows, period) => {
        const result = cohorts(feedOf(rows), { period });
        // a cohort is the period of the first purchase, and a refund is not a purchase (METRICS.md)
        const purchases = rows.filter((r) => Math.round(r.amount * 100) >= 0);
        expect(result.available).toBe(purchases.length > 0);
        if (!result.available) return;
        expect(sum(result.cohorts.map((c) => c.size))).toBe(customersUpTo(purchases, result.asOf));
        for (const row of result.cohorts) {
          expect(row.retention[0]).toBe(1);
          for (const share of [...row.retention, ...row.retentionOnOrAfter]) {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
          for (let k = 1; k < row.retentionOnOrAfter.length; k++) expect(row.retentionOnOrAfter[k]).toBeLessThanOrEqual(row.retentionOnOrAfter[k - 1]);
          for (let k = 0; k < row.retention.length; k++) expect(row.retention[k]).toBeLessThanOrEqual(row.retentionOnOrAfter[k]);
        }
      }),
      RUNS,
    );
  });

  it('lifecycle: flows into a snapshot sum to its customers, flows out of the previous one to its customers', () => {
    fc.assert(
      fc.property(orders, fc.constantFrom('month', 'quarter') as fc.Arbitrary<'month'>, (rows, unit) => {
        const result = lifecycleStages(feedOf(rows), { unit, pAlive: 'none' });
        expect(result.available).toBe(true);
        if (!result.available) return;
        const snapshots = result.snapshots;
        for (const s of snapshots) expect(sum(Object.values(s.counts))).toBe(s.customers);
        for (let t = 1; t < snapshots.length; t++) {
          const into = result.flows.filter((f) => f.period === snapshots[t].period);
          expect(sum(into.map((f) => f.customers))).toBe(snapshots[t].customers);
          const out = into.filter((f) => f.from !== 'acquired');
          expect(sum(out.map((f) => f.customers))).toBe(snapshots[t - 1].customers);
          for (const stage of result.stages) {
            expect(sum(out.filter((f) => f.from === stage).map((f) => f.customers))).toBe(snapshots[t - 1].counts[stage]);
          }
        }
        expect(snapshots[snapshots.length - 1].customers).toBe(customersUpTo(rows, result.asOf));
      }),
      RUNS,
    );
  });

  it('CLV: finite and non-negative for any valid parameters and histories', () => {
    const positive = fc.double({ min: 0.01, max: 50, noNaN: true });
    const history = fc
      .record({ T: fc.double({ min: 0, max: 200, noNaN: true }), share: fc.double({ min: 0.01, max: 1, noNaN: true }), x: fc.integer({ min: 0, max: 60 }) })
      // a valid history: repeat purchases need time (x > 0 means 0 < t_x <= T, at least a day apart)
      .map(({ T, share, x }) => (x === 0 || T < 1 / 7 ? { x: 0, tx: 0, T } : { x, tx: Math.max(1 / 7, T * share), T }));
    fc.assert(
      fc.property(
        fc.record({ r: positive, alpha: positive, a: positive, b: positive, s: positive, beta: positive }),
        fc.array(history, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 36 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (p, histories, horizonMonths, discountRate) => {
          const n = histories.length;
          const summary: CustomerSummary = {
            unit: 'week',
            length: n,
            customer: Int32Array.from(histories.keys()),
            x: Float64Array.from(histories, (h) => h.x),
            tx: Float64Array.from(histories, (h) => h.tx),
            T: Float64Array.from(histories, (h) => h.T),
            monetary: new Float64Array(n).fill(NaN),
          };
          const spend = Float64Array.from(histories, (_, i) => 10 + i);
          for (const model of [bgnbdModel(p), paretoNbdModel(p)]) {
            const values = customerValues(model, summary, spend, { horizonMonths, discountRate });
            for (let i = 0; i < n; i++) {
              expect(Number.isFinite(values.clv[i]), `${model.name} clv ${JSON.stringify({ p, h: histories[i] })}`).toBe(true);
              expect(values.clv[i]).toBeGreaterThanOrEqual(0);
              expect(values.pAlive[i]).toBeGreaterThanOrEqual(0);
              expect(values.pAlive[i]).toBeLessThanOrEqual(1);
              expect(values.expectedPurchases[i]).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('value tiers: tier customers, shares and values sum to the totals', () => {
    fc.assert(
      fc.property(orders, fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 25, maxLength: 25 }), (rows, potentials) => {
        const result = valueTiers(feedOf(rows, potentials), { potential: { source: 'field' } });
        expect(result.available).toBe(true);
        if (!result.available) return;
        const { tiers, totals } = result;
        expect(sum(tiers.map((t) => t.customers))).toBe(totals.customers);
        expect(totals.customers).toBeGreaterThanOrEqual(customersUpTo(rows, result.asOf));
        if (totals.customers > 0) expect(sum(tiers.map((t) => t.customerShare))).toBeCloseTo(1, 9);
        expect(sum(tiers.map((t) => t.currentValue))).toBeCloseTo(totals.currentValue, 6);
        expect(sum(tiers.map((t) => t.potentialValue))).toBeCloseTo(totals.potentialValue, 6);
        for (const t of tiers) if (t.meanComposite !== null) expect(t.meanComposite).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });
});
