/**
 * The built package: the one-file bundle renders every view from a page that loads nothing else (the
 * engine in the Worker), the kit still works loaded from another origin (the engine falls back to the
 * main thread, fetched as the lazy chunk next to the bundle), a large CSV makes the engine Worker start
 * its part reader (a second copy of its built script) and loads alike each time, and
 * `npm pack` gives a package that installs offline and works in a scratch project; and no built file
 * can make code from strings (eval, the Function constructor).
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { VIEW_TAGS } from '../support/build-pages.js';
import { HAN, localeChunkRequests, SWITCH_TO_ZH } from './switch-locale.js';
import { largeCsv, largeCsvReport } from '../support/large-csv.js';
import type { IngestReport } from '../../src/engine/ingest/types.js';

/**
 * In the large-feed tab: the feed's report, then the reports of two more loads of the same CSV (by
 * another URL each, so neither is the last load's), each once its `crm-feed-load` has fired.
 */
const RELOAD_LARGE_FEED = `(async () => {
  const feed = document.querySelector('crm-feed');
  const reports = [feed.report];
  for (const again of ['?again=1', '?again=2']) {
    const loaded = new Promise((resolve) => feed.addEventListener('crm-feed-load', () => resolve(feed.report), { once: true }));
    feed.src = '/examples/data/large.csv' + again;
    reports.push(await loaded);
  }
  return JSON.parse(JSON.stringify(reports));
})()`;

/** Opens `path` on the ship server, reports it once its views drew, evaluates `expression`, reports again, closes it. */
async function visit<T>(path: string, expression: string, timeoutMs = 40_000) {
  const tab = await commands.shipOpen('ship', path, VIEW_TAGS);
  const report = await commands.shipReport(tab, timeoutMs);
  const value = (await commands.shipEval(tab, expression)) as T;
  const after = await commands.shipReport(tab, 1000);
  await commands.shipClose(tab);
  return { report, value, after };
}

describe('the built kit', () => {
  it('ships no eval and no Function constructor in any built JavaScript file', async () => {
    const { files, offending } = await commands.shipScan(VIEW_TAGS);
    expect(files).toContain('dist/crm-lens.js');
    expect(files.some((f) => f.startsWith('dist/assets/worker-'))).toBe(true);
    expect(offending).toEqual([]);
  });

  it('renders every view from the one-file bundle on a page that loads nothing else', async () => {
    // zh-CN is not in the kit: switching to it fetches its dictionary chunk, once, and every view speaks it.
    const { report, value: titles, after } = await visit<string[]>('/bundle-only.html', SWITCH_TO_ZH);
    expect(titles.length).toBe(VIEW_TAGS.length);
    expect(titles.filter((t) => !HAN.test(t))).toEqual([]);
    expect(localeChunkRequests(after.requests).length).toBe(1);
    expect(after.errors).toEqual([]);
    expect(report.views.map((v) => `${v.tag}: ${v.state} ${v.text}`.trim())).toEqual(VIEW_TAGS.map((t) => `${t}: loaded`));
    expect(report.loaded).toBe(true);
    expect(report.engineModes).toEqual(['worker']);
    const loadedPaths = report.requests.map((u) => new URL(u).pathname).filter((p) => p !== '/bundle-only.html');
    expect(loadedPaths.filter((p) => !/^\/dist\/assets\/worker-[\w-]+\.js$/.test(p))).toEqual(['/dist/crm-lens.js']);
    expect(loadedPaths.length).toBe(2);
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('on a large CSV the engine Worker starts its part reader from its own built script, and every load counts every row', async () => {
    // The part reader starts on the first large feed; the feed loaded again is read with it once it is up.
    const { report: first, value: reports, after } = await visit<IngestReport[]>('/large-feed.html', RELOAD_LARGE_FEED, 60_000);
    expect(first.loaded).toBe(true);
    expect(first.engineModes).toEqual(['worker']);
    const expected = largeCsvReport(largeCsv());
    for (const report of reports) {
      expect(report.rows).toBe(expected.rows);
      expect(report.reasons).toEqual(expected.reasons);
      expect(report.examples[1].row).toBe(expected.secondExampleRow);
    }
    const workers = after.requests.map((u) => new URL(u).pathname).filter((p) => /^\/dist\/assets\/worker-[\w-]+\.js$/.test(p));
    expect(workers.length).toBe(2);
    expect(new Set(workers).size).toBe(1);
    expect(after.errors).toEqual([]);
  }, 120_000);

  it('works when the kit is loaded from another origin: the engine runs on the main thread', async () => {
    const { report, value: titles, after } = await visit<string[]>('/cross-origin.html', SWITCH_TO_ZH);
    // The zh-CN dictionary chunk comes from the kit's origin too.
    expect(titles.filter((t) => !HAN.test(t))).toEqual([]);
    expect(localeChunkRequests(after.requests).length).toBe(1);
    expect(after.errors).toEqual([]);
    expect(report.requests.some((u) => u.startsWith('http://localhost:') && u.endsWith('/dist/crm-lens.js'))).toBe(true);
    expect(report.views.map((v) => `${v.tag}: ${v.state}`)).toEqual(VIEW_TAGS.map((t) => `${t}: loaded`));
    expect(report.engineModes).toEqual(['main']);
    // The main-thread engine is not in the kit: it came as the lazy chunk next to it, and no Worker ran.
    const paths = report.requests.map((u) => new URL(u).pathname);
    expect(paths.filter((p) => /^\/dist\/assets\/engine-core-[\w-]+\.js$/.test(p)).length).toBe(1);
    expect(paths.some((p) => /\/worker-[\w-]+\.js$/.test(p))).toBe(false);
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('packs into a package that installs offline and runs the engine, the manifest and the CLI in Node', async () => {
    // Two customers, three orders: A buys 10 and 20, B buys 5.
    const script = `
      import { createRequire } from 'node:module';
      import { readFileSync } from 'node:fs';
      import { ingestText, rfm } from 'crm-lens/engine';
      const { dataset, report } = ingestText('customer_id,date,amount\\nA,2024-01-01,10\\nA,2024-02-01,20\\nB,2024-01-15,5\\n');
      const result = rfm(dataset);
      const require = createRequire(import.meta.url);
      const manifest = JSON.parse(readFileSync(require.resolve('crm-lens/custom-elements.json'), 'utf8'));
      const tags = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean).sort();
      console.log(JSON.stringify({ accepted: report.accepted, totals: result.totals, tags }));
    `;
    const pack = await commands.shipPack(script, VIEW_TAGS);
    const out = JSON.parse(pack.output) as { accepted: number; totals: { customers: number; orders: number; revenue: number }; tags: string[] };
    expect(out.accepted).toBe(3);
    expect(out.totals).toEqual({ customers: 2, orders: 3, revenue: 35 });
    expect(out.tags).toEqual(['crm-feed', ...VIEW_TAGS].sort());
    expect(pack.files).toContain('dist/crm-lens.js');
    expect(pack.files).toContain('dist/cli/main.js');
    expect(pack.files.some((f) => /^dist\/assets\/worker-[\w-]+\.js$/.test(f))).toBe(true);
    expect(pack.files.some((f) => /^dist\/assets\/engine-core-[\w-]+\.js$/.test(f))).toBe(true);
    expect(pack.files.some((f) => /^dist\/assets\/locale-zh-CN-[\w-]+\.js$/.test(f))).toBe(true);
    expect(pack.cliHelp).toMatch(/Usage: crm-lens <command>/);
  }, 120_000);
});
