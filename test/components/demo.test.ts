/**
 * `npm start`: scripts/start.mjs serves the demo portal on loopback; every registered view reaches
 * its loaded state on the embedded sample company, selecting an RFM cell filters the portal, and the
 * language and theme switches reach the views.
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { CLICK_RFM_CELL, VIEW_TAGS, textAfter } from '../support/build-pages.js';

describe('npm start: the demo portal', () => {
  it('serves a page where every registered view loads, cross-filters and switches language and theme', async () => {
    const tab = await commands.shipOpen('demo', '/', VIEW_TAGS);
    const report = await commands.shipReport(tab, 60_000);
    expect(report.views.filter((v) => v.state !== 'loaded')).toEqual([]);
    expect(new Set(report.views.map((v) => v.tag))).toEqual(new Set(VIEW_TAGS));
    expect(report.engineModes).toEqual(['worker']);
    expect(await commands.shipEval(tab, textAfter('#source-line', 0))).toMatch(/^sample-company\.json: [\d,]+ orders of [\d,]+ customers/);

    const customers = (await commands.shipEval(tab, CLICK_RFM_CELL)) as number;
    expect(await commands.shipEval(tab, textAfter('#selection-text'))).toMatch(new RegExp(`: ${customers} customers\\.`));
    expect(await commands.shipEval(tab, `document.querySelector('crm-feed').selection?.customers.length`)).toBe(customers);

    await commands.shipEval(tab, `(() => { const s = document.querySelector('#language'); s.value = 'zh-CN'; s.dispatchEvent(new Event('change')); })()`);
    expect(await commands.shipEval(tab, textAfter('h1'))).toBe('客户健康度');
    expect(await commands.shipEval(tab, `[...document.querySelectorAll('.dashboard > *')].every((v) => v.getAttribute('lang') === 'zh-CN')`)).toBe(true);

    await commands.shipEval(tab, `document.querySelector('#theme input[value="dark"]').click()`);
    expect(await commands.shipEval(tab, `[...document.querySelectorAll('.dashboard > *')].every((v) => v.getAttribute('theme') === 'dark')`)).toBe(true);
    await commands.shipEval(tab, `document.querySelector('#theme input[value="brand"]').click()`);
    const accent = await commands.shipEval(tab, `getComputedStyle(document.querySelector('crm-rfm-grid')).getPropertyValue('--crm-color-accent').trim()`);
    expect(accent).toBe('#7a3e9d');
    await commands.shipClose(tab);
    expect(report.errors).toEqual([]);
  }, 150_000);
});
