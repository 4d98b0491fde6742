// `npm test`: the type check (TypeScript strict, no unused code), then every test, engine (Node) and
// components (real Chromium), in one vitest run, closing with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, howToGetChromium } from './chromium.mjs';

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
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2).filter((a) => a !== '--no-typecheck')],
  { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chromium } },
);
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\n${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
} catch {
  console.log('\nno test results were written');
}
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
