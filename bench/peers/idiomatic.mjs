/**
 * Idiomatic object-per-row JavaScript: split lines, one object per order, a Map of per-customer
 * objects, sort to find quantiles. Written for clarity, it is also the bench's reference answer.
 */
import { AS_OF_DAY, EDGE_SHIFT, PROBS, binOf, monthOfDay, quantile7 } from '../work.mjs';

const MS_PER_DAY = 86_400_000;

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'idiomatic JS (object per row)',
  kind: 'pipeline',

  load(bytes) {
    const lines = new TextDecoder().decode(bytes).split('\n');
    const orders = [];
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const [customerId, date, amount] = lines[i].split(',');
      orders.push({ customerId, date: new Date(`${date}T00:00:00Z`), amount: Number(amount) });
    }
    return orders;
  },

  compute(orders) {
    const byCustomer = new Map();
    for (const order of orders) {
      const day = Math.round(order.date.getTime() / MS_PER_DAY);
      let c = byCustomer.get(order.customerId);
      if (!c) {
        c = { id: order.customerId, first: day, last: day, frequency: 0, monetary: 0, days: new Set(), months: new Set() };
        byCustomer.set(order.customerId, c);
      }
      c.first = Math.min(c.first, day);
      c.last = Math.max(c.last, day);
      c.frequency += 1;
      c.monetary += order.amount;
      c.days.add(day);
      c.months.add(monthOfDay(day));
    }
    const customers = [...byCustomer.values()].map((c) => ({
      id: c.id,
      recency: AS_OF_DAY - c.last,
      frequency: c.frequency,
      monetary: c.monetary,
      x: c.days.size - 1,
      tx: c.last - c.first,
      T: AS_OF_DAY - c.first,
      cohort: monthOfDay(c.first),
      months: c.months,
    }));
    const edgesOf = (key) => {
      const sorted = customers.map((c) => c[key]).sort((a, b) => a - b);
      return PROBS.map((p) => quantile7(sorted, p) + EDGE_SHIFT);
    };
    const edges = { recency: edgesOf('recency'), frequency: edgesOf('frequency'), monetary: edgesOf('monetary') };
    const cells = new Map();
    for (const c of customers) {
      c.r = 6 - binOf(c.recency, edges.recency);
      c.f = binOf(c.frequency, edges.frequency);
      c.m = binOf(c.monetary, edges.monetary);
      for (const month of c.months) {
        const key = `${c.cohort}:${month - c.cohort}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    }
    const cohorts = [...cells].map(([key, count]) => [...key.split(':').map(Number), count]);
    return { customers, edges, cohorts };
  },

  result({ customers, edges, cohorts }) {
    const column = (key) => customers.map((c) => c[key]);
    return {
      ids: column('id'),
      recency: column('recency'),
      frequency: column('frequency'),
      monetary: column('monetary'),
      r: column('r'),
      f: column('f'),
      m: column('m'),
      x: column('x'),
      tx: column('tx'),
      T: column('T'),
      edges,
      cohorts,
    };
  },
};
