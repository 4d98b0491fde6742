import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { kpis, type KpiResult, type KpiValue } from '../../src/engine/analyses/kpis/index.js';
import type { CrmKpiTiles } from '../../components/kpi-tiles/kpi-tiles.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import { axeViolations, cleanup, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

const METRICS = 'active-customers,revenue,retention-rate,churn-rate,repeat-purchase-rate,average-order-value,nps';

async function loadedTiles(csv: string, attributes = `metrics="${METRICS}"`, feedAttributes = '') {
  const url = await route('orders.csv', [{ body: csv }]);
  const root = mount(`<crm-feed src="${url}" ${feedAttributes}><crm-kpi-tiles ${attributes}></crm-kpi-tiles></crm-feed>`);
  const tiles = root.querySelector('crm-kpi-tiles') as CrmKpiTiles;
  await waitFor(() => shadow(tiles).querySelector('li.tile'), 8000, 'tiles');
  return { root, tiles, feed: root.querySelector('crm-feed') as CrmFeed };
}

const tile = (el: Element, id: string) => shadow(el).querySelector<HTMLElement>(`li.tile[data-metric="${id}"]`)!;

function engineKpis(csv: string, period: 'month' | 'quarter' | 'year' = 'month'): Map<string, KpiResult['kpis'][number]> {
  return new Map(kpis(ingestText(csv).dataset, { period }).kpis.map((k) => [k.id, k]));
}

describe('<crm-kpi-tiles>', () => {
  it('shows the engine values for the chosen metrics, in order', async () => {
    const csv = ordersCsv(150, 21);
    const { tiles } = await loadedTiles(csv);
    const expected = engineKpis(csv);
    const shown = [...shadow(tiles).querySelectorAll<HTMLElement>('li.tile')].map((t) => t.dataset.metric);
    expect(shown).toEqual(METRICS.split(','));
    for (const id of ['active-customers', 'revenue', 'retention-rate', 'churn-rate', 'repeat-purchase-rate', 'average-order-value']) {
      const k = expected.get(id) as KpiValue;
      expect(k.available).toBe(true);
      const value = tile(tiles, id).querySelector<HTMLElement>('.value')!.dataset.value;
      expect(value === '' ? null : Number(value)).toBe(k.value);
    }
    const active = expected.get('active-customers') as KpiValue;
    expect(tile(tiles, 'active-customers').querySelector('.value')!.textContent!.trim()).toBe(new Intl.NumberFormat('en').format(active.value!));
  });

  it('colours change by direction: a rise is good for retention and bad for churn', async () => {
    const csv = ordersCsv(150, 22);
    const { tiles } = await loadedTiles(csv);
    const expected = engineKpis(csv);
    let checked = 0;
    for (const id of METRICS.split(',')) {
      const k = expected.get(id);
      if (!k?.available || k.change === null || k.change === 0) continue;
      const good = (k.change > 0) === (k.direction === 'higher-is-better');
      expect(tile(tiles, id).querySelector<HTMLElement>('.change')!.dataset.tone).toBe(good ? 'better' : 'worse');
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
    const churn = expected.get('churn-rate') as KpiValue;
    const retention = expected.get('retention-rate') as KpiValue;
    if (churn.change && retention.change) {
      // Churn and retention move in opposite directions, and both tiles call the same news the same way.
      expect(tile(tiles, 'churn-rate').querySelector<HTMLElement>('.change')!.dataset.tone).toBe(
        tile(tiles, 'retention-rate').querySelector<HTMLElement>('.change')!.dataset.tone,
      );
    }
  });

  it('says why a metric is unavailable, draws sparklines and shows its definition on focus', async () => {
    const csv = ordersCsv(150, 23);
    const { tiles } = await loadedTiles(csv);
    const nps = tile(tiles, 'nps');
    expect(nps.querySelector('.value')!.textContent).toMatch(/Not available/);
    expect(nps.querySelector('.reason')!.textContent).toMatch(/needs the feedback table/);
    expect(tile(tiles, 'revenue').querySelector('svg.spark path')!.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    const definition = tile(tiles, 'churn-rate').querySelector<HTMLElement>('.definition')!;
    expect(getComputedStyle(definition).display).toBe('none');
    tile(tiles, 'churn-rate').focus();
    expect(getComputedStyle(definition).display).toBe('block');
    expect(definition.textContent).toMatch(/no longer active/);
  });

  it('shows targets with their status', async () => {
    const csv = ordersCsv(150, 24);
    const expected = engineKpis(csv);
    const churn = (expected.get('churn-rate') as KpiValue).value!;
    const revenue = (expected.get('revenue') as KpiValue).value!;
    const { tiles } = await loadedTiles(csv, `metrics="churn,revenue" targets='{"churn": ${churn + 0.05}, "revenue": ${revenue * 2}}'`);
    expect(tile(tiles, 'churn-rate').querySelector('.target')!.classList.contains('met')).toBe(true);
    expect(tile(tiles, 'revenue').querySelector('.target')!.classList.contains('missed')).toBe(true);
  });

  it('updates when the feed refreshes', async () => {
    const first = ordersCsv(60, 25);
    const second = ordersCsv(140, 26);
    const url = await route('orders.csv', [{ body: first }, { body: second }]);
    const root = mount(`<crm-feed src="${url}" refresh="0.3"><crm-kpi-tiles metrics="customers"></crm-kpi-tiles></crm-feed>`);
    const tiles = root.querySelector('crm-kpi-tiles')!;
    const valueOf = () => tile(tiles, 'active-customers')?.querySelector<HTMLElement>('.value')?.dataset.value;
    const a = (engineKpis(first).get('active-customers') as KpiValue).value;
    const b = (engineKpis(second).get('active-customers') as KpiValue).value;
    expect(a).not.toBe(b);
    await waitFor(() => valueOf() === String(a), 8000, 'first value');
    await waitFor(() => valueOf() === String(b), 8000, 'refreshed value');
  });

  it('formats for zh-CN with its labels', async () => {
    const csv = ordersCsv(150, 27);
    const { tiles } = await loadedTiles(csv, 'metrics="revenue,retention" lang="zh-CN" currency="CNY"');
    const revenue = (engineKpis(csv).get('revenue') as KpiValue).value!;
    expect(shadow(tiles).textContent).toContain('关键指标');
    expect(tile(tiles, 'revenue').querySelector('.name')!.textContent).toBe('收入');
    const expected = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', maximumFractionDigits: Math.abs(revenue) >= 1000 ? 0 : 2 }).format(revenue);
    expect(tile(tiles, 'revenue').querySelector('.value')!.textContent!.trim()).toBe(expected);
    expect(tile(tiles, 'retention-rate').querySelector('.change')!.textContent).toMatch(/个百分点|无上一周期/);
  });

  it('is axe-clean and keyboard reachable', async () => {
    const csv = ordersCsv(150, 28);
    const { tiles } = await loadedTiles(csv);
    expect(await axeViolations(tiles)).toEqual([]);
    const focusable = shadow(tiles).querySelectorAll('li.tile[tabindex="0"]');
    expect(focusable.length).toBe(METRICS.split(',').length);
  });

  it('shares one kpis computation with a second tile set on the feed', async () => {
    const csv = ordersCsv(80, 29);
    const url = await route('orders.csv', [{ body: csv }]);
    const root = mount(`<crm-feed src="${url}"><crm-kpi-tiles metrics="revenue"></crm-kpi-tiles><crm-kpi-tiles metrics="orders,aov"></crm-kpi-tiles></crm-feed>`);
    const [a, b] = [...root.querySelectorAll('crm-kpi-tiles')];
    await waitFor(() => shadow(a).querySelector('li.tile') && shadow(b).querySelector('li.tile'), 8000, 'both');
    expect((root.querySelector('crm-feed') as CrmFeed).engine.computations('kpis')).toBe(1);
  });

  describe('picture export', () => {
    /** The exported SVG parsed, and placed in the page so its texts can be measured. */
    function exported(tiles: CrmKpiTiles): SVGSVGElement {
      const text = tiles.toSvg();
      expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const doc = new DOMParser().parseFromString(text!, 'image/svg+xml');
      expect(doc.querySelector('parsererror')).toBeNull();
      return document.body.appendChild(document.importNode(doc.documentElement, true) as unknown as SVGSVGElement);
    }
    const groups = (svg: SVGSVGElement) => [...svg.querySelectorAll<SVGGElement>(':scope > g.tile')];
    const runs = (group: Element) => [...group.querySelectorAll<SVGTextElement>('text')];
    const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    /** What a tile shows, in reading order, without its hover definition and screen-reader text. */
    const shownText = (li: Element) =>
      ['.name', '.value', '.change [aria-hidden]', '.previous', '.target', '.reason']
        .map((s) => squash(li.querySelector(s)?.textContent))
        .filter(Boolean)
        .join(' ');

    /** Every text run lies inside its tile's box (no overflow in the picture). */
    function expectInsideTiles(svg: SVGSVGElement): number {
      let checked = 0;
      for (const group of groups(svg)) {
        const clip = group.querySelector('clipPath rect')!;
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(clip.getAttribute(a)));
        for (const run of runs(group)) {
          const box = run.getBBox();
          expect(box.x).toBeGreaterThanOrEqual(x - 0.5);
          expect(box.x + box.width).toBeLessThanOrEqual(x + w + 0.5);
          expect(box.y).toBeGreaterThanOrEqual(y - 0.5);
          expect(box.y + box.height).toBeLessThanOrEqual(y + h + 0.5);
          checked++;
        }
      }
      return checked;
    }

    it('draws every rendered tile where it is, with its texts in order, and the toolbar offers SVG and PNG', async () => {
      const csv = ordersCsv(150, 30);
      const churn = (engineKpis(csv).get('churn-rate') as KpiValue).value!;
      const { tiles } = await loadedTiles(csv, `metrics="${METRICS}" targets='{"churn": ${churn + 0.05}, "retention": 2}'`);
      const buttons = [...shadow(tiles).querySelectorAll('[part="toolbar"] button')].map((b) => b.textContent!.trim());
      expect(buttons).toEqual(expect.arrayContaining(['CSV', 'SVG', 'PNG']));
      const svg = exported(tiles);
      const items = [...shadow(tiles).querySelectorAll('li.tile')];
      expect(groups(svg).map((g) => g.dataset.metric)).toEqual(METRICS.split(','));
      const origin = shadow(tiles).querySelector('ul.tiles')!.getBoundingClientRect();
      expect(svg.getAttribute('width')).toBe(String(Math.ceil(origin.width)));
      groups(svg).forEach((group, i) => {
        expect(squash(runs(group).map((r) => r.textContent).join(' '))).toBe(shownText(items[i]));
        const box = items[i].getBoundingClientRect();
        const drawn = group.querySelector<SVGRectElement>(':scope > rect')!.getBBox();
        expect(Math.abs(drawn.x - (box.left - origin.left))).toBeLessThan(1);
        expect(Math.abs(drawn.y - (box.top - origin.top))).toBeLessThan(1);
        expect(Math.abs(drawn.width - box.width)).toBeLessThan(1.5);
        expect(group.querySelectorAll('svg path').length).toBe(items[i].querySelectorAll('svg.spark path').length);
      });
      const churnTexts = runs(groups(svg)[3]).map((r) => r.textContent);
      expect(churnTexts.slice(-3)).toEqual([expect.stringMatching(/^Target /), '·', 'target met']);
      expect(runs(groups(svg)[2]).at(-1)!.textContent).toBe('target missed');
      expect(runs(groups(svg)[6]).map((r) => r.textContent).join(' ')).toMatch(/^NPS Not available This view needs the feedback table\./);
      expect(expectInsideTiles(svg)).toBeGreaterThan(20);
      shadow(tiles).querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
      await tiles.updateComplete;
      expect(tiles.toSvg()).toBeUndefined();
    });

    it('inlines the theme: tone colours from --crm-color-negative / -positive, the dark scheme, its fonts', async () => {
      const csv = ordersCsv(150, 22);
      const { tiles } = await loadedTiles(
        csv,
        `metrics="${METRICS}" theme="dark" style="--crm-color-negative: rgb(200, 0, 100); --crm-color-positive: rgb(0, 120, 10); --crm-font-family: Georgia, serif"`,
      );
      const svg = exported(tiles);
      const items = [...shadow(tiles).querySelectorAll('li.tile')];
      const tones = new Set<string>();
      groups(svg).forEach((group, i) => {
        const tone = items[i].querySelector<HTMLElement>('.change')?.dataset.tone;
        if (tone !== 'better' && tone !== 'worse') return;
        tones.add(tone);
        const change = runs(group).find((r) => /^[▲▼]$/.test(r.textContent!))!;
        expect(change.getAttribute('fill')).toBe(tone === 'worse' ? 'rgb(200, 0, 100)' : 'rgb(0, 120, 10)');
        expect(change.nextElementSibling!.getAttribute('fill')).toBe(change.getAttribute('fill'));
      });
      expect(tones).toContain('worse');
      // The dark theme's published surfaces (#16181d behind, #20242c tiles) and text (#e6e9ed).
      expect(svg.querySelector(':scope > rect')!.getAttribute('fill')).toBe('rgb(22, 24, 29)');
      expect(groups(svg)[0].querySelector('rect')!.getAttribute('fill')).toBe('rgb(32, 36, 44)');
      expect(runs(groups(svg)[0])[1].getAttribute('fill')).toBe('rgb(230, 233, 237)');
      expect(getComputedStyle(runs(groups(svg)[0])[0]).fontFamily).toBe('Georgia, serif');
      expect(getComputedStyle(runs(groups(svg)[0])[1]).fontVariantNumeric).toBe('tabular-nums');
    });

    it('keeps hostile metric names and target texts as text', async () => {
      const csv = ordersCsv(120, 31);
      const { tiles } = await loadedTiles(csv, 'metrics="revenue"');
      const hostile = '<b>&"odd\'</b>';
      tiles.labels = { 'kpi.revenue.name': `Rev ${hostile}`, 'kpi.target': '<i onclick="x()">goal</i> & "{target}"' };
      tiles.targets = { revenue: 1 };
      tiles.metrics = `revenue,${hostile}`;
      await waitFor(() => shadow(tiles).querySelectorAll('li.tile').length === 2 && shadow(tiles).querySelector('.target'), 8000, 'hostile tiles');
      await tiles.updateComplete;
      const text = tiles.toSvg()!;
      expect(text).not.toMatch(/<b>|<i /);
      const svg = exported(tiles);
      expect(svg.querySelector('b, i, [onclick]')).toBeNull();
      const [revenue, unknown] = groups(svg);
      expect(runs(revenue)[0].textContent).toBe(`Rev ${hostile}`);
      const target = `<i onclick="x()">goal</i> & "${new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(1)}" · target met`;
      expect(squash(runs(revenue).map((r) => r.textContent).join(' ')).endsWith(target)).toBe(true);
      expect(unknown.dataset.metric).toBe(hostile.toLowerCase());
      expect(runs(unknown)[0].textContent).toBe(hostile);
      expect(squash(runs(unknown).map((r) => r.textContent).join(' '))).toBe(`${hostile} Not available Unknown metric`);
    });

    it('wraps as the page does at a narrow width and ellipsises what would overflow a tile', async () => {
      const csv = ordersCsv(120, 32);
      const long = 'Customerlifetimevalueofeveryaccountinthewholeportfolio';
      const { root, tiles } = await loadedTiles(csv, `metrics="revenue,nps" labels='{"kpi.revenue.name": "${long}"}'`);
      root.style.width = '200px';
      await waitFor(() => shadow(tiles).querySelector('ul.tiles')!.getBoundingClientRect().width <= 200, 8000, 'narrow');
      const svg = exported(tiles);
      const [revenue, nps] = groups(svg);
      const name = runs(revenue)[0].textContent!;
      expect(name.endsWith('…')).toBe(true);
      expect(long.startsWith(name.slice(0, -1))).toBe(true);
      const reasonElement = shadow(tiles).querySelector('li.tile[data-metric="nps"] .reason')!;
      const origin = shadow(tiles).querySelector('ul.tiles')!.getBoundingClientRect();
      const area = reasonElement.getBoundingClientRect();
      const reason = runs(nps).filter((r) => Number(r.getAttribute('y')) > area.top - origin.top && Number(r.getAttribute('y')) < area.bottom - origin.top);
      const range = document.createRange();
      range.selectNodeContents(reasonElement);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      expect(reason.length).toBe(lines);
      expect(lines).toBeGreaterThan(1);
      expect(new Set(reason.map((r) => r.getAttribute('y'))).size).toBe(reason.length);
      expect(squash(reason.map((r) => r.textContent).join(' '))).toBe(squash(reasonElement.textContent));
      expect(expectInsideTiles(svg)).toBeGreaterThan(5);
    });

    it('exports the zh-CN texts of a Chinese render', async () => {
      const csv = ordersCsv(150, 27);
      const { tiles } = await loadedTiles(csv, 'metrics="revenue,retention,nps" lang="zh-CN" currency="CNY"');
      const svg = exported(tiles);
      expect(svg.getAttribute('xml:lang')).toBe('zh-CN');
      expect(svg.querySelector('title')!.textContent).toBe('关键指标');
      const [revenue, retention, nps] = groups(svg).map((g) => runs(g).map((r) => r.textContent!));
      expect(revenue[0]).toBe('收入');
      expect(revenue).toContain(squash(tile(tiles, 'revenue').querySelector('.value')!.textContent));
      expect(retention.join(' ')).toMatch(/个百分点|无上一周期/);
      expect(nps.slice(0, 2)).toEqual(['净推荐值（NPS）', '不可用']);
    });

    it('renders the PNG from the SVG at twice the size', async () => {
      const csv = ordersCsv(120, 33);
      const { tiles } = await loadedTiles(csv, 'metrics="revenue,churn,nps"');
      const svg = exported(tiles);
      const [width, height] = [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))];
      const png = (await tiles.toPng())!;
      expect(png.type).toBe('image/png');
      const bitmap = await createImageBitmap(png);
      expect([bitmap.width, bitmap.height]).toEqual([width * 2, height * 2]);
      // A point inside the first tile, clear of its texts, has the tile's colour (the light theme's #f5f7fa).
      const box = groups(svg)[0].querySelector('rect')!.getBBox();
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const pixel = context.getImageData(Math.round((box.x + box.width - 6) * 2), Math.round((box.y + box.height - 6) * 2), 1, 1).data;
      expect([...pixel]).toEqual([245, 247, 250, 255]);
    });
  });
});

