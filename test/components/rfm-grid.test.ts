import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { dayFromCivil } from '../../src/engine/dataset/days.js';
import { rfm, rfmCellCustomers, RULE_SETS, type RfmResult } from '../../src/engine/analyses/rfm/index.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmRfmGrid } from '../../components/rfm-grid/rfm-grid.js';
import type { CrmSelectDetail } from '../../components/base/events.js';
import { axeViolations, cleanup, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

async function loadedGrid(csv: string, attributes = '', feedAttributes = '') {
  const url = await route('orders.csv', [{ body: csv }]);
  const root = mount(`<crm-feed src="${url}" ${feedAttributes}><crm-rfm-grid ${attributes}></crm-rfm-grid></crm-feed>`);
  const grid = root.querySelector('crm-rfm-grid') as CrmRfmGrid;
  const feed = root.querySelector('crm-feed') as CrmFeed;
  await waitFor(() => shadow(grid).querySelector('rect.cell') || shadow(grid).querySelector('.list'), 8000, 'grid');
  return { root, grid, feed };
}

function engine(csv: string, rules: keyof typeof RULE_SETS = 'rfgrid') {
  const { dataset } = ingestText(csv);
  const result = rfm(dataset, { rules: [...RULE_SETS[rules]] }) as RfmResult & { available: true };
  const idsOf = (r: number, f: number) => Array.from(rfmCellCustomers(result, r, f), (i) => dataset.customerIds[i]).sort();
  return { result, idsOf };
}

const cellAt = (grid: Element, r: number, f: number) => shadow(grid).querySelector<SVGRectElement>(`rect.cell[data-r="${r}"][data-f="${f}"]`)!;

function nextSelect(el: HTMLElement): Promise<CrmSelectDetail> {
  return new Promise((resolve) => el.addEventListener('crm-select', (e) => resolve(e.detail), { once: true }));
}

describe('<crm-rfm-grid>', () => {
  it('draws 25 cells with the engine counts, segment outlines and names', async () => {
    const csv = ordersCsv(120, 11);
    const { grid } = await loadedGrid(csv);
    const { result } = engine(csv);
    const rects = shadow(grid).querySelectorAll('rect.cell');
    expect(rects.length).toBe(25);
    for (const c of result.grid) expect(Number(cellAt(grid, c.r, c.f).dataset.customers)).toBe(c.customers);
    expect(shadow(grid).querySelectorAll('path.outline').length).toBe(new Set(result.grid.map((c) => c.segment)).size);
    expect(cellAt(grid, 5, 5).getAttribute('aria-label')).toMatch(/Champions/);
    const names = [...shadow(grid).querySelectorAll('text.segment-label')].map((t) => t.textContent);
    expect(names).toContain('Hibernating');
  });

  it('selects a cell\'s customers on click, and clears on a second click', async () => {
    const csv = ordersCsv(120, 12);
    const { grid, feed } = await loadedGrid(csv);
    const { result, idsOf } = engine(csv);
    const target = result.grid.find((c) => c.customers > 0)!;
    const selected = nextSelect(grid);
    const rebroadcast = new Promise<unknown>((resolve) => feed.addEventListener('crm-selection-change', (e) => resolve(e.detail), { once: true }));
    cellAt(grid, target.r, target.f).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const detail = (await selected)!;
    expect([...detail.customers].sort()).toEqual(idsOf(target.r, target.f));
    expect(detail.source).toBe('crm-rfm-grid');
    expect(detail.key).toBe(`cell:${target.r}-${target.f}`);
    expect(await rebroadcast).toEqual(detail);
    expect(feed.selection?.key).toBe(detail.key);
    await grid.updateComplete;
    expect(cellAt(grid, target.r, target.f).getAttribute('aria-selected')).toBe('true');
    const cleared = nextSelect(grid);
    cellAt(grid, target.r, target.f).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(await cleared).toBeNull();
  });

  it('moves with the arrow keys, selects with Enter and clears with Escape', async () => {
    const csv = ordersCsv(120, 13);
    const { grid } = await loadedGrid(csv);
    const { idsOf } = engine(csv);
    const first = shadow(grid).querySelector<SVGRectElement>('rect.cell[tabindex="0"]')!;
    expect(shadow(grid).querySelectorAll('rect.cell[tabindex="0"]').length).toBe(1);
    expect([first.dataset.r, first.dataset.f]).toEqual(['1', '5']);
    first.focus();
    const key = (k: string) => (shadow(grid).activeElement as SVGElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    await waitFor(() => (shadow(grid).activeElement as SVGRectElement | null)?.dataset.r === '2', 2000, 'focus moved right');
    key('ArrowDown');
    await waitFor(() => (shadow(grid).activeElement as SVGRectElement | null)?.dataset.f === '4', 2000, 'focus moved down');
    const active = shadow(grid).activeElement as SVGRectElement;
    expect(active.getAttribute('tabindex')).toBe('0');
    const selected = nextSelect(grid);
    key('Enter');
    const detail = (await selected)!;
    expect(detail.key).toBe('cell:2-4');
    expect([...detail.customers].sort()).toEqual(idsOf(2, 4));
    const cleared = nextSelect(grid);
    key('Escape');
    expect(await cleared).toBeNull();
  });

  it('counts another view\'s selection per cell and dims the cells without any of it', async () => {
    const csv = ordersCsv(120, 11);
    // an earlier analysis date leaves customers out, so scored customers are not the Dataset's order
    const { grid, feed } = await loadedGrid(csv, 'as-of="2023-12-31"');
    const { dataset } = ingestText(csv);
    const result = rfm(dataset, { rules: [...RULE_SETS.rfgrid], asOf: dayFromCivil(2023, 12, 31) }) as RfmResult & { available: true };
    const scored = result.customers;
    expect(scored.index.length).toBeLessThan(dataset.customerIds.length);
    // every third Dataset customer, by id, as a host or another view publishes them
    const chosen = dataset.customerIds.filter((_, c) => c % 3 === 0);
    const expected = new Map<string, number>();
    scored.index.forEach((c, i) => {
      const key = `${scored.r[i]}-${scored.f[i]}`;
      if (c % 3 === 0) expected.set(key, (expected.get(key) ?? 0) + 1);
    });
    feed.feedHandle.select({ customers: [...chosen, 'not-a-customer'], source: 'crm-value-quadrant', key: 'tier:basic' });
    await waitFor(() => shadow(grid).querySelector('rect.cell.dim'), 2000, 'dimmed cells');
    for (const c of result.grid) {
      const count = expected.get(`${c.r}-${c.f}`) ?? 0;
      const rect = cellAt(grid, c.r, c.f);
      expect(rect.classList.contains('dim'), `cell ${c.r}-${c.f}`).toBe(count === 0);
      if (count > 0) expect(rect.getAttribute('aria-label')).toMatch(new RegExp(`\\(${count}\\)$`));
    }
  });

  it('shows a cell\'s count on focus', async () => {
    const csv = ordersCsv(120, 14);
    const { grid } = await loadedGrid(csv);
    const cell = cellAt(grid, 3, 3);
    cell.focus();
    const count = await waitFor(() => shadow(grid).querySelector('text.count'), 2000, 'count text');
    expect(count.textContent).toBe(String(Number(cell.dataset.customers)));
  });

  it('colours by revenue or mean monetary, and lists segments of a rule set in list view', async () => {
    const csv = ordersCsv(120, 15);
    const { grid } = await loadedGrid(csv, 'color-by="monetary" view="list" rules="vignette"');
    const { result } = engine(csv, 'vignette');
    const options = [...shadow(grid).querySelectorAll<HTMLElement>('li[role="option"]')];
    expect(options.map((o) => [o.dataset.segment, Number(o.dataset.customers)])).toEqual(result.segments.map((s) => [s.name, s.customers]));
    const selected = nextSelect(grid);
    options[0].click();
    expect((await selected)!.customers.length).toBe(result.segments[0].customers);
    grid.view = 'grid';
    await waitFor(() => shadow(grid).querySelector('text.legend-label')?.textContent?.includes('Mean monetary value'), 2000, 'legend');
  });

  it('has a data-table view and exports CSV and SVG', async () => {
    const csv = ordersCsv(80, 16);
    const { grid } = await loadedGrid(csv);
    const csvOut = grid.toCsv()!;
    expect(csvOut.trim().split('\r\n')).toHaveLength(26);
    expect(grid.toSvg()).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await grid.toPng();
    expect(png?.type).toBe('image/png');
    shadow(grid).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await grid.updateComplete;
    expect(shadow(grid).querySelectorAll('tbody tr').length).toBe(25);
  });

  it('is axe-clean when loaded, empty and in error', async () => {
    const broken = mount('<button></button><img src="data:,">');
    expect((await axeViolations(broken)).length).toBeGreaterThan(0);
    cleanup();
    const csv = ordersCsv(80, 17);
    const { grid } = await loadedGrid(csv);
    expect(await axeViolations(grid)).toEqual([]);
    cleanup();
    const empty = mount('<crm-feed><crm-rfm-grid></crm-rfm-grid></crm-feed>').querySelector('crm-rfm-grid') as CrmRfmGrid;
    await empty.updateComplete;
    expect(shadow(empty).textContent).toMatch(/No data to show yet/);
    expect(await axeViolations(empty)).toEqual([]);
    cleanup();
    const url = await route('gone.csv', [{ status: 404 }]);
    const failing = mount(`<crm-feed src="${url}"><crm-rfm-grid></crm-rfm-grid></crm-feed>`).querySelector('crm-rfm-grid')!;
    await waitFor(() => shadow(failing).querySelector('[role="alert"]'), 8000, 'error');
    expect(await axeViolations(failing)).toEqual([]);
  });

  it('speaks zh-CN: labels, segment names and currency', async () => {
    const csv = ordersCsv(80, 18);
    const { grid } = await loadedGrid(csv, 'currency="CNY"');
    grid.closest('div')!.setAttribute('lang', 'zh-CN');
    grid.requestUpdate();
    await grid.updateComplete;
    const text = shadow(grid).textContent!;
    expect(text).toContain('RFM 矩阵');
    expect(text).toContain('沉睡客户');
    expect(cellAt(grid, 5, 5).getAttribute('aria-label')).toMatch(/位客户，收入 ¥/);
    expect(shadow(grid).querySelector('.meta')!.textContent).toMatch(/截至 \d{4}年\d{1,2}月\d{1,2}日/);
  });

  it('takes label overrides as text: custom segment names cannot inject markup', async () => {
    const csv = ordersCsv(80, 19);
    const { grid } = await loadedGrid(csv, `labels='{"segment.champions":"<img src=x onerror=window.__xss=1>"}'`);
    expect(cellAt(grid, 5, 5).getAttribute('aria-label')).toContain('<img src=x onerror=window.__xss=1>');
    expect(shadow(grid).querySelector('img')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('keeps a hostile customer id as data: selected as text, never run', async () => {
    const id = '<img src=x onerror=window.__xss=2>';
    const csv = `customer_id,date,amount\n"${id}",2024-05-01,10\n"${id}",2024-06-01,20\nB,2024-01-01,5\n`;
    const { grid } = await loadedGrid(csv);
    const occupied = [...shadow(grid).querySelectorAll<SVGRectElement>('rect.cell')].filter((r) => r.dataset.customers !== '0');
    const details: string[][] = [];
    grid.addEventListener('crm-select', (e) => e.detail && details.push([...e.detail.customers]));
    for (const cell of occupied) {
      cell.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      cell.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
    expect(details.flat()).toContain(id);
    shadow(grid).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await grid.updateComplete;
    expect(document.querySelector('img') ?? shadow(grid).querySelector('img')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('changes its colours through custom properties only', async () => {
    const csv = ordersCsv(80, 20);
    const { grid } = await loadedGrid(csv);
    const cell = shadow(grid).querySelector<SVGRectElement>('rect.cell:not(.empty)')!;
    const before = getComputedStyle(cell).fill;
    for (let i = 1; i <= 7; i++) grid.style.setProperty(`--crm-seq-${i}`, 'rgb(1, 2, 3)');
    expect(getComputedStyle(cell).fill).toBe('rgb(1, 2, 3)');
    expect(before).not.toBe('rgb(1, 2, 3)');
    grid.style.cssText = '';
    grid.theme = 'dark';
    await grid.updateComplete;
    expect(getComputedStyle(cell).fill).not.toBe(before);
    expect(getComputedStyle(grid).backgroundColor).toBe('rgb(22, 24, 29)');
  });
});
