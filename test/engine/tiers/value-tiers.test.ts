import { describe, expect, it } from 'vitest';
import { valueTiers, TIER_IDS, NO_TIER, isHigh, windowStartDay, type ValueTiersResult } from '../../../src/engine/analyses/tiers/index.js';
import { isoDate } from '../../../src/engine/dataset/days.js';
import { dataset, day, of, valuesById, type Order } from './fixtures.js';

const AS_OF = day('2024-12-31');

// Window 2024-01-01 .. 2024-12-31 (12 months ending at asOf, both ends inclusive).
const ORDERS: Order[] = [
  ['A', '2024-03-01', 100],
  ['A', '2024-06-01', 200],
  ['B', '2024-05-05', 50],
  ['C', '2023-12-31', 1000], // the day before the window: not current value
  ['C', '2024-12-31', 10], // on asOf: counts
  ['D', '2024-01-01', 400], // first day of the window
  ['E', '2024-02-02', 50],
  ['F', '2025-01-05', 500], // after asOf: F is not yet a customer
  ['G', '2024-07-07', 20],
];
const POTENTIAL = { A: 10, B: 40, C: 30, D: 20, E: 40, F: 99, G: 5 };

function tiersOf(options: Parameters<typeof valueTiers>[1], ds = dataset(ORDERS)): { ds: typeof ds; r: ValueTiersResult } {
  const r = valueTiers(ds, options);
  if (!r.available) throw new Error(r.message);
  return { ds, r };
}

function hand(extra: Partial<Parameters<typeof valueTiers>[1]> = {}) {
  const ds = dataset(ORDERS);
  return tiersOf({ asOf: AS_OF, potential: { source: 'values', values: valuesById(ds, POTENTIAL) }, ...extra }, ds);
}

describe('value tiers: hand-computed case', () => {
  // Current A300 B50 C10 D400 E50 G20 -> average ranks C1 G2 B3.5 E3.5 A5 D6 -> x100/6.
  // Potential A10 B40 C30 D20 E40 G5 -> ranks G1 A2 D3 C4 B5.5 E5.5 -> x100/6.
  const currentScore = { A: 500 / 6, B: 350 / 6, C: 100 / 6, D: 100, E: 350 / 6, G: 200 / 6 };
  const potentialScore = { A: 200 / 6, B: 550 / 6, C: 400 / 6, D: 50, E: 550 / 6, G: 100 / 6 };

  it('windows current value and leaves out customers not yet known', () => {
    const { ds, r } = hand();
    expect(r.windowStartDate).toBe('2024-01-01');
    expect(r.asOfDate).toBe('2024-12-31');
    const raw = { A: 300, B: 50, C: 10, D: 400, E: 50, G: 20 };
    for (const [id, v] of Object.entries(raw)) expect(of(ds, r.customers.currentValue, id)).toBe(v);
    expect(of(ds, r.customers.tier, 'F')).toBe(NO_TIER);
    expect(of(ds, r.customers.current, 'F')).toBeNaN();
    expect(r.totals.customers).toBe(6);
  });

  it('scores by percentile rank (average rank / n), ties sharing a score', () => {
    const { ds, r } = hand();
    for (const [id, v] of Object.entries(currentScore)) expect(of(ds, r.customers.current, id)).toBeCloseTo(v, 12);
    for (const [id, v] of Object.entries(potentialScore)) expect(of(ds, r.customers.potential, id)).toBeCloseTo(v, 12);
  });

  it('composes 0.6 current + 0.4 potential by default', () => {
    const { ds, r } = hand();
    expect(r.weights).toEqual({ current: 0.6, potential: 0.4 });
    for (const id of Object.keys(currentScore) as (keyof typeof currentScore)[]) {
      expect(of(ds, r.customers.composite, id)).toBeCloseTo(0.6 * currentScore[id] + 0.4 * potentialScore[id], 12);
    }
    expect(of(ds, r.customers.composite, 'A')).toBeCloseTo(50 + 40 / 3, 12);
  });

  it('normalises weights to sum to 1', () => {
    const same = hand({ weights: { current: 3, potential: 2 } }).r;
    expect(same.weights.current).toBeCloseTo(0.6, 15);
    expect(same.customers.composite).toEqual(hand().r.customers.composite.map((v) => v));
    const even = hand({ weights: { current: 1, potential: 1 } });
    expect(of(even.ds, even.r.customers.composite, 'A')).toBeCloseTo((500 / 6 + 200 / 6) / 2, 12);
    const onlyCurrent = hand({ weights: { current: 5, potential: 0 } });
    expect(of(onlyCurrent.ds, onlyCurrent.r.customers.composite, 'G')).toBeCloseTo(200 / 6, 12);
  });

  it('splits at the median score of each axis, ties at the threshold counting as high', () => {
    const { ds, r } = hand();
    // Current scores 16.7 33.3 58.3 58.3 83.3 100 -> median 58.3 (B and E sit on it: high).
    expect(r.thresholds.current).toBeCloseTo(350 / 6, 12);
    // Potential scores 16.7 33.3 50 66.7 91.7 91.7 -> median 58.3.
    expect(r.thresholds.potential).toBeCloseTo((50 + 400 / 6) / 2, 12);
    expect(r.thresholds.currentFrom).toBe('median');
    const tierOf = (id: string) => TIER_IDS[of(ds, r.customers.tier, id)];
    expect(tierOf('A')).toBe('profit');
    expect(tierOf('B')).toBe('strategic');
    expect(tierOf('C')).toBe('growth');
    expect(tierOf('D')).toBe('profit');
    expect(tierOf('E')).toBe('strategic');
    expect(tierOf('G')).toBe('basic');
  });

  it('summarises tier sizes and value shares that sum to 1', () => {
    const { r } = hand();
    expect(r.tiers.map((t) => t.tier)).toEqual(['strategic', 'growth', 'profit', 'basic']);
    expect(r.tiers.map((t) => t.customers)).toEqual([2, 1, 2, 1]);
    // Current total 830: strategic B+E 100, growth C 10, profit A+D 700, basic G 20.
    expect(r.tiers.map((t) => t.currentValue)).toEqual([100, 10, 700, 20]);
    expect(r.tiers.map((t) => t.valueShare)).toEqual([100 / 830, 10 / 830, 700 / 830, 20 / 830]);
    // Potential total 145: strategic 80, growth 30, profit 30, basic 5.
    expect(r.tiers.map((t) => t.potentialShare)).toEqual([80 / 145, 30 / 145, 30 / 145, 5 / 145]);
    const sum = (xs: (number | null)[]) => xs.reduce((a, b) => a! + b!, 0)!;
    expect(sum(r.tiers.map((t) => t.valueShare))).toBeCloseTo(1, 12);
    expect(sum(r.tiers.map((t) => t.potentialShare))).toBeCloseTo(1, 12);
    expect(sum(r.tiers.map((t) => t.customerShare))).toBeCloseTo(1, 12);
    expect(r.totals).toEqual({ customers: 6, currentValue: 830, potentialValue: 145 });
  });

  it('uses given thresholds; a score exactly on a given threshold is high', () => {
    // D's potential score is exactly 50: with threshold 50 it is high, so D moves from profit to strategic.
    const { ds, r } = hand({ thresholds: { potential: 50 } });
    expect(r.thresholds.potential).toBe(50);
    expect(r.thresholds.potentialFrom).toBe('given');
    expect(r.thresholds.currentFrom).toBe('median');
    expect(TIER_IDS[of(ds, r.customers.tier, 'D')]).toBe('strategic');
    expect(TIER_IDS[of(ds, r.customers.tier, 'A')]).toBe('profit');
    expect(r.tiers.map((t) => t.customers)).toEqual([3, 1, 1, 1]);
  });

  it('offers min-max scores', () => {
    const { ds, r } = hand({ normalisation: 'min-max' });
    // Current 10..400: A (300 - 10) / 390.
    expect(of(ds, r.customers.current, 'A')).toBeCloseTo((100 * 290) / 390, 12);
    expect(of(ds, r.customers.current, 'C')).toBe(0);
    expect(of(ds, r.customers.current, 'D')).toBe(100);
    // Potential 5..40: C (30 - 5) / 35.
    expect(of(ds, r.customers.potential, 'C')).toBeCloseTo((100 * 25) / 35, 12);
  });

  it('takes all history with windowMonths null', () => {
    const { ds, r } = hand({ windowMonths: null });
    expect(r.windowStartDate).toBeNull();
    expect(of(ds, r.customers.currentValue, 'C')).toBe(1010);
  });
});

describe('value tiers: thresholds and ties', () => {
  it('never calls the axis minimum high, even when the median falls on it', () => {
    // Three of five customers bought nothing in the window: scores 40 40 40 80 100, median 40.
    const orders: Order[] = [
      ['a', '2020-01-01', 10],
      ['b', '2020-01-01', 10],
      ['c', '2020-01-01', 10],
      ['d', '2024-06-01', 5],
      ['e', '2024-06-01', 7],
    ];
    const ds = dataset(orders);
    const r = valueTiers(ds, { asOf: AS_OF, potential: { source: 'values', values: valuesById(ds, { a: 1, b: 2, c: 3, d: 4, e: 5 }) } });
    if (!r.available) throw new Error(r.message);
    expect(of(ds, r.customers.current, 'a')).toBe(40);
    expect(r.thresholds.current).toBe(40);
    const highCurrent = ['a', 'b', 'c', 'd', 'e'].filter((id) => {
      const t = TIER_IDS[of(ds, r.customers.tier, id)];
      return t === 'strategic' || t === 'profit';
    });
    expect(highCurrent).toEqual(['d', 'e']);
  });

  it('isHigh: >= threshold is high, the minimum is not', () => {
    expect(isHigh(50, 50, 10)).toBe(true);
    expect(isHigh(49.9, 50, 10)).toBe(false);
    expect(isHigh(10, 5, 10)).toBe(false);
  });
});

describe('value tiers: current value as margin', () => {
  const orders: Order[] = [
    ['a', '2024-02-01', 100, 10],
    ['a', '2024-03-01', 100, NaN],
    ['b', '2024-02-01', 50, 40],
    ['c', '2024-02-01', 10, 5],
  ];
  it('sums margins, counting orders without one', () => {
    const ds = dataset(orders);
    const r = valueTiers(ds, { asOf: AS_OF, currentValue: 'margin', potential: { source: 'values', values: valuesById(ds, { a: 1, b: 1, c: 1 }) } });
    if (!r.available) throw new Error(r.message);
    expect(r.currentValueMeasure).toBe('margin');
    expect(of(ds, r.customers.currentValue, 'a')).toBe(10);
    expect(of(ds, r.customers.currentValue, 'b')).toBe(40);
    expect(r.missingMargins).toBe(1);
  });
  it('is unavailable without a margin field', () => {
    const ds = dataset([['a', '2024-02-01', 100]]);
    const r = valueTiers(ds, { asOf: AS_OF, currentValue: 'margin', potential: { source: 'values', values: valuesById(ds, { a: 1 }) } });
    expect(r.available).toBe(false);
    if (!r.available) {
      expect(r.reason).toBe('missing-field');
      expect(r.needs).toEqual([{ table: 'orders', fields: ['margin'] }]);
    }
  });
});

describe('value tiers: potential sources', () => {
  it('reads the customers potential field; customers without one are left out and counted', () => {
    const ds = dataset(
      [
        ['a', '2024-02-01', 100],
        ['b', '2024-02-01', 50],
        ['c', '2024-02-01', 10],
      ],
      { fields: ['potential'], rows: [{ id: 'a', potential: 3 }, { id: 'b', potential: 9 }, { id: 'p', potential: 5 }] },
    );
    const r = valueTiers(ds, { asOf: AS_OF, potential: { source: 'field' } });
    if (!r.available) throw new Error(r.message);
    expect(r.potentialSource).toBe('field');
    // Tiered: a, b and the prospect p (a customers row, no orders: current value 0). c has no potential.
    expect(r.totals.customers).toBe(3);
    expect(r.unscored).toBe(1);
    expect(of(ds, r.customers.tier, 'c')).toBe(NO_TIER);
    expect(of(ds, r.customers.currentValue, 'p')).toBe(0);
    // Potential a3 p5 b9 -> scores 33.3 66.7 100, median 66.7 = p's (a tie: high); p's current 0 is the minimum -> growth.
    expect(TIER_IDS[of(ds, r.customers.tier, 'p')]).toBe('growth');
    expect(TIER_IDS[of(ds, r.customers.tier, 'b')]).toBe('strategic');
    expect(TIER_IDS[of(ds, r.customers.tier, 'a')]).toBe('profit');
  });

  it('leaves out customers-table rows that sign up after the analysis date', () => {
    const ds = dataset([['a', '2024-02-01', 100]], {
      fields: ['potential', 'signup_date'],
      rows: [{ id: 'a', potential: 1 }, { id: 'later', potential: 2, signup: '2025-03-01' }],
    });
    const r = valueTiers(ds, { asOf: AS_OF, potential: { source: 'field' } });
    if (!r.available) throw new Error(r.message);
    expect(of(ds, r.customers.tier, 'later')).toBe(NO_TIER);
    expect(r.totals.customers).toBe(1);
  });

  it('weights attributes, each normalised, averaged over the attributes a customer has', () => {
    const ds = dataset(
      [
        ['X', '2024-02-01', 10],
        ['Y', '2024-02-01', 20],
        ['Z', '2024-02-01', 30],
        ['W', '2024-02-01', 40],
      ],
      {
        fields: [],
        attributes: ['influence', 'growth'],
        rows: [
          { id: 'X', attributes: { influence: 1, growth: 30 } },
          { id: 'Y', attributes: { influence: 2, growth: 10 } },
          { id: 'Z', attributes: { influence: 3, growth: 20 } },
          { id: 'W', attributes: { growth: 40 } },
        ],
      },
    );
    const r = valueTiers(ds, { asOf: AS_OF, potential: { source: 'attributes', weights: { influence: 3, growth: 1 } } });
    if (!r.available) throw new Error(r.message);
    // influence scores (X, Y, Z only) 33.3 66.7 100; growth scores Y 25 Z 50 X 75 W 100.
    expect(of(ds, r.customers.potentialValue, 'X')).toBeCloseTo((3 * 100 / 3 + 75) / 4, 12);
    expect(of(ds, r.customers.potentialValue, 'Y')).toBeCloseTo((3 * 200 / 3 + 25) / 4, 12);
    expect(of(ds, r.customers.potentialValue, 'Z')).toBeCloseTo((300 + 50) / 4, 12);
    expect(of(ds, r.customers.potentialValue, 'W')).toBe(100);
    // Raw 43.75 < 56.25 < 87.5 < 100 -> scores 25 50 75 100.
    expect(['X', 'Y', 'Z', 'W'].map((id) => of(ds, r.customers.potential, id))).toEqual([25, 50, 75, 100]);
  });

  it('passes on why the lifetime models cannot give the default potential', () => {
    // Three customers, one repeat buyer: too few to fit BG/NBD.
    const ds = dataset([
      ['a', '2024-02-01', 1],
      ['a', '2024-03-01', 1],
      ['b', '2024-02-01', 1],
      ['c', '2024-02-01', 1],
    ]);
    const r = valueTiers(ds, { asOf: AS_OF });
    expect(r.available).toBe(false);
    if (!r.available) expect(r.message).toMatch(/repeat/);
  });

  it('is unavailable for an unknown attribute, a missing customers table, or values of the wrong length', () => {
    const ds = dataset([['a', '2024-02-01', 1]], { fields: [], attributes: ['growth'], rows: [{ id: 'a', attributes: { growth: 1 } }] });
    const attr = valueTiers(ds, { potential: { source: 'attributes', weights: { growth: 1, size: 2 } } });
    expect(attr.available === false && attr.reason).toBe('missing-field');
    if (!attr.available) expect(attr.needs).toEqual([{ table: 'customers', fields: ['size'] }]);
    const noCustomers = valueTiers(dataset([['a', '2024-02-01', 1]]), { potential: { source: 'field' } });
    expect(noCustomers.available === false && noCustomers.reason).toBe('missing-table');
    const wrong = valueTiers(ds, { potential: { source: 'values', values: new Float64Array(5) } });
    expect(wrong.available === false && wrong.reason).toBe('invalid-data');
  });
});

describe('value tiers: availability and options', () => {
  it('is unavailable without orders', () => {
    const r = valueTiers(dataset([]), { potential: { source: 'values', values: new Float64Array(0) } });
    expect(r.available === false && r.reason).toBe('no-rows');
  });
  it('rejects invalid options', () => {
    const ds = dataset(ORDERS);
    const values = valuesById(ds, POTENTIAL);
    expect(() => valueTiers(ds, { potential: { source: 'values', values }, weights: { current: 0, potential: 0 } })).toThrow(RangeError);
    expect(() => valueTiers(ds, { potential: { source: 'values', values }, weights: { current: -1, potential: 2 } })).toThrow(RangeError);
    expect(() => valueTiers(ds, { potential: { source: 'values', values }, thresholds: { current: 120 } })).toThrow(RangeError);
    expect(() => valueTiers(ds, { potential: { source: 'attributes', weights: { growth: 0 } } })).toThrow(RangeError);
  });
  it('starts the window the day after the same date months earlier, clamping month ends', () => {
    expect(isoDate(windowStartDay(day('2024-12-31'), 12))).toBe('2024-01-01');
    expect(isoDate(windowStartDay(day('2024-03-31'), 1))).toBe('2024-03-01');
    expect(isoDate(windowStartDay(day('2024-06-15'), 3))).toBe('2024-03-16');
  });
});
