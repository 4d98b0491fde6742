/**
 * Runs one peer on one data file in its own process (so peak memory is the peer's own): a first run
 * whose answer the parent checks against the reference, then, only if it passed, one timed run per
 * `rep` message, so the parent can take turns between peers (each sees the same noise from other
 * work on the machine). `end` sends the memory figures and exits.
 *
 * argv: <peer module path> <csv path>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * A peer: what it is, and its steps. `load` turns the file bytes into the peer's loaded form (timed
 * as load/parse), `compute` does the work on it (timed), `result` reshapes the output for the check
 * (not timed). Parse-only peers have no `compute`.
 * @typedef {object} Peer
 * @property {string} name
 * @property {'pipeline' | 'parse' | 'full'} kind pipeline = the common work; full = our whole dashboard
 * @property {() => unknown} [setup] one-time start-up (e.g. instantiating WebAssembly), timed apart
 * @property {(bytes: Uint8Array, path: string) => unknown} load
 * @property {(state: any) => unknown} [compute]
 * @property {(output: any, state: any) => import('./work.mjs').WorkResult | import('./work.mjs').ParseResult} result
 * @property {(state: any) => unknown} [dispose]
 * @property {(state: any) => Record<string, number>} [stats] extra numbers for the report
 * @property {() => Record<string, number[]>} [breakdown] ms per named part of compute, per run
 */

const [modulePath, csvPath] = process.argv.slice(2);
const gc = /** @type {() => void} */ (globalThis.gc);
const QUIET_MS = 100;

/** @param {unknown} message */
function send(message) {
  return new Promise((resolve) => process.send?.(message, resolve));
}

/** @returns {Promise<string>} */
function reply() {
  return new Promise((resolve) => process.once('message', (m) => resolve(String(m))));
}

/** Memory in use after full collections; the pauses let V8 free array buffers off-thread. */
async function settledMemory() {
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
}

/**
 * A full collection, then a pause: V8 frees the last run's array buffers and sweeps on background
 * threads, and the peer that ran before may still be finishing such work on the other core. Timing
 * right away would charge that to this run, more for peers that free more.
 */
async function quiet() {
  gc();
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  return undefined;
}

/** @type {Peer} */
const peer = (await import(pathToFileURL(modulePath).href)).default;
const bytes = new Uint8Array(readFileSync(csvPath));

let t = performance.now();
await peer.setup?.();
const setupMs = performance.now() - t;

// The checked run lives in a function so nothing of it stays reachable while the timed runs measure memory.
async function checkedRun() {
  const state = await peer.load(bytes, csvPath);
  const output = await peer.compute?.(state);
  await send({ type: 'result', name: peer.name, kind: peer.kind, result: peer.result(output, state), stats: peer.stats?.(state) });
  await peer.dispose?.(state);
}
await checkedRun();

if ((await reply()) === 'time') {
  /** @type {{ heap: number, rss: number } | undefined} */
  let retained;
  let runs = 0;
  while ((await reply()) === 'rep') {
    // the first timed run also measures what a load holds; the others only collect garbage first
    const before = retained ? await quiet() : await settledMemory();
    t = performance.now();
    const state = await peer.load(bytes, csvPath);
    const load = performance.now() - t;
    if (before) {
      const after = await settledMemory();
      retained = { heap: after.heap - before.heap, rss: after.rss - before.rss };
    }
    let compute;
    if (peer.compute) {
      t = performance.now();
      await peer.compute(state);
      compute = performance.now() - t;
    }
    await peer.dispose?.(state);
    runs++;
    await send({ type: 'rep', load, compute });
  }
  // parts measured in the checked run are dropped: the timed runs are the last `runs`
  const parts = Object.fromEntries(Object.entries(peer.breakdown?.() ?? {}).map(([k, v]) => [k, v.slice(-runs)]));
  await send({ type: 'timings', setupMs, retained, maxRssKb: process.resourceUsage().maxRSS, parts });
}
process.exit(0);
