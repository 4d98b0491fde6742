/**
 * Arquero 7: `fromCSV` with each column's parser given (the date column straight to day numbers),
 * then groupby / rollup / derive verbs as its documentation shows them (the cohort's first month as a
 * windowed min, not a join). `arquero-defaults.mjs` runs the same verbs on a table loaded with
 * `fromCSV`'s defaults.
 */
import * as aq from 'arquero';
import { AS_OF_DAY, EDGE_SHIFT, PROBS, binOf, dayOfIso, monthOfDay } from '../work.mjs';

const { op } = aq;

/** @param {import('arquero').ColumnTable} table @param {string} column */
function quintileEdges(table, column) {
  const row = table.rollup(Object.fromEntries(PROBS.map((p, i) => [`q${i}`, op.quantile(column, p)]))).object();
  return PROBS.map((_, i) => /** @type {number} */ (row[`q${i}`]) + EDGE_SHIFT);
}

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'Arquero',
  kind: 'pipeline',

  load(bytes) {
    return aq.fromCSV(new TextDecoder().decode(bytes), { parse: { customer_id: String, date: dayOfIso, amount: Number } });
  },

  compute: computeWork,
  result: resultOf,
};

/**
 * The work on an orders table whose `date` column holds day numbers.
 * @param {import('arquero').ColumnTable} orders
 */
export function computeWork(orders) {
  const customers = orders
    .groupby('customer_id')
    .rollup({
      first: op.min('date'),
      last: op.max('date'),
      frequency: op.count(),
      monetary: op.sum('amount'),
      days: op.distinct('date'),
    })
    .params({ asOf: AS_OF_DAY })
    .derive({
      recency: (d, $) => $.asOf - d.last,
      x: (d) => d.days - 1,
      tx: (d) => d.last - d.first,
      T: (d, $) => $.asOf - d.first,
    });
  const edges = {
    recency: quintileEdges(customers, 'recency'),
    frequency: quintileEdges(customers, 'frequency'),
    monetary: quintileEdges(customers, 'monetary'),
  };
  const scored = customers.derive({
    r: aq.escape((/** @type {any} */ d) => 6 - binOf(d.recency, edges.recency)),
    f: aq.escape((/** @type {any} */ d) => binOf(d.frequency, edges.frequency)),
    m: aq.escape((/** @type {any} */ d) => binOf(d.monetary, edges.monetary)),
  });
  const cohorts = orders
    .derive({ month: aq.escape((/** @type {any} */ d) => monthOfDay(d.date)) })
    .groupby('customer_id')
    .derive({ cohort: op.min('month') })
    .derive({ offset: (d) => d.month - d.cohort })
    .groupby('cohort', 'offset')
    .rollup({ count: op.distinct('customer_id') });
  return { scored, edges, cohorts };
}

/** @param {ReturnType<typeof computeWork>} output @returns {import('../work.mjs').WorkResult} */
export function resultOf({ scored, edges, cohorts }) {
  const col = (/** @type {string} */ name) => scored.array(name);
  return {
    ids: col('customer_id'),
    recency: col('recency'),
    frequency: col('frequency'),
    monetary: col('monetary'),
    r: col('r'),
    f: col('f'),
    m: col('m'),
    x: col('x'),
    tx: col('tx'),
    T: col('T'),
    edges,
    cohorts: cohorts.objects().map((/** @type {any} */ c) => [c.cohort, c.offset, c.count]),
  };
}
