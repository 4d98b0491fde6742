/**
 * The zh-CN dictionary is loaded only when a widget first shows zh-CN: the widget waits for it, so
 * its first paint is already Chinese (never English first) and `updateComplete` covers the wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/format/locales/en.js';
import { Translator } from '../../src/format/translator.js';
import type { CrmRfmGrid } from '../../components/rfm-grid/rfm-grid.js';
import { cleanup, mount, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

// Written out here, not read from the dictionary under test.
const NO_FEED_ZH = '未连接数据源：请将此视图放在数据源元素内，或设置其 feed 属性。';

describe('lazily loaded locales', () => {
  it('paints a zh-CN widget in Chinese from its first render, with no English before', async () => {
    // Nothing has asked for zh-CN yet in this page: a translator for it still speaks English.
    expect(new Translator('zh-CN').t('state.noFeed')).toBe(en['state.noFeed']);
    const root = mount('<div lang="zh-CN"><crm-rfm-grid></crm-rfm-grid></div>');
    const grid = root.querySelector('crm-rfm-grid') as CrmRfmGrid;
    const seen: string[] = [];
    const record = () => seen.push(shadow(grid).textContent ?? '');
    record();
    new MutationObserver(record).observe(shadow(grid), { subtree: true, childList: true, characterData: true });
    await grid.updateComplete;
    expect(shadow(grid).textContent).toContain(NO_FEED_ZH);
    await waitFor(() => seen.some((t) => t.includes(NO_FEED_ZH)), 2000, 'the Chinese message recorded');
    expect(seen.filter((t) => t.includes(en['state.noFeed']))).toEqual([]);
    expect(new Translator('zh-CN').t('state.noFeed')).toBe(NO_FEED_ZH);
  });
});
