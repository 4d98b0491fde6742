// `npm test`: the type check (TypeScript strict, no unused code), then every test, engine (Node) and
// components (real Chromium), in one vitest run, closing with one plain "N passed, N failed" line.
//
// vitest runs in its own process group under a watchdog. Once it has written its report it has
// nothing left to do but close; if closing hangs (a browser or a server that will not shut down; a
// CI run once waited 90 minutes on that), the group is stopped after a grace period and the result
// is read from the report. Whatever vitest leaves behind (a Chromium, a dev server) is stopped too,
// so nothing keeps the caller's output pipe open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findChromium, howToGetChromium } from './chromium.mjs';

/** How long vitest may take to close after writing its report. */
const closeGraceMs = 60_000;
/** The whole run's limit: the suite takes about 2 minutes on a 2-core machine. */
const runLimitMs = 20 * 60_000;

const chromium = findChromium();
if (!chromium) {
  console.error(howToGetChromium);
  process.exit(1);
}
if (!process.argv.includes('--no-typecheck')) {
  // The project, then the React example's typed JSX against the package's types.
  for (const project of ['tsconfig.json', 'examples/tsconfig.json']) {
    const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
    if (typecheck.status !== 0) {
      console.error(`\nthe type check of ${project} failed; no test was run`);
      process.exit(typecheck.status ?? 1);
    }
  }
}
const dir = mkdtempSync(join(tmpdir(), 'crm-lens-test-'));
const report = join(dir, 'results.json');
const vitest = spawn(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2).filter((a) => a !== '--no-typecheck')],
  { stdio: 'inherit', detached: true, env: { ...process.env, CHROME_PATH: chromium } },
);

/** Signals vitest's whole process group; false when none of it is left. */
function signalGroup(signal) {
  try {
    process.kill(-vitest.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** What is still running in the group, for the message when it has to be stopped. */
function groupMembers() {
  const ps = spawnSync('ps', ['-o', 'pid=,etime=,args=', '-g', String(vitest.pid)], { encoding: 'utf8' });
  return (ps.stdout ?? '').trim();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    signalGroup(signal);
    process.exit(130);
  });
}

let stopped = '';
const started = Date.now();
let reportedAt = 0;
const watchdog = setInterval(() => {
  if (stopped) return;
  if (!reportedAt && existsSync(report)) reportedAt = Date.now();
  const hungClosing = reportedAt && Date.now() - reportedAt > closeGraceMs;
  const overLimit = Date.now() - started > runLimitMs;
  if (!hungClosing && !overLimit) return;
  stopped = hungClosing
    ? `vitest wrote its report but had not exited ${closeGraceMs / 1000} s later; stopped it. Still running:\n${groupMembers()}`
    : `the run passed its ${runLimitMs / 60_000}-minute limit; stopped it. Still running:\n${groupMembers()}`;
  // SIGTERM first, so Playwright can still close its browser.
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), 5000).unref();
}, 1000);

const status = await new Promise((done) => vitest.once('exit', (code, signal) => done(signal ? 1 : (code ?? 1))));
clearInterval(watchdog);
// Leftovers (a browser, a dev server) would hold the caller's stdout open: stop them.
if (signalGroup('SIGTERM')) {
  await new Promise((done) => setTimeout(done, 2000));
  signalGroup('SIGKILL');
}
if (stopped) console.error(`\n${stopped}`);

/** The first lines of a failure message. */
const head = (/** @type {string} */ text) => text.split('\n').slice(0, 8).join('\n');

let passed = false;
/** @type {any} */
let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.log('\nno test results were written');
}
if (results) {
  const { numPassedTests, numFailedTests, numPendingTests, numTotalTests, success, testResults } = results;
  // The failures again at the end, so a long log still names them where it is read first.
  for (const file of testResults ?? []) {
    const where = relative(process.cwd(), String(file.name ?? ''));
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') console.log(`\nFAILED ${where} > ${test.fullName}\n${head((test.failureMessages ?? []).join('\n'))}`);
    }
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((/** @type {{ status: string }} */ t) => t.status === 'failed')) {
      console.log(`\nFAILED ${where}\n${head(String(file.message ?? ''))}`);
    }
  }
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
  passed = success && numFailedTests === 0 && numTotalTests > 0;
}
rmSync(dir, { recursive: true, force: true });
// A hang after a complete report is not a test failure; anything else keeps vitest's own status.
process.exit(stopped && reportedAt ? (passed ? 0 : 1) : status);
