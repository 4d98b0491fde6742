/**
 * Turns peer runs into numbers (medians, ratios, bytes per row), prints them as plain tables and
 * writes docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, platform, release, totalmem } from 'node:os';

/** @typedef {import('./run.mjs').PeerRun} PeerRun */
/** @typedef {{ label: string, data: { rows: number, customers: number, bytes: number, asOf: string }, runs: PeerRun[] }} SizeResult */

/** Date and machine, for the report header. */
export function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: keep "unknown"
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu,
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.versions.node,
    /** 1-minute load average when the bench started: other work on the machine skews timings. */
    load: loadavg()[0],
  };
}

/** @param {number[] | undefined} xs */
function median(xs) {
  if (!xs || xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The numbers of one run: medians over timed runs (total = median of per-run load + compute).
 * @param {PeerRun} run
 * @param {number} rows
 */
function summarize(run, rows) {
  const totals = run.load?.map((l, i) => l + (run.compute?.[i] ?? 0));
  return {
    load: median(run.load),
    compute: median(run.compute),
    total: median(totals),
    best: totals && totals.length ? Math.min(...totals) : NaN,
    runs: run.load?.length ?? 0,
    peakMb: run.maxRssKb ? run.maxRssKb / 1024 : NaN,
    heldPerRow: run.retained ? run.retained.heap / rows : NaN,
    rssPerRow: run.retained ? run.retained.rss / rows : NaN,
  };
}

/** @param {number} v @param {number} [digits] */
const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** @param {number} a @param {number} b */
const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x` : '—');

/**
 * Rows of the two tables of one size: full pipelines, and CSV parse alone (the pipelines' load steps
 * that are parses, plus the parse-only peers).
 * @param {SizeResult} size
 */
function tables(size) {
  const { rows, bytes } = size.data;
  const ok = size.runs.filter((r) => r.status === 'ok' && r.load);
  const sum = new Map(ok.map((r) => [r.key, summarize(r, rows)]));
  const ours = sum.get('engine');
  const floor = sum.get('floor');
  const pipeline = size.runs
    .filter((r) => r.kind === 'pipeline')
    .map((r) => {
      const s = sum.get(r.key);
      if (!s) return [r.name, statusText(r), '', '', '', '', '', '', '', '', ''];
      return [
        r.name,
        fmt(s.load),
        fmt(s.compute, 1),
        fmt(s.total),
        fmt(s.best),
        ours ? ratio(s.total, ours.total) : '—',
        floor ? ratio(s.compute, floor.compute) : '—',
        String(s.runs),
        fmt(r.setupMs ?? NaN),
        fmt(s.peakMb),
        `${fmt(s.heldPerRow)} / ${fmt(s.rssPerRow)}`,
      ];
    });
  const parsers = size.runs.filter((r) => r.kind === 'parse' || r.key === 'engine' || r.key === 'floor' || r.key === 'idiomatic' || r.key.startsWith('arquero'));
  const parse = parsers.map((r) => {
    const s = sum.get(r.key);
    const name = r.kind === 'parse' ? r.name : `${r.name} — load step`;
    if (!s) return [name, statusText(r), '', '', ''];
    return [name, fmt(s.load), fmt(bytes / 1e3 / s.load, 0), ours ? ratio(s.load, ours.load) : '—', fmt(s.peakMb)];
  });
  return { pipeline, parse, sum };
}

/**
 * Rows of the full-dashboard table: load, each analysis, and the compute total (medians).
 * @param {SizeResult} size
 */
function fullRows(size) {
  const run = size.runs.find((r) => r.kind === 'full');
  if (!run) return [];
  if (run.status !== 'ok' || !run.load) return [[run.name, statusText(run), '']];
  const status = run.analyses ?? {};
  return [
    ['ingest (load)', fmt(median(run.load)), ''],
    ...Object.entries(run.parts ?? {}).map(([name, ms]) => [name, fmt(median(ms), 1), status[name] ?? '']),
    ['all analyses (compute)', fmt(median(run.compute), 1), ''],
    ['load + compute', fmt(median(run.load.map((l, i) => l + (run.compute?.[i] ?? 0)))), ''],
  ];
}

const FULL_HEAD = ['full dashboard, Node, one thread', 'ms (median)', 'status'];

/** @param {PeerRun} r */
function statusText(r) {
  if (r.status === 'failed') return `CHECK FAILED: ${r.problems?.join('; ')}`;
  if (r.status === 'error') return `ERROR: ${r.problems?.join('; ')}`;
  return 'checked, not timed';
}

const PIPELINE_HEAD = ['peer', 'load ms', 'compute ms', 'total ms', 'best total ms', 'total ÷ ours', 'compute ÷ floor', 'runs', 'setup ms', 'peak RSS MB', 'held B/row (heap / RSS)'];
const PARSE_HEAD = ['parser', 'parse ms', 'MB/s', '÷ ours', 'peak RSS MB'];

/** @param {string[]} head @param {string[][]} rows */
function plainTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(60, (r[i] ?? '').length))));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** @param {string[]} head @param {string[][]} rows */
function markdownTable(head, rows) {
  const esc = (/** @type {string} */ c) => c.replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Prints one size's tables. @param {SizeResult} size */
export function printSize(size) {
  const t = tables(size);
  if (t.pipeline.length) console.log(`\n${plainTable(PIPELINE_HEAD, t.pipeline)}`);
  if (t.parse.length) console.log(`\n${plainTable(PARSE_HEAD, t.parse)}`);
  const full = fullRows(size);
  if (full.length) console.log(`\n${plainTable(FULL_HEAD, full)}`);
  const stats = size.runs.find((r) => r.key === 'engine')?.stats;
  if (stats) console.log(`\nour Dataset: ${Object.entries(stats).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')}`);
  const targets = targetRows(size, t.sum);
  if (size.label === '1m') console.log(`\n${plainTable(['target (1M)', 'measured', 'verdict'], targets)}${ratioNeeds(t.sum).map((line) => `\n${line}`).join('')}`);
}

/** The issue's ratio targets: our parse + compute at least `ratio` times faster than the peer's. */
const RATIO_TARGETS = [
  { key: 'duckdb-wasm', name: 'DuckDB-wasm', ratio: 3 },
  { key: 'arquero', name: 'Arquero (a parser per column)', ratio: 15 },
  { key: 'arquero-defaults', name: 'Arquero (fromCSV defaults)', ratio: 15 },
];

/**
 * The issue's targets, judged on one size's medians.
 * @param {SizeResult} size
 * @param {Map<string, ReturnType<typeof summarize>>} sum
 */
function targetRows(size, sum) {
  const ours = sum.get('engine');
  /** @param {string} what @param {number} value @param {(v: number) => boolean} pass @param {string} shown */
  const row = (what, value, pass, shown) => [what, Number.isFinite(value) ? shown : 'not measured', Number.isFinite(value) ? (pass(value) ? 'PASS' : 'MISS') : '—'];
  const vs = (/** @type {string} */ key) => (ours ? (sum.get(key)?.total ?? NaN) / ours.total : NaN);
  const floorCompute = ours ? ours.compute / (sum.get('floor')?.compute ?? NaN) : NaN;
  const perRow = ours?.heldPerRow ?? NaN;
  const parse = ours?.load ?? NaN;
  return [
    ...RATIO_TARGETS.map(({ key, name, ratio }) => {
      const times = vs(key);
      return row(`parse + compute >= ${ratio}x faster than ${name}`, times, (v) => v >= ratio, `${fmt(times, 1)}x`);
    }),
    row('compute within 2x of the floor loop', floorCompute, (v) => v <= 2, `${fmt(floorCompute, 2)}x the floor`),
    row('Dataset < 60 bytes per transaction (held heap after load)', perRow, (v) => v < 60, `${fmt(perRow, 1)} B/row`),
    row('parse of the CSV ~200 ms', parse, (v) => v <= 200, `${fmt(parse)} ms`),
  ];
}

/**
 * For each ratio target missed, what it would take in this run: our total at most the peer's total
 * over the ratio, next to ours and the floor's, and the floor's own ratio (whether the hand-written
 * pass itself would meet the target).
 * @param {Map<string, ReturnType<typeof summarize>>} sum
 */
function ratioNeeds(sum) {
  const ours = sum.get('engine');
  const floor = sum.get('floor');
  if (!ours) return [];
  return RATIO_TARGETS.flatMap(({ key, name, ratio }) => {
    const peer = sum.get(key);
    if (!peer || peer.total / ours.total >= ratio) return [];
    const needed = peer.total / ratio;
    const floorRatio = floor ? `, the floor's ${fmt(floor.total)} ms (the floor itself is ${fmt(peer.total / floor.total, 1)}x faster than ${name})` : '';
    return [`${ratio}x ${name} needs our total at most ${fmt(needed)} ms (its ${fmt(peer.total)} ms / ${ratio}); ours is ${fmt(ours.total)} ms${floorRatio}.`];
  });
}

/**
 * The whole docs/performance.md.
 * @param {ReturnType<typeof machine>} info
 * @param {SizeResult[]} results
 * @param {{ loadedRows: number, newRows: number, newCustomers: number, wholeRows: number, append: { median: number, best: number }, again: { median: number, best: number } }} [append]
 *   the incremental-refresh measurement (bench/peers/append.mjs), when it ran
 */
export function writeReport(info, results, append) {
  const sizes = results
    .map((size) => {
      const t = tables(size);
      const { rows, customers, bytes } = size.data;
      const failed = size.runs.filter((r) => r.status !== 'ok');
      const ours = size.runs.find((r) => r.key === 'engine');
      return [
        `### ${size.label}: ${rows.toLocaleString('en')} orders, ${customers.toLocaleString('en')} customers, ${(bytes / 1e6).toFixed(1)} MB CSV`,
        '',
        markdownTable(PIPELINE_HEAD, t.pipeline),
        '',
        markdownTable(PARSE_HEAD, t.parse),
        '',
        fullRows(size).length ? `${markdownTable(FULL_HEAD, fullRows(size))}\n` : '',
        ours?.stats ? `Our Dataset: ${Object.entries(ours.stats).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')}.` : 'Our engine: not measured at this size (see the table).',
        failed.length ? `\nNot counted: ${failed.map((r) => `${r.name} (${r.status}: ${r.problems?.join('; ')})`).join('; ')}.` : '',
        size.label === '1m' ? `\n#### Targets on the 1M set\n\n${markdownTable(['target', 'measured', 'verdict'], targetRows(size, t.sum))}` : '',
        size.label === '1m' ? ratioNeeds(t.sum).map((line) => `\n${line}`).join('') : '',
      ].join('\n');
    })
    .join('\n\n');
  return `# Performance

Generated by \`npm run bench\` (bench/run.mjs) on ${info.date}. Do not edit by hand: run the bench
again. What each peer computes, and how the answers are checked, is in [bench/README.md](../bench/README.md).

Machine: ${info.cpu}, ${info.cores} cores (\`nproc\`), ${info.memoryGb} GB RAM, ${info.os}, Node ${info.node};
load average ${info.load.toFixed(1)} when the run started (above ~0.5 means other work shared the cores).

## How to read the tables

- Every peer runs in its own Node process. Its first run's answer is checked against the reference
  (idiomatic JS) — every per-customer number, the quintile edges and every cohort cell — and only a
  peer that passes is timed. Times are medians of the timed runs. Up to 1M rows the peers take turns
  (one timed run each per round), so other work on the machine falls on all of them alike; at 5M they
  run one after another. Before each timed run: a forced GC and a 100 ms pause, not timed (the
  first timed run, which also measures memory: two GCs and 60 ms, before its load and after it).
- **load** = from the file's bytes in memory to the peer's loaded form (decoding text is included;
  DuckDB native reads the file itself from the page cache). **compute** = RFM aggregates + quintile
  edges + scores, the cohort matrix and the CLV summary, results read back into JS values.
- **setup** = one-time start-up outside the timings (DuckDB-wasm's WebAssembly instantiation, DuckDB's
  connection).
- **best total**: the fastest single run (less disturbed by other work on the machine than the median).
- **total ÷ ours**: how many times longer than our engine (higher = we are faster).
  **compute ÷ floor**: compute time over the floor's (the minimal single-pass typed-array loop).
- **peak RSS** is the peer process's high-water mark (includes the file's bytes and the first, checked
  run). **held B/row** = memory still held after one load, per order row, after a forced GC: V8
  heap + external buffers / process RSS. DuckDB's own memory is native, so only RSS shows it.
- DuckDB native uses its default thread pool (${info.cores} threads here). Our engine reads a CSV of 4 MB or more on
  two threads (its part reader, started in setup, as the engine Worker starts one in a browser) and computes on one;
  every other peer is single-threaded.

## Results

${sizes}

## Measured elsewhere in this file

The full engine in Chromium in a Worker (with main-thread long tasks) and widget rendering are in the
"In the browser" section below (\`npm run bench -- --browser\`, or \`node bench/browser/run.mjs\`); bundle sizes
in "Bundle size" (\`npm run build\`).

## Incremental refresh

Appending orders to a loaded Dataset parses only the new rows (\`appendBytes\` / \`appendText\` in
\`crm-lens/engine\`); the analyses then recompute on the new version (none is incremental yet).
${
  append
    ? `Measured in this run (bench/peers/append.mjs, a forced GC before each timed run): ${append.newRows.toLocaleString('en')} new rows
(${append.newCustomers.toLocaleString('en')} of them new customers) appended to the ${append.loadedRows.toLocaleString('en')}-row Dataset take
**${fmt(append.append.median, 0)} ms** (median; best ${fmt(append.append.best, 0)} ms), against **${fmt(append.again.median, 0)} ms** (best ${fmt(append.again.best, 0)} ms)
for ingesting all ${append.wholeRows.toLocaleString('en')} rows again; both give the same Dataset (checked).`
    : 'Not measured in this run (it needs the 1M set and the engine peer).'
}
`;
}
