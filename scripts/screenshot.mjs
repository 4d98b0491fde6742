#!/usr/bin/env node
// `npm run screenshot`: docs/demo.png, the demo portal on the sample company in Debian's Chromium,
// taken once every widget has drawn. Starts its own dev server on a free loopback port unless --url
// points at a running one.
//   --url http://127.0.0.1:5173/   use a running demo
//   --out docs/demo.png             where to write
//   --theme light|dark|brand   --lang en|zh-CN   --width 1440
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, findChromium, howToGetChromium } from './chromium.mjs';
import { demoConfig } from './build/demo-config.mjs';
import { allViewsLoaded } from './build/views-loaded.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'docs/demo.png' },
    theme: { type: 'string', default: 'light' },
    lang: { type: 'string', default: 'en' },
    width: { type: 'string', default: '1440' },
  },
});
const executablePath = findChromium();
if (!executablePath) {
  console.error(howToGetChromium);
  process.exit(1);
}

let server;
let url = values.url;
if (!url) {
  server = await createServer({ ...demoConfig(root, { port: 0 }), logLevel: 'warn' });
  await server.listen();
  url = server.resolvedUrls.local[0];
}
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: 900 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  if (values.lang !== 'en') await page.selectOption('#language', values.lang);
  if (values.theme !== 'light') await page.check(`#theme input[value="${values.theme}"]`);
  await page.waitForFunction(allViewsLoaded, undefined, { timeout: 60_000, polling: 200 });
  // Let the last transitions settle before the picture.
  await page.waitForTimeout(400);
  const out = resolve(root, values.out);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server?.close();
}
