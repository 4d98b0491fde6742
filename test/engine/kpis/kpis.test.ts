/** Every KPI on a small hand-computed feed (month periods, inactivity window 45 days). */
import { describe, expect, it } from 'vitest';
import { kpis, KPI_IDS, periodDiscountRate, type KpiResult, type KpiValue } from '../../../src/engine/analyses/kpis/index.js';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { referenceFile } from '../../support/data.js';
import { readCdnowMaster } from '../stats/cdnow.js';
import { addOrders, day, ordersDataset, type OrderRow } from '../stats/fixtures.js';

const ORDERS: OrderRow[] = [
  ['a', '2024-01-10', 100],
  ['a', '2024-02-15', 50],
  ['a', '2024-03-20', 30],
  ['b', '2024-01-05', 200],
  ['b', '2024-01-08', 20],
  ['c', '2024-02-05', 80],
  ['c', '2024-02-05', 20],
  ['d', '2024-03-03', 60],
  ['d', '2024-03-10', -10],
  ['e', '2024-03-15', 40],
];

function fullDataset() {
  const b = new DatasetBuilder();
  addOrders(b, ORDERS);
  const spend = b.table('spend', ['date', 'amount']);
  for (const [iso, amount] of [['2024-01-01', 300], ['2024-02-01', 100], ['2024-03-01', 150], ['2024-03-15', 50]] as const) {
    spend.column('date')!.push(day(iso));
    spend.column('amount')!.push(amount);
    spend.endRow();
  }
  const customers = b.table('customers', ['customer_id', 'referred']);
  for (const [id, referred] of [['a', 1], ['b', 0], ['c', -1], ['d', 1], ['e', 0], ['z', 1]] as const) {
    customers.column('customer_id')!.pushString(id);
    customers.column('referred')!.push(referred);
    customers.endRow();
  }
  const events = b.table('events', ['customer_id', 'timestamp', 'type']);
  for (const [id, iso, type] of [['a', '2024-02-10', 'complaint'], ['d', '2024-03-05', 'Complaint'], ['d', '2024-03-06', 'login']] as const) {
    events.column('customer_id')!.pushString(id);
    events.column('timestamp')!.push(Date.parse(`${iso}T10:00:00Z`));
    events.column('type')!.pushString(type);
    events.endRow();
  }
  const feedback = b.table('feedback', ['customer_id', 'date', 'nps', 'csat']);
  for (const [iso, nps, csat] of [
    ['2024-02-10', 10, 5],
    ['2024-02-12', 9, 4],
    ['2024-02-20', 3, 2],
    ['2024-03-05', 8, NaN],
    ['2024-03-06', 6, 3],
    ['2024-03-07', NaN, 5],
  ] as const) {
    feedback.column('customer_id')!.pushString('a');
    feedback.column('date')!.push(day(iso));
    feedback.column('nps')!.push(nps);
    feedback.column('csat')!.push(csat);
    feedback.endRow();
  }
  return b.build();
}

const get = (r: KpiResult, id: string) => r.kpis.find((k) => k.id === id)!;
const values = (r: KpiResult, id: string) => (get(r, id) as KpiValue).series.map((p) => p.value);

describe('KPIs on a hand-computed feed', () => {
  const result = kpis(fullDataset(), { asOf: day('2024-04-01'), inactivityDays: 45 });

  it('values the last complete period against the one before', () => {
    expect(result.current).toBe('2024-03');
    expect(result.previous).toBe('2024-02');
    expect(get(result, 'revenue')).toMatchObject({ value: 120, previous: 150, change: -30, relativeChange: -0.2, unit: 'currency' });
    expect((get(result, 'revenue') as KpiValue).series.map((p) => [p.period, p.partial])).toEqual([
      ['2024-01', false],
      ['2024-02', false],
      ['2024-03', false],
      ['2024-04', true],
    ]);
    expect(result.kpis.map((k) => k.id)).toEqual(KPI_IDS);
    expect(result.kpis.every((k) => k.available)).toBe(true);
  });

  it('activity, acquisition, revenue, orders and order value', () => {
    expect(values(result, 'active-customers')).toEqual([2, 2, 3, 0]);
    expect(values(result, 'new-customers')).toEqual([2, 1, 2, 0]);
    expect(values(result, 'revenue')).toEqual([320, 150, 120, 0]);
    expect(values(result, 'orders')).toEqual([3, 3, 3, 0]);
    expect(values(result, 'average-order-value')).toEqual([320 / 3, 50, 40, null]);
  });

  it('repeat purchase rate counts distinct purchase days over all history', () => {
    expect(values(result, 'repeat-purchase-rate')).toEqual([1 / 2, 2 / 3, 2 / 5, 2 / 5]);
    expect(get(result, 'repeat-purchase-rate')).toMatchObject({ unit: 'percent', direction: 'higher-is-better' });
  });

  it('retention, churn and net revenue retention against the inactivity window', () => {
    expect(values(result, 'retention-rate')).toEqual([null, 0.5, 0.5, 1]);
    expect(values(result, 'churn-rate')).toEqual([null, 0.5, 0.5, 0]);
    expect(get(result, 'churn-rate').direction).toBe('lower-is-better');
    expect(values(result, 'net-revenue-retention')).toEqual([null, 50 / 320, 30 / 150, 0]);
    expect(result.inactivityDays).toBe(45);
  });

  it('simple CLV from revenue per active customer, the retention rate and the monthly discount', () => {
    const d = periodDiscountRate(0.1, 'month');
    const clv = values(result, 'clv');
    expect(clv[0]).toBeNull();
    expect(clv[1]).toBeCloseTo(75 / (1 + d - 0.5), 10);
    expect(clv[2]).toBeCloseTo(40 / (1 + d - 0.5), 10);
  });

  it('CAC and CLV/CAC from the spend table', () => {
    expect(values(result, 'cac')).toEqual([150, 100, 100, null]);
    const d = periodDiscountRate(0.1, 'month');
    expect(get(result, 'clv-cac-ratio').available && (get(result, 'clv-cac-ratio') as KpiValue).value).toBeCloseTo(40 / (1 + d - 0.5) / 100, 10);
  });

  it('referral rate over new customers with a known flag; complaint rate per order', () => {
    expect(values(result, 'referral-rate')).toEqual([0.5, null, 0.5, null]);
    expect(values(result, 'complaint-rate')).toEqual([0, 1 / 3, 1 / 3, null]);
  });

  it('NPS and CSAT per period', () => {
    const nps = values(result, 'nps');
    expect(nps[1]).toBeCloseTo(100 / 3, 10);
    expect(nps[2]).toBe(-50);
    expect(get(result, 'nps')).toMatchObject({ unit: 'score', definition: 'kpi.nps' });
    expect(values(result, 'csat')).toEqual([null, 2 / 3, 0.5, null]);
  });

  it('quarter periods sum the months', () => {
    const q = kpis(fullDataset(), { asOf: day('2024-04-01'), period: 'quarter', inactivityDays: 45 });
    expect(q.current).toBe('2024-Q1');
    expect(get(q, 'revenue')).toMatchObject({ value: 590, previous: null, change: null });
  });
});

describe('availability', () => {
  it('KPIs whose table is missing are unavailable with the reason, not zero', () => {
    const result = kpis(ordersDataset(ORDERS));
    for (const id of ['nps', 'csat', 'cac', 'clv-cac-ratio', 'referral-rate', 'complaint-rate']) {
      expect(get(result, id), id).toMatchObject({ available: false, reason: 'missing-table' });
      expect(get(result, id)).not.toHaveProperty('value');
    }
    expect(get(result, 'revenue').available).toBe(true);
    expect(result.asOfDate).toBe('2024-03-21');
  });

  it('an empty Dataset gives every KPI unavailable', () => {
    const result = kpis(new DatasetBuilder().build());
    expect(result.current).toBeNull();
    expect(result.kpis.every((k) => !k.available)).toBe(true);
  });

  it('rejects invalid options', () => {
    expect(() => kpis(ordersDataset(ORDERS), { period: 'decade' as 'year' })).toThrow(RangeError);
  });
});

const cdnow = referenceFile('cdnow/CDNOW_master.txt');

describe.skipIf(!cdnow)('CDNOW master', () => {
  it('repeat purchase rate 11,516 / 23,570 = 48.86 % by the last month', () => {
    const result = kpis(readCdnowMaster(cdnow!));
    expect(result.current).toBe('1998-06');
    const repeat = get(result, 'repeat-purchase-rate') as KpiValue;
    expect(repeat.value).toBeCloseTo(11516 / 23570, 10);
    expect(get(result, 'new-customers').available && (get(result, 'new-customers') as KpiValue).series.reduce((s, p) => s + (p.value ?? 0), 0)).toBe(23570);
  });
});
