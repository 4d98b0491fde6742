/**
 * Incremental refresh, measured: append new order rows to a loaded 1M-row Dataset (`appendBytes`,
 * which parses only the new rows) versus ingesting the old and new rows again as one file
 * (`ingestBytes`). The new rows are the first `--rows` rows of the 100k file, every second one with
 * its id renamed (`C...` to `N...`), so half name loaded customers and half new ones. Checks that both ways give the same Dataset.
 *
 *   node --expose-gc --import tsx bench/peers/append.mjs [--rows 10000] [--reps 7] [--json]
 *
 * Needs bench/.data (made by `npm run bench`, which also runs this on its 1M set). Prints medians and
 * best runs in ms; `--json` prints them as one JSON object instead (for bench/run.mjs).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { appendBytes, ingestBytes } from '../../src/engine/ingest/index.ts';
import { startedPartReader } from './part-reader.mjs';

const data = join(dirname(fileURLToPath(import.meta.url)), '..', '.data');
const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, reps: { type: 'string', default: '7' }, json: { type: 'boolean', default: false } },
});
const newRows = Number(values.rows);
const reps = Number(values.reps);
const gc = /** @type {() => void} */ (globalThis.gc ?? (() => {}));

const loaded = readFileSync(join(data, 'orders-1m.csv'));
const small = readFileSync(join(data, 'orders-100k.csv'), 'utf8');
const lines = small.split('\n');
const header = `${lines[0]}\n`;
const fresh = lines.slice(1, 1 + newRows).map((line, i) => (i % 2 ? `N${line.slice(1)}` : line)).join('\n') + '\n';
const newBytes = new TextEncoder().encode(header + fresh);
const wholeBytes = new Uint8Array(loaded.length + newBytes.length - header.length);
wholeBytes.set(loaded);
wholeBytes.set(newBytes.subarray(header.length), loaded.length);

// the re-ingest reads the later half on a second thread, as a load does (part-reader.mjs)
const options = { fileName: 'orders.csv', parallel: await startedPartReader() };
const base = await ingestBytes(loaded, options);

/** @param {() => Promise<unknown>} step */
async function time(step) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    gc();
    const t = performance.now();
    await step();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[runs.length >> 1], best: runs[0] };
}

const appended = await appendBytes(base, newBytes, options);
const whole = await ingestBytes(wholeBytes, options);
const { version: _a, ...a } = appended.dataset;
const { version: _w, ...w } = whole.dataset;
if (!isDeepStrictEqual(a, w)) throw new Error('append and re-ingest disagree');

const append = await time(() => appendBytes(base, newBytes, options));
const again = await time(() => ingestBytes(wholeBytes, options));
const newCustomers = appended.dataset.customerIds.length - base.dataset.customerIds.length;
if (values.json) {
  console.log(JSON.stringify({ loadedRows: base.dataset.orders.length, newRows: appended.report.rows, newCustomers, wholeRows: whole.dataset.orders.length, append, again }));
} else {
  const fmt = (/** @type {{ median: number, best: number }} */ t) => `${t.median.toFixed(0)} ms median, ${t.best.toFixed(0)} ms best`;
  console.log(`loaded: ${base.dataset.orders.length} rows, ${base.dataset.customerIds.length} customers`);
  console.log(`new: ${appended.report.rows} rows (${newCustomers} new customers); same Dataset both ways`);
  console.log(`append ${newRows} rows:      ${fmt(append)}`);
  console.log(`re-ingest ${whole.dataset.orders.length} rows: ${fmt(again)}`);
}
