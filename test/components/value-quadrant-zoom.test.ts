import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { valueTiers, type ValueTiersResult } from '../../src/engine/analyses/tiers/index.js';
import type { Dataset } from '../../src/engine/dataset/types.js';
import type { CrmValueQuadrant } from '../../components/value-quadrant/value-quadrant.js';
import type { CrmSelectDetail } from '../../components/base/events.js';
import { axeViolations, cleanup, mount, shadow, waitFor } from './helpers.js';
import { mulberry32 } from '../../src/engine/math/random.js';

afterEach(cleanup);

type Domain = CrmValueQuadrant['visibleDomain'];

/** Tiered scores of a Dataset straight from the engine, and the ids of the customers inside a score rectangle. */
function scores(dataset: Dataset) {
  const result = valueTiers(dataset, { potential: { source: 'field' } }) as ValueTiersResult & { available: true };
  const c = result.customers;
  const inside = (d: Domain) =>
    dataset.customerIds.filter((_, i) => c.tier[i] >= 0 && c.current[i] >= d.x0 && c.current[i] <= d.x1 && c.potential[i] >= d.y0 && c.potential[i] <= d.y1).sort();
  return { result, inside };
}

async function mounted(data: unknown, attributes = ''): Promise<CrmValueQuadrant> {
  const q = mount(`<crm-value-quadrant potential="field" ${attributes}></crm-value-quadrant>`).querySelector('crm-value-quadrant') as CrmValueQuadrant;
  q.data = data;
  await waitFor(() => shadow(q).querySelector('rect.quadrant'), 30000, 'quadrants');
  return q;
}

/** The plot area on screen (the listbox outline spans exactly the plot). */
const plotBox = (q: Element) => shadow(q).querySelector('rect.points-outline')!.getBoundingClientRect();

/** The score point under client coordinates (x, y), from the visible domain and the plot box. */
function scoreAt(q: CrmValueQuadrant, x: number, y: number): { x: number; y: number } {
  const box = plotBox(q);
  const d = q.visibleDomain;
  return { x: d.x0 + ((x - box.left) / box.width) * (d.x1 - d.x0), y: d.y0 + ((box.bottom - y) / box.height) * (d.y1 - d.y0) };
}

function pointer(q: Element, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  shadow(q).querySelector('svg.chart')!.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, pointerId: 1, ...init }));
}

const button = (q: Element, cls: string) => shadow(q).querySelector<HTMLButtonElement>(`.zoom button.${cls}`)!;
const same = (a: Domain, b: Domain) => Math.abs(a.x0 - b.x0) + Math.abs(a.x1 - b.x1) + Math.abs(a.y0 - b.y0) + Math.abs(a.y1 - b.y1) < 1e-9;
const settled = (q: CrmValueQuadrant, want: Domain, what: string) => waitFor(() => same(q.visibleDomain, want), 3000, what);

function nextSelect(el: HTMLElement): Promise<CrmSelectDetail> {
  return new Promise((resolve) => el.addEventListener('crm-select', (e) => resolve(e.detail), { once: true }));
}

function company(customers: number, seed: number) {
  const data = generateSampleCompany({ customers, seed, months: 12 });
  return { data, dataset: ingestText(JSON.stringify(data)).dataset };
}

describe('<crm-value-quadrant> zoom and pan', () => {
  it('zooms in with the button to a smaller visible domain, draws only the points inside it, and resets', async () => {
    const { data, dataset } = company(200, 71);
    const { inside, result } = scores(dataset);
    const q = await mounted(data);
    expect(q.visibleDomain).toEqual({ x0: 0, x1: 100, y0: 0, y1: 100 });
    expect(button(q, 'zoom-reset').disabled).toBe(true);
    button(q, 'zoom-in').click();
    const zoomed = { x0: 25, x1: 75, y0: 25, y1: 75 };
    await settled(q, zoomed, 'zoomed about the centre');
    await q.updateComplete;
    expect(shadow(q).querySelectorAll('circle.point').length).toBe(inside(zoomed).length);
    expect(inside(zoomed).length).toBeLessThan(result.totals.customers);
    const ticks = [...shadow(q).querySelectorAll('text.tick:not(.y)')].map((t) => Number(t.textContent));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(75);
    expect(shadow(q).querySelector('.zoom-level')!.textContent).toBe('Zoom 2×: current 25–75, potential 25–75');
    expect(await axeViolations(q)).toEqual([]);
    button(q, 'zoom-reset').click();
    await settled(q, { x0: 0, x1: 100, y0: 0, y1: 100 }, 'reset');
    await q.updateComplete;
    expect(shadow(q).querySelectorAll('circle.point').length).toBe(result.totals.customers);
    expect(shadow(q).querySelector('.zoom-level')!.textContent).toBe('Zoom 1×: current 0–100, potential 0–100');
  });

  it('zooms about the pointer with Ctrl + wheel (or a pinch): the score under the pointer stays put', async () => {
    const { data } = company(120, 72);
    const q = await mounted(data);
    const box = plotBox(q);
    // Whole pixels: a WheelEvent's clientX/clientY are integers.
    const [px, py] = [Math.round(box.left + box.width * 0.3), Math.round(box.top + box.height * 0.6)];
    const before = scoreAt(q, px, py);
    const wheel = new WheelEvent('wheel', { clientX: px, clientY: py, deltaY: -200, ctrlKey: true, bubbles: true, cancelable: true });
    shadow(q).querySelector('svg.chart')!.dispatchEvent(wheel);
    expect(wheel.defaultPrevented).toBe(true);
    await q.updateComplete;
    const d = q.visibleDomain;
    expect(d.x1 - d.x0).toBeLessThan(100);
    const after = scoreAt(q, px, py);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
  });

  it('leaves a plain wheel to the page: no zoom, and the page may scroll', async () => {
    const { data } = company(120, 72);
    const q = await mounted(data);
    const box = plotBox(q);
    const wheel = new WheelEvent('wheel', { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, deltaY: -200, bubbles: true, cancelable: true });
    shadow(q).querySelector('svg.chart')!.dispatchEvent(wheel);
    await q.updateComplete;
    expect(wheel.defaultPrevented).toBe(false);
    expect(q.visibleDomain).toEqual({ x0: 0, x1: 100, y0: 0, y1: 100 });
  });

  it('brushes under zoom and pan: selects exactly the customers in the brushed score rectangle', async () => {
    const { data, dataset } = company(400, 73);
    const { inside } = scores(dataset);
    const q = await mounted(data);
    const list = shadow(q).querySelector<SVGGElement>('[role="listbox"]')!;
    const key = (k: string, shiftKey = false) => list.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));
    key('+');
    await settled(q, { x0: 25, x1: 75, y0: 25, y1: 75 }, 'zoom key');
    key('ArrowRight', true);
    await settled(q, { x0: 30, x1: 80, y0: 25, y1: 75 }, 'shift+arrow pan');
    // Shift+drag pans: 20% of the plot to the left moves the view 10 score units right.
    let box = plotBox(q);
    pointer(q, 'pointerdown', box.left + box.width * 0.5, box.top + box.height * 0.5, { shiftKey: true });
    pointer(q, 'pointermove', box.left + box.width * 0.3, box.top + box.height * 0.5, { shiftKey: true });
    pointer(q, 'pointerup', box.left + box.width * 0.3, box.top + box.height * 0.5, { shiftKey: true });
    await q.updateComplete;
    const d = q.visibleDomain;
    expect(d.x0).toBeCloseTo(40, 6);
    expect(d.x1).toBeCloseTo(90, 6);
    expect(shadow(q).querySelector('rect.brush')).toBeNull();
    box = plotBox(q);
    const [ax, ay, bx, by] = [box.left + box.width * 0.12, box.top + box.height * 0.2, box.left + box.width * 0.81, box.top + box.height * 0.93];
    const a = scoreAt(q, ax, ay);
    const b = scoreAt(q, bx, by);
    const rect = { x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x), y0: Math.min(a.y, b.y), y1: Math.max(a.y, b.y) };
    const expected = inside(rect);
    expect(expected.length).toBeGreaterThan(3);
    const brushed = nextSelect(q);
    pointer(q, 'pointerdown', ax, ay);
    pointer(q, 'pointermove', bx, by);
    await waitFor(() => shadow(q).querySelector('rect.brush'), 2000, 'brush drawn');
    pointer(q, 'pointerup', bx, by);
    const detail = (await brushed)!;
    expect([...detail.customers].sort()).toEqual(expected);
  });

  it('clicks the point under the pointer at 8x zoom, and pan mode drags instead of brushing', async () => {
    const { data, dataset } = company(300, 74);
    const { result } = scores(dataset);
    const q = await mounted(data);
    q.zoomBy(8, { x: 50, y: 50 });
    await settled(q, { x0: 43.75, x1: 56.25, y0: 43.75, y1: 56.25 }, 'zoomBy');
    await q.updateComplete;
    const circle = await waitFor(() => shadow(q).querySelector('circle.point'), 2000, 'a visible point');
    const c = circle.getBoundingClientRect();
    const [cx, cy] = [c.left + c.width / 2, c.top + c.height / 2];
    const at = scoreAt(q, cx, cy);
    const clicked = nextSelect(q);
    pointer(q, 'pointerdown', cx, cy);
    pointer(q, 'pointerup', cx, cy);
    const id = (await clicked)!.customers[0];
    const i = dataset.customerIds.indexOf(id);
    // Within a pixel or two at 8x: 1 px is 12.5 / plot width score units.
    const unit = 12.5 / plotBox(q).width;
    expect(Math.abs(result.customers.current[i] - at.x)).toBeLessThan(3 * unit);
    expect(Math.abs(result.customers.potential[i] - at.y)).toBeLessThan(3 * unit * (plotBox(q).width / plotBox(q).height));
    button(q, 'pan-mode').click();
    await q.updateComplete;
    expect(button(q, 'pan-mode').getAttribute('aria-pressed')).toBe('true');
    const box = plotBox(q);
    pointer(q, 'pointerdown', box.left + 10, box.top + 10);
    pointer(q, 'pointermove', box.left + 10 + box.width / 4, box.top + 10);
    await q.updateComplete;
    expect(shadow(q).querySelector('rect.brush')).toBeNull();
    pointer(q, 'pointerup', box.left + 10 + box.width / 4, box.top + 10);
    expect(q.visibleDomain.x0).toBeCloseTo(43.75 - 12.5 / 4, 6);
  });

  it('animates a button zoom, and jumps straight there under prefers-reduced-motion', async () => {
    const { data } = company(80, 76);
    const animated = await mounted(data);
    animated.zoomBy(2);
    expect(animated.visibleDomain).toEqual({ x0: 0, x1: 100, y0: 0, y1: 100 });
    await settled(animated, { x0: 25, x1: 75, y0: 25, y1: 75 }, 'animated zoom');
    cleanup();
    const real = window.matchMedia;
    const reduced = { matches: true, media: '(prefers-reduced-motion: reduce)', addEventListener() {}, removeEventListener() {} } as unknown as MediaQueryList;
    window.matchMedia = (query: string) => (/prefers-reduced-motion/.test(query) ? reduced : real.call(window, query));
    try {
      const still = await mounted(data);
      still.zoomBy(2);
      expect(still.visibleDomain).toEqual({ x0: 25, x1: 75, y0: 25, y1: 75 });
      still.resetZoom();
      expect(still.visibleDomain).toEqual({ x0: 0, x1: 100, y0: 0, y1: 100 });
    } finally {
      window.matchMedia = real;
    }
  });

  it('keeps zoom inside the score square and at most 64x', async () => {
    const { data } = company(60, 75);
    const q = await mounted(data);
    for (let i = 0; i < 10; i++) q.zoomBy(2, { x: 99, y: 1 });
    await waitFor(() => q.visibleDomain.x1 - q.visibleDomain.x0 < 1.6, 3000, 'deep zoom');
    await new Promise((r) => setTimeout(r, 250));
    const d = q.visibleDomain;
    expect(d.x1 - d.x0).toBeCloseTo(100 / 64, 9);
    expect(d.x1).toBeLessThanOrEqual(100);
    expect(d.y0).toBeGreaterThanOrEqual(0);
    await q.updateComplete;
    expect(button(q, 'zoom-in').disabled).toBe(true);
  });

  it('at 100,000 customers: canvas zooms, pans and hovers through the grid index', async () => {
    const n = 100_000;
    const random = mulberry32(99);
    const orders: (string | number)[][] = [['customer_id', 'date', 'amount']];
    const attrs: (string | number)[][] = [['customer_id', 'potential']];
    for (let i = 0; i < n; i++) {
      const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`;
      const amount = Math.round(10 + 1000 * random());
      const potential = Math.round(5000 * random());
      orders.push([`K${i}`, day, amount]);
      attrs.push([`K${i}`, potential]);
    }
    const dataset = ingestText(JSON.stringify({ orders: orders.slice(1).map(([customer_id, date, amount]) => ({ customer_id, date, amount })), customers: attrs.slice(1).map(([customer_id, potential]) => ({ customer_id, potential })) })).dataset;
    const { result, inside } = scores(dataset);
    const q = await mounted({ orders, customers: attrs });
    await waitFor(() => shadow(q).querySelector('canvas.points'), 30000, 'canvas');
    const canvas = shadow(q).querySelector<HTMLCanvasElement>('canvas.points')!;
    const pixels = () => canvas.toDataURL();
    const full = pixels();
    let box = plotBox(q);
    shadow(q).querySelector('svg.chart')!.dispatchEvent(new WheelEvent('wheel', { clientX: box.left + box.width * 0.7, clientY: box.top + box.height * 0.3, deltaY: -700, ctrlKey: true, bubbles: true, cancelable: true }));
    await q.updateComplete;
    const zoomed = q.visibleDomain;
    expect(zoomed.x1 - zoomed.x0).toBeLessThan(30);
    expect(pixels()).not.toBe(full);
    box = plotBox(q);
    pointer(q, 'pointerdown', box.left + box.width / 2, box.top + box.height / 2, { shiftKey: true });
    pointer(q, 'pointermove', box.left + box.width / 2 + 50, box.top + box.height / 2 - 40, { shiftKey: true });
    pointer(q, 'pointerup', box.left + box.width / 2 + 50, box.top + box.height / 2 - 40, { shiftKey: true });
    await q.updateComplete;
    const panned = q.visibleDomain;
    expect(panned.x0).toBeLessThan(zoomed.x0);
    expect(panned.y0).toBeLessThan(zoomed.y0);
    const [hx, hy] = [box.left + box.width * 0.4, box.top + box.height * 0.6];
    pointer(q, 'pointermove', hx, hy);
    const tip = await waitFor(() => shadow(q).querySelector('.tooltip-id'), 4000, 'tooltip');
    const i = dataset.customerIds.indexOf(tip.textContent!);
    const at = scoreAt(q, hx, hy);
    // The hovered customer is within the 6 px hit radius of the pointer.
    expect(Math.abs(result.customers.current[i] - at.x)).toBeLessThanOrEqual((6 / box.width) * (panned.x1 - panned.x0) + 1e-4);
    expect(Math.abs(result.customers.potential[i] - at.y)).toBeLessThanOrEqual((6 / box.height) * (panned.y1 - panned.y0) + 1e-4);
    const [ax, ay, bx, by] = [box.left + box.width * 0.1, box.top + box.height * 0.1, box.left + box.width * 0.45, box.top + box.height * 0.5];
    const a = scoreAt(q, ax, ay);
    const b = scoreAt(q, bx, by);
    const expected = inside({ x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x), y0: Math.min(a.y, b.y), y1: Math.max(a.y, b.y) });
    const brushed = nextSelect(q);
    pointer(q, 'pointerdown', ax, ay);
    pointer(q, 'pointermove', bx, by);
    pointer(q, 'pointerup', bx, by);
    expect([...(await brushed)!.customers].sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(n / 20);
  });
});
