/**
 * The work as DuckDB SQL, shared by the native and WebAssembly peers. `orders` is the loaded table
 * (customer_id VARCHAR, date DATE, amount DOUBLE).
 */
import { AS_OF_ISO, EDGE_SHIFT } from '../work.mjs';

/** Load statement for a CSV file DuckDB can read by name. @param {string} file */
export function loadSql(file) {
  return `CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv('${file}', header = true,
    columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'})`;
}

const perCustomer = `CREATE OR REPLACE TEMP TABLE customer AS
  SELECT customer_id,
    DATE '${AS_OF_ISO}' - max(date) AS recency,
    count(*) AS frequency,
    sum(amount) AS monetary,
    count(DISTINCT date) - 1 AS x,
    max(date) - min(date) AS tx,
    DATE '${AS_OF_ISO}' - min(date) AS T,
    date_trunc('month', min(date)) AS cohort
  FROM orders GROUP BY customer_id`;

/** Quintile edges of a column, each + EDGE_SHIFT (R `rfm`). */
const shifted = (/** @type {string} */ column) =>
  `list_transform(quantile_cont(${column}, [0.2, 0.4, 0.6, 0.8]), q -> q + ${EDGE_SHIFT})`;

const edges = `CREATE OR REPLACE TEMP TABLE edges AS
  SELECT ${shifted('recency')} AS re, ${shifted('frequency')} AS fe, ${shifted('monetary')} AS me FROM customer`;

/** 1 + number of edges <= v (half-open bins). */
const bin = (/** @type {string} */ v, /** @type {string} */ e) =>
  `1 + (${v} >= ${e}[1])::INT + (${v} >= ${e}[2])::INT + (${v} >= ${e}[3])::INT + (${v} >= ${e}[4])::INT`;

/** Statements run for effect, in order, before the three result queries. */
export const PREPARE = [perCustomer, edges];

/** The per-customer result with scores. */
export const SCORED = `SELECT customer_id, recency, frequency, monetary,
    6 - (${bin('recency', 're')}) AS r, ${bin('frequency', 'fe')} AS f, ${bin('monetary', 'me')} AS m,
    x, tx, T
  FROM customer, edges`;

/** Edges as twelve scalar columns. */
export const EDGES = `SELECT re[1], re[2], re[3], re[4], fe[1], fe[2], fe[3], fe[4], me[1], me[2], me[3], me[4] FROM edges`;

/** Active customers per (first-purchase month, months since). Month indexes count from 1970-01. */
export const COHORTS = `SELECT (year(c.cohort) - 1970) * 12 + month(c.cohort) - 1 AS cohort,
    date_diff('month', c.cohort, a.month) AS "offset", count(*) AS n
  FROM (SELECT DISTINCT customer_id, date_trunc('month', date) AS month FROM orders) a
  JOIN customer c USING (customer_id)
  GROUP BY ALL`;

/** Columns of {@link SCORED}, in order. */
export const SCORED_COLUMNS = ['ids', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'x', 'tx', 'T'];

/**
 * The check-shaped result from the three query results given as column arrays.
 * @param {ArrayLike<any>[]} scored columns of {@link SCORED}
 * @param {ArrayLike<number>} edgeRow the one row of {@link EDGES}
 * @param {ArrayLike<any>[]} cohorts columns of {@link COHORTS}
 * @returns {import('../work.mjs').WorkResult}
 */
export function workResult(scored, edgeRow, cohorts) {
  const result = /** @type {any} */ (Object.fromEntries(SCORED_COLUMNS.map((name, i) => [name, Array.from(scored[i], Number)])));
  result.ids = Array.from(scored[0], String);
  const e = Array.from(edgeRow, Number);
  result.edges = { recency: e.slice(0, 4), frequency: e.slice(4, 8), monetary: e.slice(8, 12) };
  result.cohorts = Array.from(cohorts[0], (c, i) => [Number(c), Number(cohorts[1][i]), Number(cohorts[2][i])]);
  return result;
}
