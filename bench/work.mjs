/**
 * The work every peer does, stated once (bench/README.md says it in words), and the shape of a
 * peer's answer so the bench can check all answers against one reference before timing counts.
 *
 * Dates here go through `Date.UTC` on purpose: the bench's definitions stay independent of the
 * engine's own calendar code.
 */

const MS_PER_DAY = 86_400_000;

/** UTC day number (days since 1970-01-01) of a `YYYY-MM-DD` string. */
export function dayOfIso(/** @type {string} */ iso) {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a UTC day number. */
export function isoOfDay(/** @type {number} */ day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar month index (months since 1970-01) of a UTC day number. */
export function monthOfDay(/** @type {number} */ day) {
  const d = new Date(day * MS_PER_DAY);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** First order date the generator writes. */
export const FIRST_DAY = dayOfIso('2023-01-01');
/** Days the generated orders span (2023-01-01 .. 2024-12-31). */
export const SPAN_DAYS = 731;
/** The analysis ("as of") date: the day after the last possible order. */
export const AS_OF_ISO = '2025-01-01';
export const AS_OF_DAY = dayOfIso(AS_OF_ISO);
/** Quantile probabilities of the score edges (R `rfm` default: quintiles). */
export const PROBS = [0.2, 0.4, 0.6, 0.8];
/**
 * R `rfm` v0.3.0 puts each edge at the quantile + 1 (its threshold table shows them so): with
 * half-open bins, a whole-number value equal to a quantile stays in the lower bin.
 */
export const EDGE_SHIFT = 1;

/**
 * Type-7 quantile (R's default, linear interpolation; also d3, Arquero, DuckDB `quantile_cont`) of
 * ascending-sorted values.
 * @param {ArrayLike<number>} sorted
 * @param {number} p
 */
export function quantile7(sorted, p) {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Bin 1..5 of a value among four (shifted) edges with half-open bins [lower, upper): 1 + number of
 * edges <= v.
 * Recency scores are `6 - bin` (fewest days = 5).
 * @param {number} v
 * @param {ArrayLike<number>} edges
 */
export function binOf(v, edges) {
  return 1 + (v >= edges[0] ? 1 : 0) + (v >= edges[1] ? 1 : 0) + (v >= edges[2] ? 1 : 0) + (v >= edges[3] ? 1 : 0);
}

/**
 * One peer's answer, in whatever row order the peer produced. Arrays are aligned with `ids`.
 * Cohort cells are `[cohortMonth, offset, activeCustomers]` with month indexes since 1970-01.
 * @typedef {object} WorkResult
 * @property {ArrayLike<string>} ids
 * @property {ArrayLike<number>} recency days from the last order to the as-of date
 * @property {ArrayLike<number>} frequency order rows
 * @property {ArrayLike<number>} monetary sum of amounts
 * @property {ArrayLike<number>} r recency score 1..5
 * @property {ArrayLike<number>} f frequency score 1..5
 * @property {ArrayLike<number>} m monetary score 1..5
 * @property {ArrayLike<number>} x distinct purchase days - 1
 * @property {ArrayLike<number>} tx days from the first to the last purchase
 * @property {ArrayLike<number>} T days from the first purchase to the as-of date
 * @property {{ recency: number[], frequency: number[], monetary: number[] }} edges
 * @property {Array<[number, number, number]>} cohorts
 */

/**
 * What a parse-only peer reports, enough to tell a right parse from a wrong one.
 * @typedef {object} ParseResult
 * @property {number} customers distinct customer ids
 * @property {number} rows
 * @property {number} amountSum
 * @property {number} lastDay
 */

/**
 * Parse-level facts of rows, for the check.
 * @template R
 * @param {R[]} rows
 * @param {(row: R) => string} id
 * @param {(row: R) => number} day
 * @param {(row: R) => number} amount
 * @returns {ParseResult}
 */
export function factsOfRows(rows, id, day, amount) {
  const ids = new Set();
  let amountSum = 0;
  let lastDay = -Infinity;
  for (const row of rows) {
    ids.add(id(row));
    amountSum += amount(row);
    lastDay = Math.max(lastDay, day(row));
  }
  return { rows: rows.length, customers: ids.size, amountSum, lastDay };
}
