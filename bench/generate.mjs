/**
 * Deterministic synthetic orders: `customer_id,date,amount`, one row per order, in date order (as an
 * order export comes), cached in bench/.data/. Same seed and size -> byte-identical file.
 *
 * Shape (see bench/README.md): one customer per 10 orders; 40 % of customers buy once, the rest share
 * the remaining orders by a log-normal weight (a few buy hundreds or thousands of times); dates over
 * 2023-01-01 .. 2024-12-31; amounts log-normal around a per-customer mean, 2 decimals, all positive.
 *
 * Run alone: `node bench/generate.mjs 1m` prints the path.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AS_OF_ISO, FIRST_DAY, SPAN_DAYS, isoOfDay } from './work.mjs';

const GENERATOR_VERSION = 1;
const SEED = 20_260_522;
const ORDERS_PER_CUSTOMER = 10;
const ONE_TIMER_SHARE = 0.4;

/** bench/.data, created on demand. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');

/**
 * sfc32 seeded through splitmix32: a small, fast PRNG with a 128-bit state, so runs never touch
 * Math.random.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * Standard normal deviates (Box-Muller) from a uniform source.
 * @param {() => number} random
 */
function normalFrom(random) {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Customer id string: a letter and 7 digits, scattered (multiplicative hash modulo a prime, which is
 * one-to-one below the prime) so file order, id order and index order all differ.
 * @param {number} index
 */
function customerId(index) {
  return `C${String((index * 2654435761) % 9999991).padStart(7, '0')}`;
}

/**
 * How many orders each customer places: exactly `rows` in total.
 * @param {number} rows
 * @param {number} customers
 * @param {() => number} random
 * @param {() => number} normal
 */
function orderCounts(rows, customers, random, normal) {
  const counts = new Int32Array(customers).fill(1);
  const repeat = new Uint8Array(customers);
  const repeatCount = Math.round(customers * (1 - ONE_TIMER_SHARE));
  const order = shuffled(customers, random);
  for (let i = 0; i < repeatCount; i++) repeat[order[i]] = 1;
  const weights = new Float64Array(customers);
  let total = 0;
  for (let c = 0; c < customers; c++) {
    if (!repeat[c]) continue;
    weights[c] = Math.exp(1.3 * normal());
    total += weights[c];
    counts[c] = 2;
  }
  const extra = rows - customers - repeatCount;
  let given = 0;
  for (let c = 0; c < customers; c++) {
    if (!repeat[c]) continue;
    const share = Math.floor((extra * weights[c]) / total);
    counts[c] += share;
    given += share;
  }
  for (let i = 0; given < extra; i = (i + 1) % repeatCount, given++) counts[order[i]]++;
  return counts;
}

/**
 * A seeded permutation of 0..n-1 (Fisher-Yates).
 * @param {number} n
 * @param {() => number} random
 */
function shuffled(n, random) {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * The orders as columns, rows in date order (ties in a seeded random order).
 * @param {number} rows
 * @returns {{ customer: Int32Array, day: Int32Array, cents: Int32Array, customers: number }}
 */
export function generateOrders(rows) {
  const customers = Math.max(1, Math.round(rows / ORDERS_PER_CUSTOMER));
  const random = seededRandom(SEED + rows);
  const normal = normalFrom(random);
  const counts = orderCounts(rows, customers, random, normal);
  const customer = new Int32Array(rows);
  const day = new Int32Array(rows);
  const cents = new Int32Array(rows);
  let row = 0;
  for (let c = 0; c < customers; c++) {
    const n = counts[c];
    // Heavy buyers tend to be early acquisitions; everyone stays active for part of what remains.
    const first = Math.floor(SPAN_DAYS * random() ** (1 + Math.log2(n)));
    const active = Math.max(1, Math.ceil((SPAN_DAYS - first) * (0.3 + 0.7 * random())));
    const meanCents = 3500 * Math.exp(0.6 * normal());
    for (let k = 0; k < n; k++, row++) {
      customer[row] = c;
      day[row] = FIRST_DAY + first + (k === 0 ? 0 : Math.floor(random() * active));
      cents[row] = Math.max(99, Math.round(meanCents * Math.exp(0.5 * normal())));
    }
  }
  return { ...sortedByDay(customer, day, cents, shuffled(rows, random)), customers };
}

/**
 * Stable counting sort by day of a shuffled row order.
 * @param {Int32Array} customer
 * @param {Int32Array} day
 * @param {Int32Array} cents
 * @param {Int32Array} order
 */
function sortedByDay(customer, day, cents, order) {
  const starts = new Int32Array(SPAN_DAYS + 1);
  for (let i = 0; i < day.length; i++) starts[day[i] - FIRST_DAY + 1]++;
  for (let d = 1; d <= SPAN_DAYS; d++) starts[d] += starts[d - 1];
  const out = { customer: new Int32Array(day.length), day: new Int32Array(day.length), cents: new Int32Array(day.length) };
  for (const r of order) {
    const at = starts[day[r] - FIRST_DAY]++;
    out.customer[at] = customer[r];
    out.day[at] = day[r];
    out.cents[at] = cents[r];
  }
  return out;
}

/**
 * Writes the CSV in chunks (never one giant string).
 * @param {string} path
 * @param {{ customer: Int32Array, day: Int32Array, cents: Int32Array }} orders
 */
function writeCsv(path, orders) {
  const ids = new Map();
  const isoCache = new Map();
  const fd = openSync(path, 'w');
  writeSync(fd, 'customer_id,date,amount\n');
  const chunk = 50_000;
  for (let start = 0; start < orders.day.length; start += chunk) {
    let text = '';
    for (let r = start; r < Math.min(start + chunk, orders.day.length); r++) {
      const c = orders.customer[r];
      let id = ids.get(c);
      if (id === undefined) ids.set(c, (id = customerId(c)));
      let iso = isoCache.get(orders.day[r]);
      if (iso === undefined) isoCache.set(orders.day[r], (iso = isoOfDay(orders.day[r])));
      const v = orders.cents[r];
      text += `${id},${iso},${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}\n`;
    }
    writeSync(fd, text);
  }
  closeSync(fd);
}

/** Size labels the bench accepts, in rows. */
export const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };

/**
 * The cached CSV for a size label, generated when missing or made by another generator version.
 * @param {string} label one of {@link SIZES}
 * @returns {{ path: string, rows: number, customers: number, bytes: number, asOf: string }}
 */
export function ensureDataset(label) {
  const rows = SIZES[/** @type {keyof typeof SIZES} */ (label)];
  if (!rows) throw new Error(`unknown size "${label}" (use ${Object.keys(SIZES).join(', ')})`);
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `orders-${label}.csv`);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    if (meta.generator === GENERATOR_VERSION && meta.seed === SEED && meta.rows === rows) return { path, ...meta };
  }
  const orders = generateOrders(rows);
  writeCsv(`${path}.tmp`, orders);
  renameSync(`${path}.tmp`, path);
  const meta = {
    generator: GENERATOR_VERSION,
    seed: SEED,
    rows,
    customers: orders.customers,
    bytes: readFileSync(path).byteLength,
    asOf: AS_OF_ISO,
  };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  return { path, ...meta };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const label of process.argv.slice(2)) console.log(JSON.stringify(ensureDataset(label)));
}
