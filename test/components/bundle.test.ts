/**
 * The built package: the one-file bundle renders every view from a page that loads nothing else (the
 * engine in the Worker), the kit still works loaded from another origin (the engine falls back to the
 * main thread, fetched as the lazy chunk next to the bundle), and
 * `npm pack` gives a package that installs offline and works in a scratch project; and no built file
 * can make code from strings (eval, the Function constructor).
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { VIEW_TAGS } from '../support/build-pages.js';
import { HAN, localeChunkRequests, SWITCH_TO_ZH } from './switch-locale.js';

describe('the built kit', () => {
  it('ships no eval and no Function constructor in any built JavaScript file', async () => {
    const { files, offending } = await commands.shipScan(VIEW_TAGS);
    expect(files).toContain('dist/crm-lens.js');
    expect(files.some((f) => f.startsWith('dist/assets/worker-'))).toBe(true);
    expect(offending).toEqual([]);
  });

  it('renders every view from the one-file bundle on a page that loads nothing else', async () => {
    const tab = await commands.shipOpen('ship', '/bundle-only.html', VIEW_TAGS);
    const report = await commands.shipReport(tab, 40_000);
    // zh-CN is not in the kit: switching to it fetches its dictionary chunk, once, and every view speaks it.
    const titles = (await commands.shipEval(tab, SWITCH_TO_ZH)) as string[];
    const after = await commands.shipReport(tab, 1000);
    await commands.shipClose(tab);
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

  it('works when the kit is loaded from another origin: the engine runs on the main thread', async () => {
    const tab = await commands.shipOpen('ship', '/cross-origin.html', VIEW_TAGS);
    const report = await commands.shipReport(tab, 40_000);
    const titles = (await commands.shipEval(tab, SWITCH_TO_ZH)) as string[];
    const after = await commands.shipReport(tab, 1000);
    await commands.shipClose(tab);
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
