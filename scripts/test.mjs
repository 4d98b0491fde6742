// `npm test`: every test, engine (Node) and components (real Chromium), in one vitest run.
import { spawnSync } from 'node:child_process';
import { findChromium, howToGetChromium } from './chromium.mjs';

const chromium = findChromium();
if (!chromium) {
  console.error(howToGetChromium);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chromium },
});
process.exit(result.status ?? 1);
