import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { cohorts, type CohortResult } from '../../src/engine/analyses/cohorts/cohorts.js';
import { churnRisk, riskHeatmap, SIGNALS, type ChurnRiskResult, type RiskHeatmap } from '../../src/engine/analyses/churn-risk/index.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmChurnHeatmap } from '../../components/churn-heatmap/churn-heatmap.js';
import type { CrmSelectDetail } from '../../components/base/events.js';
import { axeViolations, cleanup, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

/** A small seeded sample company as feed text and as the engine's Dataset. */
function company(customers: number, seed: number) {
  const text = JSON.stringify(generateSampleCompany({ customers, seed, months: 12 }));
  return { text, dataset: ingestText(text).dataset };
}

async function loaded(body: string, attributes = '') {
  const url = await route('feed.json', [{ body }]);
  const root = mount(`<crm-feed src="${url}"><crm-churn-heatmap ${attributes}></crm-churn-heatmap></crm-feed>`);
  const map = root.querySelector('crm-churn-heatmap') as CrmChurnHeatmap;
  await waitFor(() => shadow(map).querySelector('rect.cell'), 15000, 'heat map cells');
  return { root, map, feed: root.querySelector('crm-feed') as CrmFeed };
}

const cells = (map: Element) => [...shadow(map).querySelectorAll<SVGRectElement>('rect.cell')];
const cellAt = (map: Element, row: number, col: number) => shadow(map).querySelector<SVGRectElement>(`rect.cell[data-row="${row}"][data-col="${col}"]`)!;

function nextSelect(el: HTMLElement): Promise<CrmSelectDetail> {
  return new Promise((resolve) => el.addEventListener('crm-select', (e) => resolve(e.detail), { once: true }));
}

/** Customers of a monthly cohort buying `offset` months after their first purchase, from the raw orders. */
function cohortMembers(text: string, cohort: string, offset: number): string[] {
  const orders = (JSON.parse(text) as { orders: { customer_id: string; date: string; amount: number }[] }).orders.filter((o) => o.amount >= 0);
  const months = (a: string, b: string) => (+b.slice(0, 4) - +a.slice(0, 4)) * 12 + (+b.slice(5, 7) - +a.slice(5, 7));
  const first = new Map<string, string>();
  for (const o of orders) {
    const m = o.date.slice(0, 7);
    if (!first.has(o.customer_id) || m < first.get(o.customer_id)!) first.set(o.customer_id, m);
  }
  const ids = new Set<string>();
  for (const o of orders) if (first.get(o.customer_id) === cohort && months(cohort, o.date.slice(0, 7)) === offset) ids.add(o.customer_id);
  return [...ids].sort();
}

describe('<crm-churn-heatmap mode="cohort">', () => {
  it('draws the engine\'s retention shares, running periods marked', async () => {
    const { text, dataset } = company(150, 41);
    const { map } = await loaded(text, 'cohorts="24"');
    const result = cohorts(dataset) as CohortResult;
    expect(cells(map).length).toBe(result.cohorts.reduce((n, c) => n + c.retention.length, 0));
    result.cohorts.forEach((c, row) =>
      c.retention.forEach((share, k) => {
        const el = cellAt(map, row, k);
        expect(Number(el.dataset.value)).toBeCloseTo(share, 12);
        expect(Number(el.dataset.count)).toBe(c.active[k]);
        expect(el.hasAttribute('data-partial')).toBe(c.partial[k]);
      }),
    );
    expect(shadow(map).querySelectorAll('rect.partial-mark').length).toBeGreaterThan(0);
    expect(shadow(map).querySelector('[part="legend"]')!.textContent).toMatch(/Retention/);
  });

  it('selects a cell\'s customers on click and on Enter, moves with the arrows', async () => {
    const { text } = company(150, 42);
    const { map } = await loaded(text, 'cohorts="6"');
    const first = shadow(map).querySelector<SVGRectElement>('rect.cell[tabindex="0"]')!;
    expect(shadow(map).querySelectorAll('rect.cell[tabindex="0"]').length).toBe(1);
    const cohort = first.dataset.key!.split(':')[1];
    const clicked = nextSelect(map);
    cellAt(map, 0, 1).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const byClick = (await clicked)!;
    expect(byClick.key).toBe(`cohort:${cohort}:1`);
    expect([...byClick.customers].sort()).toEqual(cohortMembers(text, cohort, 1));
    first.focus();
    const key = (k: string) => (shadow(map).activeElement as SVGElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const at = (row: number, col: number) => {
      const el = shadow(map).activeElement as SVGRectElement | null;
      return el?.dataset.row === String(row) && el.dataset.col === String(col);
    };
    key('ArrowRight');
    await waitFor(() => at(0, 1), 2000, 'focus moved right');
    key('ArrowRight');
    await waitFor(() => at(0, 2), 2000, 'focus moved right again');
    key('ArrowDown');
    await waitFor(() => at(1, 2), 2000, 'focus moved down');
    const active = shadow(map).activeElement as SVGRectElement;
    expect(active.getAttribute('tabindex')).toBe('0');
    const entered = nextSelect(map);
    key('Enter');
    const byKey = (await entered)!;
    const [, row1Cohort, offset] = byKey.key.split(':');
    expect(offset).toBe('2');
    expect([...byKey.customers].sort()).toEqual(cohortMembers(text, row1Cohort, 2));
    // Younger cohorts have fewer cells: moving down from a row's end lands on the shorter row's last cell.
    key('End');
    const length = (row: number) => cells(map).filter((c) => c.dataset.row === String(row)).length;
    expect(length(2)).toBeLessThan(length(1));
    await waitFor(() => at(1, length(1) - 1), 2000, 'end of row 1');
    key('ArrowDown');
    await waitFor(() => at(2, length(2) - 1), 2000, 'last cell of row 2');
    const cleared = nextSelect(map);
    key('Escape');
    expect(await cleared).toBeNull();
  });

  it('follows the feed when it reloads', async () => {
    const a = company(80, 43);
    const b = company(120, 44);
    const url = await route('feed.json', [{ body: a.text }, { body: b.text }]);
    const root = mount(`<crm-feed src="${url}"><crm-churn-heatmap cohorts="24"></crm-churn-heatmap></crm-feed>`);
    const map = root.querySelector('crm-churn-heatmap')!;
    const sizes = (r: CohortResult) => r.cohorts.map((c) => c.active.join(',')).join('|');
    const drawn = () => {
      const rows = new Map<number, number[]>();
      for (const c of cells(map)) rows.set(Number(c.dataset.row), [...(rows.get(Number(c.dataset.row)) ?? []), Number(c.dataset.count)]);
      return [...rows.values()].map((r) => r.join(',')).join('|');
    };
    await waitFor(() => drawn() === sizes(cohorts(a.dataset) as CohortResult), 15000, 'first data');
    await (root.querySelector('crm-feed') as CrmFeed).reload();
    await waitFor(() => drawn() === sizes(cohorts(b.dataset) as CohortResult), 15000, 'reloaded data');
  });

  it('is axe-clean when loaded, empty and in error, and exports table, CSV and SVG', async () => {
    const { text } = company(80, 45);
    const { map } = await loaded(text);
    expect(await axeViolations(map)).toEqual([]);
    expect(map.toSvg()).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await map.toPng())?.type).toBe('image/png');
    const csv = map.toCsv()!.trim().split('\r\n');
    expect(csv[0]).toMatch(/^Cohort,Customers,0,1/);
    shadow(map).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await map.updateComplete;
    expect(shadow(map).querySelectorAll('tbody tr').length).toBe(csv.length - 1);
    cleanup();
    const empty = mount('<crm-feed><crm-churn-heatmap></crm-churn-heatmap></crm-feed>').querySelector('crm-churn-heatmap')!;
    await empty.updateComplete;
    expect(shadow(empty).textContent).toMatch(/No data to show yet/);
    expect(await axeViolations(empty)).toEqual([]);
    cleanup();
    const url = await route('gone.json', [{ status: 404 }]);
    const failing = mount(`<crm-feed src="${url}"><crm-churn-heatmap></crm-churn-heatmap></crm-feed>`).querySelector('crm-churn-heatmap')!;
    await waitFor(() => shadow(failing).querySelector('[role="alert"]'), 8000, 'error');
    expect(await axeViolations(failing)).toEqual([]);
  });
});

describe('<crm-churn-heatmap mode="risk">', () => {
  function engineRisk(dataset: ReturnType<typeof company>['dataset']) {
    const risk = churnRisk(dataset) as ChurnRiskResult & { available: true };
    const heatmap = riskHeatmap(dataset, risk, 'segment') as RiskHeatmap & { available: true };
    return { risk, heatmap };
  }

  it('draws the engine\'s signal x segment shares', async () => {
    const { text, dataset } = company(150, 46);
    const { map } = await loaded(text, 'mode="risk"');
    const { heatmap } = engineRisk(dataset);
    expect(cells(map).length).toBe(heatmap.rows.length * heatmap.columns.length);
    heatmap.rows.forEach((_, r) =>
      heatmap.columns.forEach((group, c) => {
        const el = cellAt(map, r, c);
        expect(el.dataset.key).toBe(`risk:${heatmap.rows[r]}:${group}`);
        expect(Number(el.dataset.count)).toBe(heatmap.count[r][c]);
        expect(el.dataset.value === '' ? null : Number(el.dataset.value)).toBe(heatmap.share[r][c]);
      }),
    );
    const labels = [...shadow(map).querySelectorAll('[part="column-label"]')].map((t) => t.textContent);
    expect(labels).toEqual(heatmap.columns);
  });

  it('selects the group\'s customers tripping the signal, by click and by Enter', async () => {
    const { text, dataset } = company(150, 47);
    const { map } = await loaded(text, 'mode="risk"');
    const { risk, heatmap } = engineRisk(dataset);
    const segments = new Map((JSON.parse(text).customers as { customer_id: string; segment: string }[]).map((c) => [c.customer_id, c.segment]));
    const expected = (r: number, c: number) => {
      const bit = SIGNALS.indexOf(heatmap.rows[r]);
      const ids: string[] = [];
      risk.customers.forEach((ci, i) => {
        const id = dataset.customerIds[ci];
        if (segments.get(id) === heatmap.columns[c] && (risk.flags[i] >> bit) & 1) ids.push(id);
      });
      return ids.sort();
    };
    const clicked = nextSelect(map);
    cellAt(map, 0, 1).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const detail = (await clicked)!;
    expect([...detail.customers].sort()).toEqual(expected(0, 1));
    expect(detail.customers.length).toBe(heatmap.count[0][1]);
    cellAt(map, 1, 0).focus();
    const entered = nextSelect(map);
    cellAt(map, 1, 0).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect([...(await entered)!.customers].sort()).toEqual(expected(1, 0));
    await map.updateComplete;
    expect(cellAt(map, 1, 0).getAttribute('aria-selected')).toBe('true');
  });

  it('groups by value tier with localised tier names, and speaks zh-CN', async () => {
    const { text } = company(150, 48);
    const { map } = await loaded(text, 'mode="risk" group-by="tier" lang="zh-CN"');
    const text2 = shadow(map).textContent!;
    expect(text2).toContain('流失风险信号');
    expect(text2).toContain('战略伙伴');
    expect(text2).toContain('近期未登录');
    expect(cellAt(map, 0, 0).getAttribute('aria-label')).toMatch(/位客户中/);
  });

  it('says which table it needs when the feed has only orders', async () => {
    const url = await route('orders.csv', [{ body: ordersCsv(60, 3) }]);
    const map = mount(`<crm-feed src="${url}"><crm-churn-heatmap mode="risk"></crm-churn-heatmap></crm-feed>`).querySelector('crm-churn-heatmap')!;
    const state = await waitFor(() => shadow(map).querySelector('.state.unavailable'), 15000, 'needs state');
    expect(state.textContent).toMatch(/needs the customers table/);
    expect(await axeViolations(map)).toEqual([]);
  });

  it('keeps hostile ids and group names as text', async () => {
    const id = '<img src=x onerror=window.__xss=3>';
    const original = company(120, 49);
    const risk = engineRisk(original.dataset).risk;
    const victim = original.dataset.customerIds[risk.customers[risk.flags.findIndex((f) => f !== 0)]];
    type Row = { customer_id: string; segment: string };
    const data = JSON.parse(original.text) as Record<'customers' | 'orders' | 'events' | 'feedback', Row[]>;
    for (const rows of Object.values(data)) for (const r of rows) if (r.customer_id === victim) r.customer_id = id;
    for (const c of data.customers) if (c.segment === 'SMB') c.segment = '<b onmouseover=window.__xss=4>SMB</b>';
    const { map } = await loaded(JSON.stringify(data), 'mode="risk"');
    expect([...shadow(map).querySelectorAll('[part="column-label"]')].map((t) => t.textContent)).toContain('<b onmouseover=window.__xss=4>SMB</b>');
    const details: string[] = [];
    map.addEventListener('crm-select', (e) => e.detail && details.push(...e.detail.customers));
    for (const c of cells(map)) {
      c.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      c.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
    await waitFor(() => details.length > 0, 2000, 'selections');
    shadow(map).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await map.updateComplete;
    expect(shadow(map).querySelector('img, b')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
    expect(details).toContain(id);
  });
});
