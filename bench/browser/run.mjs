#!/usr/bin/env node
// The browser benchmark: the engine through the engine client in its Worker, in Chromium, on the
// bench's deterministic orders (bench/generate.mjs), and the six views rendering their results.
//
//   node bench/browser/run.mjs                       engine at 100k and 1M orders, rendering at 1k and 100k customers
//   node bench/browser/run.mjs --runs 3 --render-runs 2 --no-write
//
// Builds bench/browser/page.ts with vite (production: minified, Lit without dev mode) into
// bench/.data/browser-page/, serves it and the CSVs on 127.0.0.1, drives Chromium through Playwright
// and writes its section of docs/performance.md between the browser-bench markers (unless --no-write).
// Every figure is a median over the runs; each run is a fresh page.
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { build } from 'vite';
import { chromiumArgs, findChromium, howToGetChromium } from '../../scripts/chromium.mjs';
import { DATA_DIR, ensureDataset } from '../generate.mjs';
import { AS_OF_ISO } from '../work.mjs';
import { customerSubset } from './subset.mjs';
import { browserSection, writeSection } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const PAGE_DIR = join(DATA_DIR, 'browser-page');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'render-runs': { type: 'string', default: '3' },
    sizes: { type: 'string', default: '100k,1m' },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const renderRuns = Number(values['render-runs']);

/** Builds the bench page: production mode, as a site would ship the kit. */
async function buildPage() {
  await build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    worker: { format: 'es' },
    build: { outDir: PAGE_DIR, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false, rolldownOptions: { input: join(here, 'index.html') } },
  });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.csv': 'text/csv; charset=utf-8' };

/** Serves the page and `/data/<name>.csv` from bench/.data on loopback; resolves with its origin. */
function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.startsWith('/data/') ? join(DATA_DIR, path.slice(6)) : join(PAGE_DIR, path === '/' ? 'index.html' : path.slice(1));
    const inside = file.startsWith(PAGE_DIR + '/') || (file.startsWith(DATA_DIR + '/') && file.endsWith('.csv'));
    if (!inside || !existsSync(file)) {
      res.statusCode = 404;
      return void res.end('not found');
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

/** Runs `fn(page)` on a fresh page of the bench; page errors fail the run. */
async function onPage(browser, origin, fn) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => 'crmBench' in window);
    const out = await fn(page);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return out;
  } finally {
    await page.close();
  }
}

const executablePath = findChromium();
if (!executablePath) {
  console.error(howToGetChromium);
  process.exit(1);
}

const sets = values.sizes.split(',').map((label) => ({ label, ...ensureDataset(label) }));
const small = customerSubset(ensureDataset('100k').path, 1000, join(DATA_DIR, 'orders-1k-customers.csv'));
const large = ensureDataset('1m');
process.stdout.write('building the bench page ... ');
await buildPage();
console.log('done');
const load = loadavg()[0];
const { server, origin } = await serve();
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
const dataUrl = (path) => `/data/${path.slice(DATA_DIR.length + 1)}`;

try {
  const engine = {};
  for (const set of sets) {
    engine[set.label] = [];
    for (let r = 0; r < runs; r++) {
      const run = await onPage(browser, origin, (page) => page.evaluate(([url, asOf]) => window.crmBench.engine(url, asOf), [dataUrl(set.path), AS_OF_ISO]));
      if (run.mode !== 'worker') throw new Error(`the engine ran on the ${run.mode} thread, not in the Worker`);
      engine[set.label].push(run);
      console.log(`engine ${set.label} run ${r + 1}: ingest ${run.ingestMs} ms, analyses ${run.analysesMs} ms, long tasks ${run.longTasks.map((t) => t.ms).join(', ') || 'none'}`);
    }
  }
  const rendering = {};
  for (const [label, path, interact] of [['1k', small.path, false], ['100k', large.path, true]]) {
    rendering[label] = [];
    for (let r = 0; r < renderRuns; r++) {
      const run = await onPage(browser, origin, (page) => page.evaluate(([url, asOf, i]) => window.crmBench.render(url, asOf, i), [dataUrl(path), AS_OF_ISO, interact]));
      rendering[label].push(run);
      console.log(`render ${label} run ${r + 1}: ${run.customers} customers, every view drawn after ${run.loadMs} ms`);
    }
  }
  const results = { date: new Date().toISOString(), chromium: browser.version(), cores: cpus().length, load, runs, renderRuns, sets: sets.map(({ label, rows, customers, bytes }) => ({ label, rows, customers, bytes })), engine, rendering };
  writeFileSync(join(DATA_DIR, 'browser-results.json'), JSON.stringify(results, null, 2));
  const section = browserSection(results);
  console.log(`\n${section}`);
  if (!values['no-write']) writeSection(join(root, 'docs', 'performance.md'), section);
} finally {
  await browser.close();
  server.close();
}
