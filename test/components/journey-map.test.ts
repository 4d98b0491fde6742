import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { journeyMap, STAGES, type JourneyMapResult } from '../../src/engine/analyses/lifecycle/index.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmJourneyMap } from '../../components/journey-map/journey-map.js';
import type { CrmSelectDetail } from '../../components/base/events.js';
import { axeViolations, cleanup, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

/** A small seeded sample company as feed text and as the engine's Dataset. */
function company(customers: number, seed: number) {
  const text = JSON.stringify(generateSampleCompany({ customers, seed, months: 12 }));
  return { text, dataset: ingestText(text).dataset };
}

function engine(dataset: ReturnType<typeof company>['dataset'], periods = 12) {
  const result = journeyMap(dataset, { stages: { periods } }) as JourneyMapResult & { available: true };
  const stageIds = (stage: string) => dataset.customerIds.filter((_, c) => result.current[c] === STAGES.indexOf(stage as never)).sort();
  return { result, stageIds };
}

async function loaded(body: string, attributes = '') {
  const url = await route('feed.json', [{ body }]);
  const root = mount(`<crm-feed src="${url}"><crm-journey-map ${attributes}></crm-journey-map></crm-feed>`);
  const map = root.querySelector('crm-journey-map') as CrmJourneyMap;
  await waitFor(() => shadow(map).querySelector('[data-item]'), 15000, 'journey items');
  return { root, map, feed: root.querySelector('crm-feed') as CrmFeed };
}

const stageRect = (m: Element, stage: string) => shadow(m).querySelector<SVGRectElement>(`rect.stage[data-stage="${stage}"]`)!;

function nextSelect(el: HTMLElement): Promise<CrmSelectDetail> {
  return new Promise((resolve) => el.addEventListener('crm-select', (e) => resolve(e.detail), { once: true }));
}

describe('<crm-journey-map>', () => {
  it('draws the engine\'s stage counts and the flows summed over the periods', async () => {
    const { text, dataset } = company(160, 71);
    const { map } = await loaded(text);
    const { result } = engine(dataset);
    const last = result.snapshots[result.snapshots.length - 1];
    for (const stage of STAGES) expect(Number(stageRect(map, stage).dataset.customers)).toBe(last.counts[stage]);
    // Every engine flow between different stages is drawn once, summed over the snapshots.
    const sums = new Map<string, number>();
    for (const f of result.flows) if (f.from !== f.to) sums.set(`${f.from}>${f.to}`, (sums.get(`${f.from}>${f.to}`) ?? 0) + f.customers);
    const drawn = new Map([...shadow(map).querySelectorAll<SVGPathElement>('path.flow, path.return')].map((p) => [`${p.dataset.from}>${p.dataset.to}`, Number(p.dataset.customers)]));
    expect(drawn).toEqual(sums);
    const acquired = [...sums].filter(([k]) => k.startsWith('acquired>')).reduce((s, [, v]) => s + v, 0);
    expect(Number(stageRect(map, 'new').dataset.inflow)).toBe([...sums].filter(([k]) => k.endsWith('>new')).reduce((s, [, v]) => s + v, 0));
    expect(shadow(map).querySelector('.stage-label')!.textContent).toBe(`Acquired · ${acquired}`);
  });

  it('marks pain points and draws the sentiment by stage', async () => {
    const { text, dataset } = company(200, 72);
    const { map } = await loaded(text);
    const { result } = engine(dataset);
    const tp = result.touchpoints as Extract<JourneyMapResult['touchpoints'], { available: true }>;
    expect(shadow(map).querySelectorAll('circle.touchpoint').length).toBe(tp.cells.length);
    expect(shadow(map).querySelectorAll('circle.touchpoint.pain').length).toBe(tp.cells.filter((c) => c.painPoint).length);
    const points = new Map([...shadow(map).querySelectorAll<SVGCircleElement>('circle.sentiment-point')].map((c) => [c.dataset.stage, Number(c.dataset.value)]));
    for (const s of tp.sentiment) {
      const column = s.stage === 'prospect' ? 'acquired' : s.stage;
      expect(points.get(column) ?? null).toBe(s.nps);
    }
  });

  it('selects a stage\'s customers on click and on Enter, moving with the arrows', async () => {
    const { text, dataset } = company(160, 73);
    const { map, feed } = await loaded(text);
    const { stageIds } = engine(dataset);
    const clicked = nextSelect(map);
    stageRect(map, 'mature').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const detail = (await clicked)!;
    expect(detail.key).toBe('stage:mature');
    expect([...detail.customers].sort()).toEqual(stageIds('mature'));
    expect(feed.selection?.key).toBe('stage:mature');
    const first = shadow(map).querySelector<SVGRectElement>('[data-item][tabindex="0"]')!;
    expect(shadow(map).querySelectorAll('[data-item][tabindex="0"]').length).toBe(1);
    first.focus();
    const key = (k: string) => (shadow(map).activeElement as SVGElement).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('Home');
    await waitFor(() => (shadow(map).activeElement as SVGRectElement | null)?.dataset.stage === 'new', 2000, 'first stage');
    key('ArrowRight');
    await waitFor(() => (shadow(map).activeElement as SVGRectElement | null)?.dataset.stage === 'growth', 2000, 'growth focused');
    const entered = nextSelect(map);
    key('Enter');
    expect([...(await entered)!.customers].sort()).toEqual(stageIds('growth'));
    const cleared = nextSelect(map);
    key('Escape');
    expect(await cleared).toBeNull();
  });

  it('shows the funnel with conversion rates and selects who reached a step', async () => {
    const { text, dataset } = company(160, 74);
    const { map } = await loaded(text, 'mode="funnel"');
    const { result } = engine(dataset);
    const funnel = result.funnel as Extract<JourneyMapResult['funnel'], { available: true }>;
    const bars = [...shadow(map).querySelectorAll<SVGRectElement>('rect.step')];
    expect(bars.map((b) => Number(b.dataset.customers))).toEqual(funnel.steps.map((s) => s.customers));
    const rates = [...shadow(map).querySelectorAll('.conversion')].map((t) => t.textContent);
    const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
    expect(rates).toEqual(funnel.steps.slice(1).map((s) => `↓ ${percent.format(s.fromPrevious)} converted`));
    bars[0].focus();
    bars[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await waitFor(() => (shadow(map).activeElement as SVGRectElement | null)?.dataset.step === '2', 2000, 'step 2 focused');
    const entered = nextSelect(map);
    (shadow(map).activeElement as SVGElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const detail = (await entered)!;
    expect(detail.key).toBe('step:2');
    expect([...detail.customers].sort()).toEqual(dataset.customerIds.filter((_, c) => funnel.reached[c] >= 2).sort());
  });

  it('follows the feed when it reloads', async () => {
    const a = company(90, 75);
    const b = company(140, 76);
    const url = await route('feed.json', [{ body: a.text }, { body: b.text }]);
    const root = mount(`<crm-feed src="${url}"><crm-journey-map></crm-journey-map></crm-feed>`);
    const map = root.querySelector('crm-journey-map')!;
    const drawn = () => STAGES.map((s) => stageRect(map, s)?.dataset.customers).join(',');
    const expected = (d: ReturnType<typeof company>) => {
      const r = engine(d.dataset).result;
      const last = r.snapshots[r.snapshots.length - 1];
      return STAGES.map((s) => last.counts[s]).join(',');
    };
    await waitFor(() => drawn() === expected(a), 15000, 'first data');
    await (root.querySelector('crm-feed') as CrmFeed).reload();
    await waitFor(() => drawn() === expected(b), 15000, 'reloaded data');
  });

  it('is axe-clean when loaded, empty and in error; table view, CSV, SVG', async () => {
    const { text } = company(100, 77);
    const { map } = await loaded(text);
    expect(await axeViolations(map)).toEqual([]);
    expect(map.toCsv()!.trim().split('\r\n')).toHaveLength(7);
    expect(map.toSvg()).toMatch(/^<svg/);
    shadow(map).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await map.updateComplete;
    expect(shadow(map).querySelectorAll('tbody tr').length).toBe(6);
    cleanup();
    const empty = mount('<crm-feed><crm-journey-map></crm-journey-map></crm-feed>').querySelector('crm-journey-map')!;
    await empty.updateComplete;
    expect(await axeViolations(empty)).toEqual([]);
    cleanup();
    const url = await route('gone.json', [{ status: 404 }]);
    const failing = mount(`<crm-feed src="${url}"><crm-journey-map></crm-journey-map></crm-feed>`).querySelector('crm-journey-map')!;
    await waitFor(() => shadow(failing).querySelector('[role="alert"]'), 8000, 'error');
    expect(await axeViolations(failing)).toEqual([]);
  });

  it('shows stages from orders alone and says touchpoints need events or feedback', async () => {
    const url = await route('orders.csv', [{ body: ordersCsv(80, 5) }]);
    const map = mount(`<crm-feed src="${url}"><crm-journey-map></crm-journey-map></crm-feed>`).querySelector('crm-journey-map')!;
    await waitFor(() => shadow(map).querySelector('[data-item]'), 15000, 'stages');
    expect(shadow(map).textContent).toMatch(/map events \(with a channel\) or feedback/);
    expect(shadow(map).querySelectorAll('circle.touchpoint').length).toBe(0);
  });

  it('speaks zh-CN', async () => {
    const { text } = company(100, 78);
    const { map } = await loaded(text, 'lang="zh-CN"');
    const all = shadow(map).textContent!;
    expect(all).toContain('客户旅程');
    expect(all).toContain('成熟期');
    expect(all).toContain('触点');
    expect(stageRect(map, 'new').getAttribute('aria-label')).toMatch(/^新客期：当前/);
  });

  it('keeps hostile ids and channel names as text', async () => {
    const id = '<img src=x onerror=window.__xss=6>';
    const base = company(120, 79);
    const { result } = engine(base.dataset);
    const index = result.current.findIndex((code) => code >= 0);
    const victim = base.dataset.customerIds[index];
    const stage = STAGES[result.current[index]];
    type Row = { customer_id: string; channel?: string };
    const data = JSON.parse(base.text) as Record<string, Row[]>;
    for (const rows of Object.values(data)) for (const r of rows) if (r.customer_id === victim) r.customer_id = id;
    for (const r of data.events) if (r.channel === 'chat') r.channel = '<svg onload=window.__xss=7>';
    const { map } = await loaded(JSON.stringify(data));
    expect([...shadow(map).querySelectorAll('.channel')].map((t) => t.textContent)).toContain('<svg onload=window.__xss=7>');
    const selected = nextSelect(map);
    stageRect(map, stage).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect((await selected)!.customers).toContain(id);
    shadow(map).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await map.updateComplete;
    expect(shadow(map).querySelector('img')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });
});
