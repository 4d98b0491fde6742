/** Value tiers on the R rfm orders: windowed totals checked against the raw file, shares and movement. */
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { tierTransitions, valueTiers, type ValueTiersResult } from '../../../src/engine/analyses/tiers/index.js';
import { predictCustomerValue } from '../../../src/engine/analyses/clv/future-value.js';
import { loadSampleOrders } from '../clv/cdnow.js';
import { referenceFile } from '../../support/data.js';
import { day, ordersDataset } from '../stats/fixtures.js';

const file = referenceFile('rfm/rfm_data_orders.csv');
describe.skipIf(!file)('value tiers on R rfm orders', () => {
  const rows = csvParse(readFileSync(file!, 'utf8'));
  const dataset = ordersDataset(rows.map((r) => [r.customer_id!, r.order_date!, Number(r.revenue)] as const));
  // Potential stand-in: a fixed per-customer number (the length of the id), the same at both dates.
  const values = Float64Array.from(dataset.customerIds, (id) => id.length);
  const run = (asOf: string, windowMonths: number | null) => {
    const r = valueTiers(dataset, { asOf: day(asOf), windowMonths, potential: { source: 'values', values } });
    if (!r.available) throw new Error(r.message);
    return r;
  };
  const revenueBetween = (from: string, to: string) =>
    rows.filter((r) => r.order_date! >= from && r.order_date! <= to).reduce((s, r) => s + Number(r.revenue), 0);

  function expectShares(r: ValueTiersResult) {
    expect(r.tiers.reduce((s, t) => s + t.customers, 0)).toBe(r.totals.customers);
    expect(r.tiers.reduce((s, t) => s + t.valueShare!, 0)).toBeCloseTo(1, 12);
    expect(r.tiers.reduce((s, t) => s + t.potentialShare!, 0)).toBeCloseTo(1, 12);
  }

  it('takes all revenue up to asOf with no window, and the calendar year with a 12-month window', () => {
    const all = run('2006-12-31', null);
    expect(all.totals.customers).toBe(995);
    // METRICS.md: the vignette segments' revenue summed.
    expect(all.totals.currentValue).toBe(204856 + 76562 + 35324 + 28837 + 23449 + 32446 + 31646 + 22227 + 4562 + 4249);
    expectShares(all);
    const year = run('2006-12-31', 12);
    expect(year.windowStartDate).toBe('2006-01-01');
    expect(year.totals.currentValue).toBeCloseTo(revenueBetween('2006-01-01', '2006-12-31'), 6);
    expectShares(year);
  });

  it('conserves customers from one year to the next', () => {
    const from = run('2005-12-31', 12);
    const to = run('2006-12-31', 12);
    const t = tierTransitions(from, to);
    for (let s = 0; s < 4; s++) {
      expect(t.matrix[s].reduce((a, b) => a + b, 0) + t.exited[s]).toBe(from.tiers[s].customers);
      expect(t.matrix.reduce((a, row) => a + row[s], 0) + t.entered[s]).toBe(to.tiers[s].customers);
    }
    expect(t.tieredAtBoth + t.entered.reduce((a, b) => a + b, 0)).toBe(to.totals.customers);
  });
});

const sample = referenceFile('cdnow/CDNOW_sample.txt');
describe.skipIf(!sample)('value tiers on the CDNOW sample', () => {
  it('take the model-predicted future value as the default potential', () => {
    const dataset = loadSampleOrders(sample!);
    const asOf = day('1997-09-30');
    const r = valueTiers(dataset, { asOf });
    if (!r.available) throw new Error(r.message);
    expect(r.potentialSource).toBe('model');
    const prediction = predictCustomerValue(dataset, { asOf });
    if (!prediction.available) throw new Error(prediction.message);
    expect(r.totals.customers).toBe(2357);
    for (let i = 0; i < prediction.customer.length; i++) {
      expect(r.customers.potentialValue[prediction.customer[i]]).toBe(prediction.clv[i]);
    }
    expect(r.tiers.reduce((s, t) => s + t.potentialShare!, 0)).toBeCloseTo(1, 12);
    // High-potential tiers hold more of the predicted value than the low ones.
    const [strategic, growth, profit, basic] = r.tiers.map((t) => t.potentialShare!);
    expect(strategic + growth).toBeGreaterThan(profit + basic);
    const longer = valueTiers(dataset, { asOf, potential: { source: 'model', horizonMonths: 36 } });
    if (!longer.available) throw new Error(longer.message);
    expect(longer.totals.potentialValue).toBeGreaterThan(r.totals.potentialValue);
  });
});
