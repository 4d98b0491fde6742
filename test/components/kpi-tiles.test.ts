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
});
