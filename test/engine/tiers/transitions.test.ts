import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tierTransitions, valueTierTransitions, valueTiers, TIER_IDS } from '../../../src/engine/analyses/tiers/index.js';
import { isoDate } from '../../../src/engine/dataset/days.js';
import { dataset, day, valuesById, type Order } from './fixtures.js';

describe('tier transitions: hand-computed case', () => {
  // Six-month windows: H1 2024 (asOf 2024-06-30) and H2 2024 (asOf 2024-12-31).
  const orders: Order[] = [
    ['P', '2024-02-01', 100],
    ['P', '2024-08-01', 10],
    ['Q', '2024-03-01', 10],
    ['Q', '2024-09-01', 100],
    ['R', '2024-04-01', 50],
    ['R', '2024-10-01', 50],
    ['S', '2024-05-01', 5],
    ['T', '2024-11-01', 80],
  ];
  const ds = dataset(orders);
  const potential = { source: 'values' as const, values: valuesById(ds, { P: 10, Q: 20, R: 30, S: 40, T: 50 }) };
  const from = { asOf: day('2024-06-30'), windowMonths: 6, potential };
  const to = { asOf: day('2024-12-31'), windowMonths: 6, potential };

  it('counts moves, entries and exits', () => {
    // H1: current P100 Q10 R50 S5 -> S25 Q50 R75 P100 (median 62.5); potential P25 Q50 R75 S100 (median 62.5)
    //     -> P profit, Q basic, R strategic, S growth; T not yet a customer.
    // H2: current P10 Q100 R50 S0 T80 -> S20 P40 R60 T80 Q100 (median 60); potential P20 Q40 R60 S80 T100
    //     -> P basic, Q profit, R strategic (tie on both thresholds), S growth, T strategic.
    const r = valueTierTransitions(ds, from, to);
    if (!r.available) throw new Error(r.message);
    const [strategic, growth, profit, basic] = [0, 1, 2, 3];
    const expected = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    expected[profit][basic] = 1; // P
    expected[basic][profit] = 1; // Q
    expected[strategic][strategic] = 1; // R
    expected[growth][growth] = 1; // S
    expect(r.matrix).toEqual(expected);
    expect(r.entered).toEqual([1, 0, 0, 0]); // T
    expect(r.exited).toEqual([0, 0, 0, 0]);
    expect(r.stayed).toBe(2);
    expect(r.tieredAtBoth).toBe(4);
    expect(r.tiers).toEqual(TIER_IDS);
    expect([r.fromAsOfDate, r.toAsOfDate]).toEqual(['2024-06-30', '2024-12-31']);
  });

  it('counts customers that leave the tiers', () => {
    // At H2, S has no potential value any more: S leaves from growth.
    const later = { ...to, potential: { source: 'values' as const, values: valuesById(ds, { P: 10, Q: 20, R: 30, T: 50 }) } };
    const r = valueTierTransitions(ds, from, later);
    if (!r.available) throw new Error(r.message);
    expect(r.exited).toEqual([0, 1, 0, 0]);
  });

  it('is unavailable when the dates are out of order', () => {
    const r = valueTierTransitions(ds, to, from);
    expect(r.available === false && r.reason).toBe('invalid-data');
  });
});

describe('tier transitions conserve customers', () => {
  const order = fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 700 }), fc.double({ min: -50, max: 1000, noNaN: true }));
  it('rows + exits = tier sizes before, columns + entries = tier sizes after; shares sum to 1', () => {
    fc.assert(
      fc.property(
        fc.array(order, { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (rows, potentials) => {
          const start = day('2023-01-01');
          const orders: Order[] = rows.map(([c, offset, amount]) => [`c${c}`, isoDate(start + offset), amount]);
          const ds = dataset(orders);
          const values = Float64Array.from(ds.customerIds, (id) => potentials[Number(id.slice(1))]);
          const options = { potential: { source: 'values' as const, values }, windowMonths: 6 };
          const a = valueTiers(ds, { ...options, asOf: start + 300 });
          const b = valueTiers(ds, { ...options, asOf: start + 700 });
          if (!a.available || !b.available) return;
          const t = tierTransitions(a, b);
          for (let s = 0; s < 4; s++) {
            expect(t.matrix[s].reduce((x, y) => x + y, 0) + t.exited[s]).toBe(a.tiers[s].customers);
            expect(t.matrix.reduce((x, row) => x + row[s], 0) + t.entered[s]).toBe(b.tiers[s].customers);
          }
          for (const r of [a, b]) {
            expect(r.tiers.reduce((x, tier) => x + tier.customers, 0)).toBe(r.totals.customers);
            if (r.totals.currentValue !== 0) expect(r.tiers.reduce((x, tier) => x + tier.valueShare!, 0)).toBeCloseTo(1, 6);
            for (let c = 0; c < ds.customerIds.length; c++) {
              const score = r.customers.composite[c];
              if (!Number.isNaN(score)) expect(score).toBeGreaterThanOrEqual(0);
              if (!Number.isNaN(score)) expect(score).toBeLessThanOrEqual(100);
            }
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
