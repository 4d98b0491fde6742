/**
 * `npm run bench`: generate (or reuse) the synthetic orders, run every peer on each size in its own
 * process, check each peer's answer against the reference before its timings count, print the
 * tables and write docs/performance.md.
 *
 * Options:
 *   --sizes 100k,1m     sizes to run (100k, 1m, 5m; default 100k,1m — 5m is slow, ask for it)
 *   --peers a,b         run only these peers (keys below); the reference always runs
 *   --reps N            at most N timed runs per peer and size (default 7)
 *   --min-reps N        at least N timed runs, budget or not (default 3)
 *   --budget S          stop adding runs after S seconds per peer and size (default 15)
 *   --no-write          print only; leave docs/performance.md alone
 */
import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkParse, checkWork, referenceFacts } from './check.mjs';
import { ensureDataset } from './generate.mjs';
import { machine, printSize, writeReport } from './report.mjs';
import { AS_OF_DAY } from './work.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE = 'idiomatic';

/** Peer keys in report order; the module is bench/peers/<key>.mjs. */
const PEERS = ['engine', 'engine-full', 'floor', 'duckdb-native', 'duckdb-wasm', 'arquero', 'idiomatic', 'papaparse', 'd3-dsv'];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    peers: { type: 'string', default: PEERS.join(',') },
    reps: { type: 'string', default: '7' },
    'min-reps': { type: 'string', default: '3' },
    budget: { type: 'string', default: '15' },
    'no-write': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map((s) => s.trim().toLowerCase());
const chosen = values.peers.split(',').map((s) => s.trim());
const unknown = chosen.filter((p) => !PEERS.includes(p));
if (unknown.length > 0) throw new Error(`unknown peer(s) ${unknown.join(', ')}; known: ${PEERS.join(', ')}`);

/**
 * What one peer did on one size.
 * @typedef {object} PeerRun
 * @property {string} key
 * @property {string} name
 * @property {'pipeline' | 'parse' | 'full'} kind
 * @property {Record<string, string>} [analyses] full kind: each analysis available or why not
 * @property {Record<string, number[]>} [parts] full kind: ms per analysis per timed run
 * @property {'ok' | 'failed' | 'error'} status failed = answer differs from the reference
 * @property {string[]} [problems] failed checks or the error
 * @property {number[]} [load] ms per timed run
 * @property {number[]} [compute] ms per timed run
 * @property {number} [setupMs]
 * @property {{ heap: number, rss: number }} [retained] bytes held after one load (V8 heap + external; RSS)
 * @property {number} [maxRssKb]
 * @property {Record<string, number>} [stats]
 */

/**
 * Runs one peer in a child process; `judge` decides from its first answer whether it gets timed.
 * @param {string} key
 * @param {string} csv
 * @param {number} maxReps
 * @param {(result: any) => string[]} judge failed checks, empty = go
 * @returns {Promise<PeerRun & { result?: any }>}
 */
function runPeer(key, csv, maxReps, judge) {
  return new Promise((resolve) => {
    const child = fork(
      join(here, 'child.mjs'),
      [join(here, 'peers', `${key}.mjs`), csv, String(maxReps), values['min-reps'], String(Number(values.budget) * 1000)],
      { execArgv: ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    /** @type {PeerRun & { result?: any }} */
    const run = { key, name: key, kind: 'pipeline', status: 'error' };
    child.on('message', (/** @type {any} */ m) => {
      if (m.type === 'result') {
        Object.assign(run, { name: m.name, kind: m.kind, result: m.result, stats: m.stats, analyses: m.result.analyses });
        const problems = judge(m.result);
        const timed = problems.length === 0 && maxReps > 0;
        Object.assign(run, problems.length > 0 ? { status: 'failed', problems } : { status: timed ? 'error' : 'ok' });
        child.send(timed ? 'time' : 'stop');
      } else if (m.type === 'timings') {
        const { type, ...timings } = m;
        Object.assign(run, timings, { status: 'ok' });
      }
    });
    child.on('exit', (code) => {
      if (run.status === 'error' || (code !== 0 && run.status !== 'failed')) {
        const lines = stderr.trim().split('\n').filter(Boolean);
        const error = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? 'no answer';
        Object.assign(run, { status: 'error', problems: [`exit ${code}: ${error.trim()}`] });
      }
      resolve(run);
    });
  });
}

const info = machine();
console.log(`crm-lens bench — ${info.date}, ${info.cpu} x${info.cores}, Node ${info.node}, load average ${info.load.toFixed(1)}`);
/** @type {Array<{ label: string, data: ReturnType<typeof ensureDataset>, runs: PeerRun[] }>} */
const results = [];
for (const label of sizes) {
  const data = ensureDataset(label);
  console.log(`\n== ${label}: ${data.rows.toLocaleString('en')} orders, ${data.customers.toLocaleString('en')} customers, ${(data.bytes / 1e6).toFixed(1)} MB (${data.path})`);
  const reps = Number(values.reps);
  const refRun = await runPeer(REFERENCE, data.path, chosen.includes(REFERENCE) ? reps : 0, () => []);
  if (!refRun.result) throw new Error(`the reference peer failed: ${refRun.problems?.join('; ')}`);
  const reference = refRun.result;
  const facts = referenceFacts(reference, AS_OF_DAY);
  /** @type {PeerRun[]} */
  const runs = [];
  for (const key of chosen) {
    if (key === REFERENCE) {
      runs.push({ ...refRun, result: undefined });
      continue;
    }
    if (!existsSync(join(here, 'peers', `${key}.mjs`))) continue;
    process.stdout.write(`  ${key} ... `);
    const judge = (/** @type {any} */ r) => ('analyses' in r ? [] : 'ids' in r ? checkWork(reference, r) : checkParse(facts, r));
    const run = await runPeer(key, data.path, reps, judge);
    delete run.result;
    console.log(run.status === 'ok' ? `ok (${run.load?.length} runs)` : `${run.status.toUpperCase()}: ${run.problems?.join('; ')}`);
    runs.push(run);
  }
  results.push({ label, data, runs });
  printSize(results[results.length - 1]);
}
if (!values['no-write']) {
  const path = join(here, '..', 'docs', 'performance.md');
  writeFileSync(path, writeReport(info, results));
  console.log(`\nwrote ${path}`);
}
