/**
 * The floor: a minimal hand-written pass. Parse bytes straight into typed columns (customer index,
 * day number, amount), then one loop over those columns for every per-customer aggregate and the
 * cohort cells, then selection for the quintile edges. Nothing general: comma-separated, no
 * quotes, `YYYY-MM-DD` dates — exactly what the generator writes. Our engine's compute should stay
 * within 2x of this loop over the same columns.
 */
import { AS_OF_DAY, EDGE_SHIFT, PROBS, binOf } from '../work.mjs';

const COMMA = 44;
const NEWLINE = 10;
const CR = 13;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;
const FIRST_YEAR = 1900;
const YEARS = 300;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Day number of the 1st of each month, [year - 1900][month - 1]: dates become two adds. */
const MONTH_START = new Int32Array(YEARS * 12);
for (let y = 0; y < YEARS; y++) {
  for (let m = 0; m < 12; m++) MONTH_START[y * 12 + m] = Date.UTC(FIRST_YEAR + y, m, 1) / 86_400_000;
}

/**
 * @typedef {object} Columns
 * @property {number} length
 * @property {Int32Array} customer
 * @property {Int32Array} day
 * @property {Float64Array} amount
 * @property {string[]} ids
 */

/**
 * Bytes of `customer_id,date,amount` to typed columns; ids dictionary-encoded through an
 * open-addressing hash over the raw bytes, so a string is made once per distinct customer.
 * @param {Uint8Array} bytes
 * @returns {Columns}
 */
export function parseColumns(bytes) {
  const end = bytes.length;
  let capacity = Math.max(1024, end >> 4);
  let customer = new Int32Array(capacity);
  let day = new Int32Array(capacity);
  let amount = new Float64Array(capacity);
  let slots = new Int32Array(1 << 16);
  let mask = slots.length - 1;
  let hashes = new Int32Array(1024);
  /** @type {string[]} */
  const ids = [];
  let idStart = new Int32Array(1024);
  let idLength = new Int32Array(1024);
  let n = 0;
  let p = bytes.indexOf(NEWLINE) + 1;
  while (p < end) {
    if (bytes[p] === NEWLINE || bytes[p] === CR) {
      p++;
      continue;
    }
    if (n === capacity) {
      capacity *= 2;
      customer = grow(customer, capacity);
      day = grow(day, capacity);
      amount = grow(amount, capacity);
    }
    // customer id: FNV-1a over the bytes, then probe
    const start = p;
    let h = 0x811c9dc5;
    while (bytes[p] !== COMMA) h = Math.imul(h ^ bytes[p++], 0x01000193);
    const length = p - start;
    let slot = h & mask;
    let code = -1;
    for (;;) {
      const s = slots[slot];
      if (s === 0) break;
      const c = s - 1;
      if (hashes[c] === h && idLength[c] === length && sameBytes(bytes, idStart[c], start, length)) {
        code = c;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (code < 0) {
      code = ids.length;
      if (code === hashes.length) {
        hashes = grow(hashes, code * 2);
        idStart = grow(idStart, code * 2);
        idLength = grow(idLength, code * 2);
      }
      hashes[code] = h;
      idStart[code] = start;
      idLength[code] = length;
      ids.push(String.fromCharCode.apply(null, /** @type {any} */ (bytes.subarray(start, p))));
      slots[slot] = code + 1;
      if (ids.length * 2 > slots.length) {
        slots = rehash(hashes, ids.length, slots.length * 2);
        mask = slots.length - 1;
      }
    }
    customer[n] = code;
    p++;
    // date YYYY-MM-DD
    const year = (bytes[p] - ZERO) * 1000 + (bytes[p + 1] - ZERO) * 100 + (bytes[p + 2] - ZERO) * 10 + (bytes[p + 3] - ZERO);
    const month = (bytes[p + 5] - ZERO) * 10 + (bytes[p + 6] - ZERO);
    day[n] = MONTH_START[(year - FIRST_YEAR) * 12 + month - 1] + (bytes[p + 8] - ZERO) * 10 + (bytes[p + 9] - ZERO) - 1;
    p += 11;
    // amount: digits, optional fraction; integer / 10^k rounds exactly as Number() would
    let negative = false;
    if (bytes[p] === MINUS) {
      negative = true;
      p++;
    }
    let value = 0;
    let scale = -1;
    for (; p < end; p++) {
      const b = bytes[p];
      if (b === DOT) scale = 0;
      else if (b === NEWLINE || b === CR) break;
      else {
        value = value * 10 + (b - ZERO);
        if (scale >= 0) scale++;
      }
    }
    if (scale > 0) value /= POW10[scale];
    amount[n] = negative ? -value : value;
    n++;
  }
  return { length: n, customer: customer.subarray(0, n), day: day.subarray(0, n), amount: amount.subarray(0, n), ids };
}

/** @template {Int32Array | Float64Array} T @param {T} a @param {number} capacity @returns {T} */
function grow(a, capacity) {
  const next = /** @type {T} */ (new /** @type {any} */ (a.constructor)(capacity));
  next.set(a);
  return next;
}

/** @param {Uint8Array} bytes @param {number} a @param {number} b @param {number} length */
function sameBytes(bytes, a, b, length) {
  for (let i = 0; i < length; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

/** @param {Int32Array} hashes @param {number} count @param {number} size */
function rehash(hashes, count, size) {
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let c = 0; c < count; c++) {
    let slot = hashes[c] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = c + 1;
  }
  return slots;
}

/**
 * Row order by (customer, day) through two stable counting sorts, for input whose rows are not in
 * date order per customer.
 * @param {Columns} cols
 * @param {number} minDay
 * @param {number} maxDay
 */
function orderByCustomerDay(cols, minDay, maxDay) {
  const byDay = countingOrder(cols.day, minDay, maxDay - minDay + 1, null);
  return countingOrder(cols.customer, 0, cols.ids.length, byDay);
}

/**
 * @param {Int32Array} keys
 * @param {number} min
 * @param {number} range
 * @param {Int32Array | null} within a previous order to keep stable, or null for row order
 */
function countingOrder(keys, min, range, within) {
  const starts = new Int32Array(range + 1);
  for (let i = 0; i < keys.length; i++) starts[keys[i] - min + 1]++;
  for (let k = 1; k <= range; k++) starts[k] += starts[k - 1];
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const row = within ? within[i] : i;
    order[starts[keys[row] - min]++] = row;
  }
  return order;
}

/**
 * The whole work in one loop over the columns (plus sorts for the edges).
 * @param {Columns} cols
 */
export function computeWork(cols) {
  const { customer, day, amount, length } = cols;
  const customers = cols.ids.length;
  let minDay = 0x7fffffff;
  let maxDay = -0x7fffffff;
  for (let i = 0; i < length; i++) {
    const d = day[i];
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  // month index of each day in range, relative to the first month
  const monthOf = new Int32Array(maxDay - minDay + 1);
  const firstDate = new Date(minDay * 86_400_000);
  const firstMonth = firstDate.getUTCFullYear() * 12 + firstDate.getUTCMonth();
  for (let d = minDay; d <= maxDay; d++) {
    const date = new Date(d * 86_400_000);
    monthOf[d - minDay] = date.getUTCFullYear() * 12 + date.getUTCMonth() - firstMonth;
  }
  const months = monthOf[maxDay - minDay] + 1;

  let pass = singlePass(cols, null, minDay, monthOf, months, customers);
  if (!pass) pass = singlePass(cols, orderByCustomerDay(cols, minDay, maxDay), minDay, monthOf, months, customers);
  const { first, last, frequency, monetary, distinctDays, cells } = /** @type {NonNullable<typeof pass>} */ (pass);

  const recency = new Int32Array(customers);
  const x = new Int32Array(customers);
  const tx = new Int32Array(customers);
  const T = new Int32Array(customers);
  for (let c = 0; c < customers; c++) {
    recency[c] = AS_OF_DAY - last[c];
    x[c] = distinctDays[c] - 1;
    tx[c] = last[c] - first[c];
    T[c] = AS_OF_DAY - first[c];
  }
  const edges = { recency: edgesOf(recency), frequency: edgesOf(frequency), monetary: edgesOf(monetary) };
  const r = new Int8Array(customers);
  const f = new Int8Array(customers);
  const m = new Int8Array(customers);
  for (let c = 0; c < customers; c++) {
    r[c] = 6 - binOf(recency[c], edges.recency);
    f[c] = binOf(frequency[c], edges.frequency);
    m[c] = binOf(monetary[c], edges.monetary);
  }
  return { recency, frequency, monetary, r, f, m, x, tx, T, edges, cells, months, firstMonth };
}

/**
 * Type-7 quintile edges (+ {@link EDGE_SHIFT}) by selection instead of a full sort: each edge needs only the order
 * statistics at floor(h) and floor(h) + 1, found left to right in a shrinking range.
 * @param {Int32Array | Float64Array} values
 */
function edgesOf(values) {
  const a = Float64Array.from(values);
  const n = a.length;
  let from = 0;
  return PROBS.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    select(a, lo, from, n - 1);
    from = lo;
    if (lo + 1 >= n || h === lo) return a[lo] + EDGE_SHIFT;
    // the next order statistic is the minimum of what lies above lo
    let next = a[lo + 1];
    for (let i = lo + 2; i < n; i++) if (a[i] < next) next = a[i];
    return a[lo] + (h - lo) * (next - a[lo]) + EDGE_SHIFT;
  });
}

/**
 * Hoare quickselect: afterwards a[k] holds the k-th smallest of a[left..right], smaller ones before.
 * @param {Float64Array} a @param {number} k @param {number} left @param {number} right
 */
function select(a, k, left, right) {
  while (left < right) {
    const mid = (left + right) >> 1;
    const pivot = median3(a[left], a[mid], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** @param {number} x @param {number} y @param {number} z */
function median3(x, y, z) {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/**
 * One loop over rows (in `order` when given). Counting distinct days and months by "differs from
 * the customer's previous row" needs each customer's rows in date order: returns null as soon as
 * that does not hold, so the caller can reorder and pass again.
 * @param {Columns} cols
 * @param {Int32Array | null} order
 * @param {number} minDay
 * @param {Int32Array} monthOf
 * @param {number} months
 * @param {number} customers
 */
function singlePass(cols, order, minDay, monthOf, months, customers) {
  const { customer, day, amount, length } = cols;
  const first = new Int32Array(customers);
  const last = new Int32Array(customers).fill(-0x7fffffff);
  const frequency = new Int32Array(customers);
  const monetary = new Float64Array(customers);
  const distinctDays = new Int32Array(customers);
  const lastMonth = new Int32Array(customers).fill(-1);
  const cohort = new Int32Array(customers);
  const cells = new Int32Array(months * months);
  for (let k = 0; k < length; k++) {
    const i = order ? order[k] : k;
    const c = customer[i];
    const d = day[i];
    const prev = last[c];
    if (d < prev) return null;
    monetary[c] += amount[i];
    if (frequency[c]++ === 0) first[c] = d;
    if (d !== prev) {
      distinctDays[c]++;
      last[c] = d;
      const mo = monthOf[d - minDay];
      if (mo !== lastMonth[c]) {
        if (lastMonth[c] < 0) cohort[c] = mo;
        cells[cohort[c] * months + mo - cohort[c]]++;
        lastMonth[c] = mo;
      }
    }
  }
  return { first, last, frequency, monetary, distinctDays, cells };
}

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'floor: hand-written typed-array pass',
  kind: 'pipeline',
  load: parseColumns,
  compute: computeWork,
  result(out, cols) {
    const cohorts = [];
    for (let c = 0; c < out.months; c++) {
      for (let o = 0; c + o < out.months; o++) {
        const n = out.cells[c * out.months + o];
        if (n > 0) cohorts.push([out.firstMonth - 1970 * 12 + c, o, n]);
      }
    }
    return { ...out, ids: cols.ids, cohorts };
  },
};
