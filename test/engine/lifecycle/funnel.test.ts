import { describe, expect, it } from 'vitest';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { funnel } from '../../../src/engine/analyses/lifecycle/index.js';

const d0 = dayFromCivil(2024, 3, 1);
const ev = (customer_id: string, offset: number, type: string) => ({ customer_id, timestamp: `${isoDate(d0 + offset)}T12:00:00Z`, type });
const steps = [
  { label: 'View', source: 'event', eventType: 'view' },
  { label: 'Cart', source: 'event', eventType: 'cart' },
  { label: 'Buy', source: 'event', eventType: 'buy' },
] as const;

describe('funnel (Mixpanel semantics)', () => {
  const { dataset } = ingestFeed({
    events: [
      // u1: the repeat view on day 5 does not restart the 7-day window, so the cart on day 8 is late.
      ev('u1', 0, 'view'), ev('u1', 5, 'view'), ev('u1', 8, 'cart'), ev('u1', 9, 'buy'),
      // u2: buy exactly at the window's end counts.
      ev('u2', 0, 'view'), ev('u2', 3, 'cart'), ev('u2', 7, 'buy'),
      // u3: buy one day after the window does not.
      ev('u3', 0, 'view'), ev('u3', 3, 'cart'), ev('u3', 8, 'buy'),
      // u4: steps out of order: the cart before the view does not count.
      ev('u4', 1, 'cart'), ev('u4', 2, 'view'), ev('u4', 3, 'buy'),
      // u5: the first attempt stalls; a view after the window starts a new one that converts.
      ev('u5', 0, 'view'), ev('u5', 20, 'view'), ev('u5', 21, 'cart'), ev('u5', 22, 'buy'),
      // u6: never enters.
      ev('u6', 0, 'cart'), ev('u6', 1, 'buy'),
    ],
  });
  const r = funnel(dataset, { steps: [...steps], windowDays: 7 });
  if (!r.available) throw new Error(r.message);
  const reached = (id: string): number => r.reached[dataset.customerIds.indexOf(id)];

  it('counts each customer at the furthest step of any attempt', () => {
    expect(['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map(reached)).toEqual([1, 3, 2, 1, 3, 0]);
  });
  it('conversion to step k = reaching k / entering', () => {
    expect(r.steps.map((s) => s.customers)).toEqual([5, 3, 2]);
    expect(r.steps.map((s) => s.conversion)).toEqual([1, 0.6, 0.4]);
    expect(r.steps[2].fromPrevious).toBeCloseTo(2 / 3, 12);
  });
  it('a step on an event type or feature the feed never has is reached by nobody (not by the rows missing a feature)', () => {
    const { dataset: withFeatures } = ingestFeed({
      events: [
        { customer_id: 'a', timestamp: '2024-03-01T10:00:00Z', type: 'view' },
        { customer_id: 'a', timestamp: '2024-03-02T10:00:00Z', type: 'feature' },
        { customer_id: 'b', timestamp: '2024-03-01T10:00:00Z', type: 'view' },
        { customer_id: 'b', timestamp: '2024-03-02T10:00:00Z', type: 'feature', feature: 'export' },
      ],
    });
    const run = (second: object) => {
      const f = funnel(withFeatures, { steps: [{ label: 'View', source: 'event', eventType: 'view' }, { label: 'Used', source: 'event', ...second }] });
      if (!f.available) throw new Error(f.message);
      return f.steps.map((s) => s.customers);
    };
    expect(run({ feature: 'export' })).toEqual([2, 1]);
    expect(run({ feature: 'reports' })).toEqual([2, 0]);
    expect(run({ eventType: 'purchase' })).toEqual([2, 0]);
    expect(run({ eventType: 'feature' })).toEqual([2, 2]);
  });
  it('a repeated step definition needs a later occurrence (repeat purchase = a second order day)', () => {
    const { dataset: orders } = ingestFeed({
      orders: [
        { customer_id: 'once', date: '2024-01-01', amount: 5 },
        { customer_id: 'once', date: '2024-01-01', amount: 7 },
        { customer_id: 'twice', date: '2024-01-01', amount: 5 },
        { customer_id: 'twice', date: '2024-01-09', amount: 5 },
      ],
    });
    const f = funnel(orders, { steps: [{ label: 'First', source: 'order' }, { label: 'Repeat', source: 'order' }] });
    if (!f.available) throw new Error(f.message);
    expect(f.steps.map((s) => s.customers)).toEqual([2, 1]);
  });
  it('default steps: signup, first purchase, repeat, advocate (NPS 9+); unavailable without signup dates', () => {
    const { dataset: full } = ingestFeed({
      customers: [
        { customer_id: 'a', signup_date: '2024-01-01' },
        { customer_id: 'b', signup_date: '2024-01-01' },
      ],
      orders: [
        { customer_id: 'a', date: '2024-01-10', amount: 5 },
        { customer_id: 'a', date: '2024-02-10', amount: 5 },
        { customer_id: 'b', date: '2024-01-03', amount: 5 },
      ],
      feedback: [
        { customer_id: 'a', date: '2024-03-01', nps: 9 },
        { customer_id: 'b', date: '2024-03-01', nps: 8 },
      ],
    });
    const f = funnel(full);
    if (!f.available) throw new Error(f.message);
    expect(f.steps.map((s) => [s.label, s.customers])).toEqual([
      ['Signed up', 2],
      ['First purchase', 2],
      ['Repeat purchase', 1],
      ['Advocate', 1],
    ]);
    const { dataset: bare } = ingestFeed({ orders: [{ customer_id: 'a', date: '2024-01-10', amount: 5 }] });
    const u = funnel(bare);
    expect(u.available).toBe(false);
    if (!u.available) expect(u.needs[0]).toEqual({ table: 'customers', fields: ['customer_id', 'signup_date'] });
  });
  it('a step on a score the feedback table lacks is unavailable; one on the score it has counts', () => {
    const { dataset: csatOnly } = ingestFeed({
      orders: [{ customer_id: 'a', date: '2024-01-10', amount: 5 }, { customer_id: 'b', date: '2024-01-10', amount: 5 }],
      feedback: [
        { customer_id: 'a', date: '2024-02-01', csat: 5 },
        { customer_id: 'b', date: '2024-02-01', csat: 2 },
      ],
    });
    const advocate = funnel(csatOnly, { steps: [{ label: 'Bought', source: 'order' }, { label: 'Advocate', source: 'feedback', minNps: 9 }] });
    expect(advocate.available).toBe(false);
    if (!advocate.available) expect(advocate.needs[0]).toEqual({ table: 'feedback', fields: ['nps'] });
    const happy = funnel(csatOnly, { steps: [{ label: 'Bought', source: 'order' }, { label: 'Happy', source: 'feedback', minCsat: 4 }] });
    if (!happy.available) throw new Error(happy.message);
    expect(happy.steps.map((s) => s.customers)).toEqual([2, 1]);
  });
});
