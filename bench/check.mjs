/**
 * Checks a peer's answer against the reference before its timings may count. Returns the failed
 * checks as readable lines (empty = equal). Sums may differ in the last bits (summation order), so
 * floats compare with a relative tolerance, and a score may differ only where its measure sits on
 * a bin edge within that tolerance.
 */

const REL_TOL = 1e-9;
const MAX_LINES = 5;

/** @param {number} a @param {number} b */
function close(a, b) {
  return Math.abs(a - b) <= REL_TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

/** @param {number} v @param {ArrayLike<number>} edges */
function onEdge(v, edges) {
  for (let i = 0; i < edges.length; i++) if (close(v, edges[i])) return true;
  return false;
}

/**
 * @param {import('./work.mjs').WorkResult} ref
 * @param {import('./work.mjs').WorkResult} got
 * @returns {string[]}
 */
export function checkWork(ref, got) {
  const failures = [];
  const fail = (/** @type {string} */ line) => {
    if (failures.length < MAX_LINES) failures.push(line);
  };
  for (const key of /** @type {const} */ (['recency', 'frequency', 'monetary'])) {
    const a = ref.edges[key];
    const b = got.edges[key];
    if (!b || b.length !== a.length || a.some((v, i) => !close(v, Number(b[i])))) {
      fail(`${key} quintile edges: expected ${a.join(', ')}, got ${b ? Array.from(b).join(', ') : 'none'}`);
    }
  }
  if (got.ids.length !== ref.ids.length) fail(`customers: expected ${ref.ids.length}, got ${got.ids.length}`);
  const index = new Map();
  for (let i = 0; i < got.ids.length; i++) index.set(String(got.ids[i]), i);
  const exact = /** @type {const} */ (['recency', 'frequency', 'x', 'tx', 'T']);
  const scores = /** @type {const} */ ([['r', 'recency'], ['f', 'frequency'], ['m', 'monetary']]);
  for (let i = 0; i < ref.ids.length; i++) {
    const id = ref.ids[i];
    const j = index.get(id);
    if (j === undefined) {
      fail(`customer ${id} missing`);
      continue;
    }
    for (const key of exact) {
      if (Number(got[key][j]) !== ref[key][i]) fail(`customer ${id} ${key}: expected ${ref[key][i]}, got ${got[key][j]}`);
    }
    if (!close(Number(got.monetary[j]), ref.monetary[i])) fail(`customer ${id} monetary: expected ${ref.monetary[i]}, got ${got.monetary[j]}`);
    for (const [score, measure] of scores) {
      if (Number(got[score][j]) !== ref[score][i] && !onEdge(ref[measure][i], ref.edges[measure])) {
        fail(`customer ${id} ${score} score: expected ${ref[score][i]}, got ${got[score][j]} (${measure} ${ref[measure][i]})`);
      }
    }
  }
  const cells = new Map(ref.cohorts.map(([c, o, n]) => [`${c}:${o}`, n]));
  let gotCells = 0;
  for (const [c, o, n] of got.cohorts) {
    if (Number(n) === 0) continue;
    gotCells++;
    const want = cells.get(`${Number(c)}:${Number(o)}`);
    if (want !== Number(n)) fail(`cohort ${c} offset ${o}: expected ${want ?? 'no cell'}, got ${n}`);
  }
  if (gotCells !== cells.size) fail(`cohort cells: expected ${cells.size} non-empty, got ${gotCells}`);
  return failures;
}

/**
 * The parse-level facts of a reference answer.
 * @param {import('./work.mjs').WorkResult} ref
 * @param {number} asOfDay
 * @returns {import('./work.mjs').ParseResult}
 */
export function referenceFacts(ref, asOfDay) {
  let rows = 0;
  let amountSum = 0;
  let minRecency = Infinity;
  for (let i = 0; i < ref.ids.length; i++) {
    rows += ref.frequency[i];
    amountSum += ref.monetary[i];
    minRecency = Math.min(minRecency, ref.recency[i]);
  }
  return { rows, amountSum, customers: ref.ids.length, lastDay: asOfDay - minRecency };
}

/**
 * @param {import('./work.mjs').ParseResult} ref
 * @param {import('./work.mjs').ParseResult} got
 * @returns {string[]}
 */
export function checkParse(ref, got) {
  const failures = [];
  if (got.rows !== ref.rows) failures.push(`rows: expected ${ref.rows}, got ${got.rows}`);
  if (got.customers !== ref.customers) failures.push(`distinct customers: expected ${ref.customers}, got ${got.customers}`);
  if (got.lastDay !== ref.lastDay) failures.push(`last day: expected ${ref.lastDay}, got ${got.lastDay}`);
  if (!(Math.abs(got.amountSum - ref.amountSum) <= 1e-6 * ref.amountSum)) {
    failures.push(`sum of amounts: expected ${ref.amountSum}, got ${got.amountSum}`);
  }
  return failures;
}
