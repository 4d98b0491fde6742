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
 *   --sequential        time one peer after another instead of taking turns (always so above 1M
 *                       rows, where keeping every peer's process alive would take too much memory)
 *   --no-write          print only; leave docs/performance.md alone
 *   --browser           then run the browser bench (bench/browser/run.mjs: the engine in a Worker in
 *                       Chromium, widget rendering), which writes its own section
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkParse, checkWork, referenceFacts } from './check.mjs';
import { ensureDataset } from './generate.mjs';
import { machine, printSize, writeReport } from './report.mjs';
import { AS_OF_DAY } from './work.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE = 'idiomatic';
/** Above this many rows peers are timed one after another (memory of idle peer processes). */
const INTERLEAVE_MAX_ROWS = 1_000_000;

/** Peer keys in report order; the module is bench/peers/<key>.mjs. */
const PEERS = ['engine', 'engine-full', 'floor', 'duckdb-native', 'duckdb-wasm', 'arquero', 'arquero-defaults', 'idiomatic', 'papaparse', 'd3-dsv'];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    peers: { type: 'string', default: PEERS.join(',') },
    reps: { type: 'string', default: '7' },
    'min-reps': { type: 'string', default: '3' },
    budget: { type: 'string', default: '15' },
    'no-write': { type: 'boolean', default: false },
    sequential: { type: 'boolean', default: false },
    browser: { type: 'boolean', default: false },
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

/** A peer's child process (bench/child.mjs), driven one message at a time. */
class PeerProcess {
  /** @param {string} key @param {string} csv */
  constructor(key, csv) {
    /** @type {PeerRun} */
    this.run = { key, name: key, kind: 'pipeline', status: 'error', load: [], compute: [] };
    this.spent = 0;
    /** @type {((m: any) => void) | undefined} */
    this.waiter = undefined;
    this.stderr = '';
    this.child = fork(join(here, 'child.mjs'), [join(here, 'peers', `${key}.mjs`), csv], {
      execArgv: ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    this.child.on('message', (m) => this.deliver(m));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        if (code !== 0) this.fail(code);
        this.deliver(undefined);
        resolve(undefined);
      }),
    );
  }

  /** @param {any} message */
  deliver(message) {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(message);
  }

  /** The next message, or undefined when the process ended first. @param {string} [send] */
  next(send) {
    const answer = new Promise((resolve) => (this.waiter = resolve));
    if (send) this.child.send(send);
    return answer;
  }

  /** @param {number | null} code */
  fail(code) {
    if (this.run.status === 'failed') return;
    const lines = this.stderr.trim().split('\n').filter(Boolean);
    const error = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? 'no answer';
    Object.assign(this.run, { status: 'error', problems: [`exit ${code}: ${error.trim()}`] });
  }

  /**
   * The first run's answer, judged; returns whether the peer may be timed.
   * @param {(result: any) => string[]} judge failed checks, empty = pass
   * @param {boolean} timed whether timed runs follow
   */
  async check(judge, timed) {
    const m = await this.next();
    if (!m) return { passed: false, result: undefined };
    Object.assign(this.run, { name: m.name, kind: m.kind, stats: m.stats, analyses: m.result.analyses });
    const problems = judge(m.result);
    if (problems.length > 0) Object.assign(this.run, { status: 'failed', problems });
    else if (!timed) this.run.status = 'ok';
    this.child.send(problems.length === 0 && timed ? 'time' : 'stop');
    return { passed: problems.length === 0, result: m.result };
  }

  /** One timed run; false when the process died. */
  async rep() {
    const m = await this.next('rep');
    if (!m) return false;
    this.run.load?.push(m.load);
    if (m.compute !== undefined) this.run.compute?.push(m.compute);
    this.spent += m.load + (m.compute ?? 0);
    return true;
  }

  /** Ends the timed runs and collects the memory figures. */
  async end() {
    const m = await this.next('end');
    if (m) {
      const { type, ...timings } = m;
      Object.assign(this.run, timings, { status: 'ok' });
    }
    await this.exited;
  }
}

/**
 * Timed runs, taking turns between the peers (one run each per round) so that other work on the
 * machine falls on all of them alike; a peer stops after `--reps` runs, or after `--min-reps` once
 * its runs took `--budget` seconds.
 * @param {PeerProcess[]} peers
 */
async function timeInTurns(peers) {
  const maxReps = Number(values.reps);
  const minReps = Number(values['min-reps']);
  const budget = Number(values.budget) * 1000;
  let active = peers;
  while (active.length > 0) {
    const still = [];
    for (const p of active) {
      const alive = await p.rep();
      const runs = p.run.load?.length ?? 0;
      if (!alive) continue;
      if (runs >= maxReps || (runs >= minReps && p.spent >= budget)) await p.end();
      else still.push(p);
    }
    active = still;
  }
}

/** Runs bench/peers/append.mjs in its own process; resolves with its JSON answer. */
function appendRun() {
  const child = fork(join(here, 'peers', 'append.mjs'), ['--json'], { execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '')) : reject(new Error(`append bench exited with ${code}`)))),
  );
}

const info = machine();
console.log(`crm-lens bench — ${info.date}, ${info.cpu} x${info.cores}, Node ${info.node}, load average ${info.load.toFixed(1)}`);
/** @type {Array<{ label: string, data: ReturnType<typeof ensureDataset>, runs: PeerRun[] }>} */
const results = [];
for (const label of sizes) {
  const data = ensureDataset(label);
  console.log(`\n== ${label}: ${data.rows.toLocaleString('en')} orders, ${data.customers.toLocaleString('en')} customers, ${(data.bytes / 1e6).toFixed(1)} MB (${data.path})`);
  const reference = new PeerProcess(REFERENCE, data.path);
  const answer = (await reference.check(() => [], chosen.includes(REFERENCE))).result;
  if (!answer) throw new Error(`the reference peer failed: ${reference.run.problems?.join('; ')}`);
  const facts = referenceFacts(answer, AS_OF_DAY);
  const judge = (/** @type {any} */ r) => ('analyses' in r ? [] : 'ids' in r ? checkWork(answer, r) : checkParse(facts, r));
  const interleave = !values.sequential && data.rows <= INTERLEAVE_MAX_ROWS;
  /** @type {PeerProcess[]} */
  const all = [];
  /** @type {PeerProcess[]} */
  const timed = [];
  for (const key of chosen) {
    const p = key === REFERENCE ? reference : new PeerProcess(key, data.path);
    all.push(p);
    if (key !== REFERENCE) {
      process.stdout.write(`  ${key}: `);
      const { passed } = await p.check(judge, true);
      console.log(passed ? 'answer checked' : `${p.run.status.toUpperCase()}: ${p.run.problems?.join('; ')}`);
      if (!passed) {
        await p.exited;
        continue;
      }
    }
    if (interleave) timed.push(p);
    else await timeInTurns([p]);
  }
  if (!chosen.includes(REFERENCE)) await reference.exited;
  process.stdout.write(`  timing${interleave ? ' in turns' : ' one peer after another'} ... `);
  await timeInTurns(timed);
  console.log('done');
  results.push({ label, data, runs: all.map((p) => p.run) });
  printSize(results[results.length - 1]);
}
/** Appending to the loaded 1M set against ingesting everything again (bench/peers/append.mjs). */
let append;
if (sizes.includes('1m') && chosen.includes('engine')) {
  process.stdout.write('\n== incremental refresh: 10k new rows onto the 1M set ... ');
  append = await appendRun();
  console.log(`append ${append.append.median.toFixed(0)} ms, re-ingest ${append.again.median.toFixed(0)} ms (medians)`);
}
if (!values['no-write']) {
  const path = join(here, '..', 'docs', 'performance.md');
  // Sections between `<!-- name:start -->` and `<!-- name:end -->` belong to other writers (the browser
  // bench, the build's bundle-size report): keep them.
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const kept = [...previous.matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]);
  writeFileSync(path, `${[writeReport(info, results, append).trimEnd(), ...kept].join('\n\n')}\n`);
  console.log(`\nwrote ${path}`);
}
if (values.browser) {
  const browser = fork(join(here, 'browser', 'run.mjs'), values['no-write'] ? ['--no-write'] : [], { stdio: 'inherit' });
  const [code] = await new Promise((resolve) => browser.on('exit', (...args) => resolve(args)));
  if (code !== 0) process.exitCode = code ?? 1;
}
