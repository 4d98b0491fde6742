/**
 * Invariant of the customer-value prediction on random valid order sets: whenever it is available,
 * every prediction is a finite, non-negative number and P(alive) a probability. The order sets are
 * small and skewed (a few heavy buyers, bursts of orders in one window) so that degenerate fits, such
 * as a BG/NBD with no dropout heterogeneity, come up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { predictCustomerValue } from '../../../src/engine/analyses/clv/future-value.js';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';

const START = dayFromCivil(2023, 1, 1);

const customer = fc.record({
  last: fc.integer({ min: 0, max: 730 }),
  spread: fc.integer({ min: 0, max: 300 }),
  offsets: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 14 }),
  amount: fc.double({ min: 1, max: 500, noNaN: true }),
});
const customers = fc.array(customer, { minLength: 12, maxLength: 60 });

function feedOf(rows: { last: number; spread: number; offsets: number[]; amount: number }[]) {
  const orders = rows.flatMap((c, i) =>
    c.offsets.map((o, k) => ({
      customer_id: `c${i + 1}`,
      date: isoDate(START + Math.max(0, c.last - Math.floor(o * c.spread))),
      amount: Math.round(c.amount * (1 + k / 10) * 100) / 100,
    })),
  );
  return ingestFeed({ orders }).dataset;
}

describe('customer value predictions', () => {
  it('are finite and non-negative with P(alive) in [0, 1] whenever available', () => {
    fc.assert(
      fc.property(customers, fc.constantFrom<'day' | 'week'>('day', 'week'), (rows, unit) => {
        const prediction = predictCustomerValue(feedOf(rows), { unit, minRepeatBuyers: 3 });
        if (!prediction.available) return;
        for (const column of [prediction.clv, prediction.expectedPurchases, prediction.expectedSpend]) {
          for (const v of column) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        for (const p of prediction.pAlive) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });
});
