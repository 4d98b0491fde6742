// Finds the Chromium the browser tests, the benchmarks and the screenshots run in: $CHROME_PATH, then
// Debian's /usr/bin/chromium. Never downloads one (this project's machines reach no browser host).
import { existsSync } from 'node:fs';

/** Absolute path of a usable Chromium, or undefined. */
export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

/** Launch flags that keep Chromium headless, root-safe and off the network (TOOLCHAIN.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  // Lets the long-life tests force a collection and check removed widgets are collectable.
  '--js-flags=--expose-gc',
  // Exact performance.memory figures for the long-life tests' heap check.
  '--enable-precise-memory-info',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

export const howToGetChromium =
  'No Chromium found. Set CHROME_PATH to a Chromium/Chrome binary, or install Debian\'s: sudo apt-get install -y chromium';
