/**
 * The embedding examples (examples/), served from a real HTTP server on loopback against the built
 * package: plain HTML with one script tag, React 19, Vue 3, and a page under a strict
 * Content-Security-Policy. Every registered view must draw its data, with no page error and no CSP
 * violation.
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { CLICK_RFM_CELL, VIEW_TAGS, textAfter } from '../support/build-pages.js';
import { HAN, localeChunkRequests, SWITCH_TO_ZH } from './switch-locale.js';

async function open(path: string) {
  const tab = await commands.shipOpen('ship', path, VIEW_TAGS);
  const report = await commands.shipReport(tab, 40_000);
  const loaded = report.views.filter((v) => v.state === 'loaded').map((v) => v.tag);
  return { tab, report, loaded };
}

describe('embedding examples', () => {
  it('plain HTML: one script tag and attributes, every view loads in a Worker', async () => {
    const { tab, report, loaded } = await open('/examples/plain-html/');
    await commands.shipClose(tab);
    expect(report.views.filter((v) => v.state !== 'loaded' && v.state !== 'undefined')).toEqual([]);
    expect(loaded, JSON.stringify(report).slice(0, 1500)).toEqual(expect.arrayContaining(VIEW_TAGS));
    expect(report.engineModes).toEqual(['worker']);
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('React 19: typed JSX tags, attributes and a crm-select listener', async () => {
    const { tab, report, loaded } = await open('/examples/react/');
    expect(loaded, JSON.stringify(report).slice(0, 1500)).toEqual(expect.arrayContaining(VIEW_TAGS));
    const customers = (await commands.shipEval(tab, CLICK_RFM_CELL)) as number;
    const selection = await commands.shipEval(tab, textAfter('#selection'));
    await commands.shipClose(tab);
    expect(selection).toMatch(new RegExp(`: ${customers} customers$`));
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('Vue 3: isCustomElement, bound attributes and a crm-select listener', async () => {
    const { tab, report, loaded } = await open('/examples/vue/');
    expect(loaded, JSON.stringify(report).slice(0, 1500)).toEqual(expect.arrayContaining(VIEW_TAGS));
    // The bound :period reached the element as its property.
    expect(await commands.shipEval(tab, `document.querySelector('crm-kpi-tiles').period`)).toBe('quarter');
    const customers = (await commands.shipEval(tab, CLICK_RFM_CELL)) as number;
    const selection = await commands.shipEval(tab, textAfter('#selection'));
    await commands.shipClose(tab);
    expect(selection).toMatch(new RegExp(`: ${customers} customers$`));
    expect(report.errors.filter((e) => !/Vue|vue/.test(e) || /error/i.test(e))).toEqual([]);
  }, 120_000);

  it('strict CSP: every view works, in the Worker, with no violation report', async () => {
    const { tab, report, loaded } = await open('/examples/csp/');
    expect(loaded, JSON.stringify(report).slice(0, 1500)).toEqual(expect.arrayContaining(VIEW_TAGS));
    expect(report.engineModes).toEqual(['worker']);
    expect(report.violations).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(await commands.shipEval(tab, textAfter('#violations', 0))).toBe('No CSP violations.');
    // The zh-CN dictionary chunk loads under the policy too.
    const titles = (await commands.shipEval(tab, SWITCH_TO_ZH)) as string[];
    expect(titles.filter((t) => !HAN.test(t))).toEqual([]);
    const zh = await commands.shipReport(tab, 1000);
    expect(localeChunkRequests(zh.requests).length).toBe(1);
    expect(zh.violations).toEqual([]);
    // The policy is really in force: an inline style is refused and reported.
    await commands.shipEval(tab, `document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' }))`);
    const after = await commands.shipReport(tab, 1000);
    await commands.shipClose(tab);
    expect(after.violations.some((v) => v.startsWith('style-src'))).toBe(true);
  }, 120_000);
});
