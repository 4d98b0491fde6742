import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { valueTiers, type ValueTierOptions, type ValueTiersResult } from '../../src/engine/analyses/tiers/index.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmValueQuadrant } from '../../components/value-quadrant/value-quadrant.js';
import type { CrmSelectDetail } from '../../components/base/events.js';
import { axeViolations, cleanup, mount, route, shadow, waitFor } from './helpers.js';
import { mulberry32 } from '../../src/engine/math/random.js';

afterEach(cleanup);

/** A small seeded sample company as feed text and as the engine's Dataset. */
function company(customers: number, seed: number) {
  const text = JSON.stringify(generateSampleCompany({ customers, seed, months: 12 }));
  return { text, dataset: ingestText(text).dataset };
}

function engine(dataset: ReturnType<typeof company>['dataset'], options: ValueTierOptions = {}) {
  const result = valueTiers(dataset, { potential: { source: 'field' }, ...options }) as ValueTiersResult & { available: true };
  const idsWhere = (keep: (c: number) => boolean) => dataset.customerIds.filter((_, c) => result.customers.tier[c] >= 0 && keep(c)).sort();
  return { result, idsWhere };
}

async function loaded(body: string, attributes = 'potential="field"') {
  const url = await route('feed.json', [{ body }]);
  const root = mount(`<crm-feed src="${url}"><crm-value-quadrant ${attributes}></crm-value-quadrant></crm-feed>`);
  const quadrant = root.querySelector('crm-value-quadrant') as CrmValueQuadrant;
  await waitFor(() => shadow(quadrant).querySelector('rect.quadrant'), 15000, 'quadrants');
  return { root, quadrant, feed: root.querySelector('crm-feed') as CrmFeed };
}

const tierRect = (q: Element, tier: string) => shadow(q).querySelector<SVGRectElement>(`rect.quadrant[data-tier="${tier}"]`)!;

function nextSelect(el: HTMLElement): Promise<CrmSelectDetail> {
  return new Promise((resolve) => el.addEventListener('crm-select', (e) => resolve(e.detail), { once: true }));
}

/** Pointer events on the plot at client coordinates. */
function pointer(q: Element, type: string, x: number, y: number): void {
  shadow(q).querySelector('svg.chart')!.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, pointerId: 1 }));
}

describe('<crm-value-quadrant>', () => {
  it('names the four tiers with the engine\'s counts and value shares, one point per tiered customer', async () => {
    const { text, dataset } = company(160, 51);
    const { quadrant } = await loaded(text);
    const { result } = engine(dataset);
    const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    for (const s of result.tiers) {
      const rect = tierRect(quadrant, s.tier);
      expect(Number(rect.dataset.customers)).toBe(s.customers);
      expect(rect.getAttribute('aria-label')).toContain(`${percent.format(s.valueShare!)} of current value`);
    }
    expect(shadow(quadrant).querySelectorAll('circle.point').length).toBe(result.totals.customers);
    const names = [...shadow(quadrant).querySelectorAll('.tier-name')].map((t) => t.textContent);
    expect(names.sort()).toEqual(['Basic', 'Growth', 'Profit', 'Strategic partner']);
    expect(shadow(quadrant).querySelector('canvas')).toBeNull();
  });

  it('takes weights and thresholds as attributes, and draws on a canvas above the threshold', async () => {
    const { text, dataset } = company(160, 52);
    const { quadrant } = await loaded(text, 'potential="field" weights="1,1" thresholds="30,70" canvas-threshold="50"');
    const { result } = engine(dataset, { weights: { current: 1, potential: 1 }, thresholds: { current: 30, potential: 70 } });
    for (const s of result.tiers) expect(Number(tierRect(quadrant, s.tier).dataset.customers)).toBe(s.customers);
    expect(shadow(quadrant).querySelector('.meta')!.textContent).toMatch(/0\.5 × current \+ 0\.5 × potential/);
    expect(shadow(quadrant).querySelector('canvas.points')).not.toBeNull();
    expect(shadow(quadrant).querySelectorAll('circle.point').length).toBe(0);
    const svgText = quadrant.toSvg()!;
    expect(svgText).toMatch(/<image [^>]*href="data:image\/png;base64,/);
    expect((await quadrant.toPng())?.type).toBe('image/png');
  });

  it('selects a tier on Enter and moves between tiers with the arrows', async () => {
    const { text, dataset } = company(160, 53);
    const { quadrant, feed } = await loaded(text);
    const { idsWhere, result } = engine(dataset);
    const first = shadow(quadrant).querySelector<SVGRectElement>('rect.quadrant[tabindex="0"]')!;
    expect(first.dataset.tier).toBe('growth');
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await waitFor(() => (shadow(quadrant).activeElement as SVGRectElement | null)?.dataset.tier === 'strategic', 2000, 'strategic focused');
    const selected = nextSelect(quadrant);
    (shadow(quadrant).activeElement as SVGElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const detail = (await selected)!;
    expect(detail.key).toBe('tier:strategic');
    expect([...detail.customers].sort()).toEqual(idsWhere((c) => result.customers.tier[c] === 0));
    expect(feed.selection?.key).toBe('tier:strategic');
    await quadrant.updateComplete;
    expect(tierRect(quadrant, 'strategic').getAttribute('aria-selected')).toBe('true');
  });

  it('moves through points with the arrows and selects one with Enter', async () => {
    const { text, dataset } = company(160, 54);
    const { quadrant } = await loaded(text);
    const { result } = engine(dataset);
    const list = shadow(quadrant).querySelector<SVGGElement>('[role="listbox"]')!;
    list.focus();
    const key = (k: string) => list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    await quadrant.updateComplete;
    const option = () => shadow(quadrant).querySelector<SVGCircleElement>('#active-point')!;
    const top = option().dataset.customer!;
    const score = (id: string) => result.customers.current[dataset.customerIds.indexOf(id)];
    const scores = dataset.customerIds.map((_, c) => result.customers.current[c]).filter((v) => !Number.isNaN(v));
    expect(score(top)).toBe(Math.max(...scores));
    expect(list.getAttribute('aria-activedescendant')).toBe('active-point');
    key('ArrowLeft');
    await quadrant.updateComplete;
    const next = option().dataset.customer!;
    expect(score(next)).toBeLessThanOrEqual(score(top));
    expect(option().getAttribute('aria-label')).toContain(next);
    expect(shadow(quadrant).querySelector('.tooltip')!.textContent).toContain(next);
    const selected = nextSelect(quadrant);
    key('Enter');
    expect((await selected)!.customers).toEqual([next]);
  });

  it('selects the point under a click, and the customers inside a brushed rectangle', async () => {
    const { text, dataset } = company(160, 55);
    const { quadrant } = await loaded(text);
    const { result, idsWhere } = engine(dataset);
    const circle = shadow(quadrant).querySelector('circle.point')!.getBoundingClientRect();
    const cx = circle.left + circle.width / 2;
    const cy = circle.top + circle.height / 2;
    const clicked = nextSelect(quadrant);
    pointer(quadrant, 'pointerdown', cx, cy);
    pointer(quadrant, 'pointerup', cx, cy);
    const one = (await clicked)!;
    expect(one.customers).toHaveLength(1);
    expect(one.key).toBe(`customer:${one.customers[0]}`);
    // Brush from current score 50.3 at the top edge to past the bottom-right corner: current 50.3-100, potential 0-100.
    const top = tierRect(quadrant, 'strategic').getBoundingClientRect();
    const left = tierRect(quadrant, 'growth').getBoundingClientRect().left;
    const bottom = tierRect(quadrant, 'profit').getBoundingClientRect().bottom;
    const x = left + 0.503 * (top.right - left);
    const brushed = nextSelect(quadrant);
    pointer(quadrant, 'pointerdown', x, top.top - 2);
    pointer(quadrant, 'pointermove', top.right - 20, bottom - 20);
    await waitFor(() => shadow(quadrant).querySelector('rect.brush'), 2000, 'brush drawn');
    pointer(quadrant, 'pointerup', top.right + 5, bottom + 5);
    const area = (await brushed)!;
    expect(area.key).toMatch(/^brush:/);
    expect([...area.customers].sort()).toEqual(idsWhere((c) => result.customers.current[c] >= 50.3));
    expect(shadow(quadrant).querySelector('rect.brush')).toBeNull();
  });

  it('dims the points outside another view\'s selection and counts the selected per tier', async () => {
    const { text, dataset } = company(160, 56);
    const { quadrant } = await loaded(text);
    const { result } = engine(dataset);
    const chosen = dataset.customerIds.filter((_, c) => result.customers.tier[c] === 3).slice(0, 5);
    quadrant.feedHandle!.select({ customers: chosen, source: 'crm-rfm-grid', key: 'cell:1-1' });
    await waitFor(() => shadow(quadrant).querySelectorAll('circle.point:not(.dim)').length === chosen.length, 2000, 'highlight');
    expect(tierRect(quadrant, 'basic').getAttribute('aria-label')).toMatch(/\(5\)$/);
  });

  it('on the canvas, selected points are drawn on top: all selected looks as none, none selected dims all', async () => {
    const { text, dataset } = company(160, 59);
    const { quadrant } = await loaded(text, 'potential="field" canvas-threshold="50"');
    const { idsWhere } = engine(dataset);
    const canvas = shadow(quadrant).querySelector<HTMLCanvasElement>('canvas.points')!;
    const drawnWith = async (customers: string[] | null) => {
      quadrant.feedHandle!.select(customers && { customers, source: 'crm-rfm-grid', key: `cell:${customers.length}` });
      await quadrant.updateComplete;
      return canvas.toDataURL();
    };
    const plain = await drawnWith(null);
    const everyone = idsWhere(() => true);
    // every point selected: each tier's squares at full opacity, as without a selection
    expect(await drawnWith(everyone)).toBe(plain);
    const nobody = await drawnWith(['not-a-customer']);
    expect(nobody).not.toBe(plain);
    const half = await drawnWith(everyone.filter((_, i) => i % 2 === 0));
    expect(new Set([plain, nobody, half]).size).toBe(3);
    expect(await drawnWith(null)).toBe(plain);
  });

  it('follows the feed when it reloads', async () => {
    const a = company(90, 57);
    const b = company(140, 58);
    const url = await route('feed.json', [{ body: a.text }, { body: b.text }]);
    const root = mount(`<crm-feed src="${url}"><crm-value-quadrant potential="field"></crm-value-quadrant></crm-feed>`);
    const quadrant = root.querySelector('crm-value-quadrant')!;
    const drawn = () => ['strategic', 'growth', 'profit', 'basic'].map((t) => tierRect(quadrant, t)?.dataset.customers).join(',');
    const expected = (d: ReturnType<typeof company>) => engine(d.dataset).result.tiers.map((t) => t.customers).join(',');
    await waitFor(() => drawn() === expected(a), 15000, 'first data');
    await (root.querySelector('crm-feed') as CrmFeed).reload();
    await waitFor(() => drawn() === expected(b), 15000, 'reloaded data');
  });

  it('is axe-clean when loaded, empty and in error; has a table view and CSV', async () => {
    const { text } = company(100, 59);
    const { quadrant } = await loaded(text);
    expect(await axeViolations(quadrant)).toEqual([]);
    expect(quadrant.toCsv()!.trim().split('\r\n')).toHaveLength(5);
    shadow(quadrant).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await quadrant.updateComplete;
    expect(shadow(quadrant).querySelectorAll('tbody tr').length).toBe(4);
    cleanup();
    const empty = mount('<crm-feed><crm-value-quadrant></crm-value-quadrant></crm-feed>').querySelector('crm-value-quadrant')!;
    await empty.updateComplete;
    expect(shadow(empty).textContent).toMatch(/No data to show yet/);
    expect(await axeViolations(empty)).toEqual([]);
    cleanup();
    const url = await route('gone.json', [{ status: 500 }]);
    const failing = mount(`<crm-feed src="${url}" retries="0"><crm-value-quadrant></crm-value-quadrant></crm-feed>`).querySelector('crm-value-quadrant')!;
    await waitFor(() => shadow(failing).querySelector('[role="alert"]'), 8000, 'error');
    expect(await axeViolations(failing)).toEqual([]);
  });

  it('says what it needs when the potential field is missing', async () => {
    const url = await route('orders.csv', [{ body: 'customer_id,date,amount\nA,2024-01-02,10\nB,2024-02-03,20\n' }]);
    const q = mount(`<crm-feed src="${url}"><crm-value-quadrant potential="field"></crm-value-quadrant></crm-feed>`).querySelector('crm-value-quadrant')!;
    const state = await waitFor(() => shadow(q).querySelector('.state.unavailable'), 15000, 'needs state');
    expect(state.textContent).toMatch(/needs the customers table/);
  });

  it('speaks zh-CN and takes tier names from labels', async () => {
    const { text } = company(100, 60);
    const { quadrant } = await loaded(text, `potential="field" lang="zh-CN" labels='{"tier.basic":"<i>Long tail</i>"}'`);
    const all = shadow(quadrant).textContent!;
    expect(all).toContain('价值象限');
    expect(all).toContain('战略伙伴');
    expect(all).toContain('成长型');
    expect(all).toContain('<i>Long tail</i>');
    expect(shadow(quadrant).querySelector('i')).toBeNull();
  });

  it('keeps a hostile customer id as text in the tooltip and the selection', async () => {
    const id = '<img src=x onerror=window.__xss=5>';
    const base = company(100, 61);
    const { result } = engine(base.dataset);
    const victim = base.dataset.customerIds[result.customers.current.indexOf(Math.max(...result.customers.current.filter((v) => !Number.isNaN(v))))];
    type Row = { customer_id: string };
    const data = JSON.parse(base.text) as Record<string, Row[]>;
    for (const rows of Object.values(data)) for (const r of rows) if (r.customer_id === victim) r.customer_id = id;
    const { quadrant } = await loaded(JSON.stringify(data));
    const list = shadow(quadrant).querySelector<SVGGElement>('[role="listbox"]')!;
    list.focus();
    const key = (k: string) => list.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('End');
    await quadrant.updateComplete;
    expect(shadow(quadrant).querySelector('.tooltip-id')!.textContent).toBe(id);
    const selected = nextSelect(quadrant);
    key('Enter');
    expect((await selected)!.customers).toEqual([id]);
    expect(shadow(quadrant).querySelector('img')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('stays interactive with 100,000 customers: canvas points, grid hit-testing, brush', async () => {
    const n = 100_000;
    const orders: (string | number)[][] = [['customer_id', 'date', 'amount']];
    const customers: (string | number)[][] = [['customer_id', 'potential']];
    // Scattered, not a lattice, so every area of the plot holds points.
    const random = mulberry32(12345);
    for (let i = 0; i < n; i++) {
      const id = `K${i}`;
      orders.push([id, `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`, Math.round(10 + 1000 * random())]);
      customers.push([id, Math.round(5000 * random())]);
    }
    const root = mount('<crm-value-quadrant potential="field"></crm-value-quadrant>');
    const quadrant = root.querySelector('crm-value-quadrant') as CrmValueQuadrant;
    quadrant.data = { orders, customers };
    await waitFor(() => shadow(quadrant).querySelector('canvas.points'), 30000, 'canvas');
    expect(Number(tierRect(quadrant, 'strategic').dataset.customers) + Number(tierRect(quadrant, 'basic').dataset.customers) + Number(tierRect(quadrant, 'growth').dataset.customers) + Number(tierRect(quadrant, 'profit').dataset.customers)).toBe(n);
    const plot = tierRect(quadrant, 'strategic').getBoundingClientRect();
    pointer(quadrant, 'pointermove', plot.left + plot.width / 2, plot.top + plot.height / 2);
    const tip = await waitFor(() => shadow(quadrant).querySelector('.tooltip-id'), 4000, 'tooltip');
    expect(tip.textContent).toMatch(/^K\d+$/);
    const brushed = nextSelect(quadrant);
    pointer(quadrant, 'pointerdown', plot.left + 2, plot.top + 2);
    pointer(quadrant, 'pointermove', plot.left + 40, plot.top + 40);
    pointer(quadrant, 'pointerup', plot.left + 40, plot.top + 40);
    const detail = (await brushed)!;
    expect(detail.customers.length).toBeGreaterThan(0);
    expect(detail.customers.length).toBeLessThan(n / 10);
  });
});
