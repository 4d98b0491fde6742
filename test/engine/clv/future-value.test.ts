import { describe, expect, it } from 'vitest';
import { predictCustomerValue } from '../../../src/engine/analyses/clv/future-value.js';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import { referenceFile } from '../../support/data.js';
import { loadSampleOrders, loadSummaryCsv } from './cdnow.js';

const sample = referenceFile('cdnow/CDNOW_sample.txt');
const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');
const rel = (value: number, expected: number) => Math.abs(value / expected - 1);

describe.skipIf(!sample || !summaryCsv)('predictCustomerValue (BG/NBD x Gamma-Gamma)', () => {
  it('predicts every CDNOW customer from the orders, with the published BG/NBD fit', () => {
    const result = predictCustomerValue(loadSampleOrders(sample!), { asOf: dayFromCivil(1997, 9, 30), horizonMonths: 12, discountRate: 0.01 });
    if (!result.available) throw new Error(result.message);
    expect(result.customer.length).toBe(2357);
    expect(rel(result.params.bgnbd.r, 0.2426)).toBeLessThan(1e-3);
    expect(rel(result.params.bgnbd.b, 2.4259)).toBeLessThan(1e-3);
    expect(rel(result.params.gammaGamma.p, 6.25)).toBeLessThan(0.01);
    const discountFloor = 1.01 ** -12;
    for (let i = 0; i < result.customer.length; i++) {
      const undiscounted = result.expectedPurchases[i] * result.expectedSpend[i];
      expect(result.clv[i]).toBeLessThanOrEqual(undiscounted * (1 + 1e-12));
      expect(result.clv[i]).toBeGreaterThanOrEqual(undiscounted * discountFloor * (1 - 1e-12));
      expect(result.pAlive[i] >= 0 && result.pAlive[i] <= 1).toBe(true);
    }
  });

  it('works from a feed summary table as well', () => {
    const result = predictCustomerValue(loadSummaryCsv(summaryCsv!), { horizonMonths: 6 });
    if (!result.available) throw new Error(result.message);
    expect(result.unit).toBe('week');
    expect(result.horizonMonths).toBe(6);
    expect(rel(result.params.gammaGamma.gamma, 15.44)).toBeLessThan(1e-3);
  });
});

describe('predictCustomerValue on data that cannot support the models', () => {
  it('is unavailable with the reason, not NaN', () => {
    const builder = new DatasetBuilder();
    const table = builder.table('orders', ['customer_id', 'date', 'amount']);
    for (const [id, day] of [['a', 1], ['a', 9], ['b', 3]] as const) {
      table.column('customer_id')!.push(builder.customer(id));
      table.column('date')!.push(dayFromCivil(2024, 1, day));
      table.column('amount')!.push(10);
      table.endRow();
    }
    const result = predictCustomerValue(builder.build());
    expect(result.available).toBe(false);
    if (!result.available) expect(result.message).toMatch(/too few repeat buyers/);
    const none = predictCustomerValue(new DatasetBuilder().build());
    expect(none.available === false && none.reason).toBe('missing-table');
  });
});
