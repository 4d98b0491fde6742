/**
 * `<crm-kpi-tiles>`: a responsive grid of KPI tiles (retention, churn, NPS, CSAT, CLV, CAC ...), each
 * with its value, the change against the previous period in a direction-aware colour, a sparkline, an
 * optional target and its definition on hover and focus. Unavailable KPIs say what data they need.
 * Exports the tiles as CSV, and as SVG or PNG pictures drawn from their current layout.
 */
import { html, svg, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { KpiResult } from '../../src/engine/analyses/kpis/index.js';
import { CrmView, type AnalysisRequest, type ViewContext } from '../base/crm-view.js';
import { cell, type DataTable } from '../base/data-table.js';
import { svgToPng } from '../base/export.js';
import { jsonAttribute } from '../base/json-attribute.js';
import { resolveLang } from '../base/locale.js';
import { warn } from '../base/warnings.js';
import { DEFAULT_METRICS, SPARK, kpiTilesModel, type KpiTile, type KpiTilesModel } from './view-model.js';
import { kpiTilesStyles } from './styles.js';
import { tilesSvg, type TilesPicture } from './picture.js';
import { snapshotTiles } from './snapshot.js';

const PERIODS = ['month', 'quarter', 'year'] as const;

/**
 * @summary KPI tiles: value, change vs previous period, sparkline, target and definition per metric.
 *
 * @attr metrics - Comma-separated KPI ids or aliases: `retention,churn,nps,csat,clv,cac,clv-cac,repeat-rate,referral,complaints,revenue,orders,aov,customers,new,nrr` (default: customers, revenue, retention, churn, repeat rate, AOV, NPS, CSAT).
 * @attr period - `month` (default), `quarter` or `year`.
 * @attr targets - JSON object metric -> target in the metric's unit (rates as fractions): `{"retention": 0.4, "nps": 30}`.
 * @csspart tiles - The tile grid.
 * @csspart tile - One tile.
 * @csspart tile-name - A tile's metric name.
 * @csspart tile-value - A tile's value.
 * @csspart tile-change - A tile's change line.
 * @csspart sparkline - A tile's sparkline.
 * @csspart target - A tile's target line.
 * @csspart definition - A tile's definition (shown on hover and focus).
 * @cssprop --crm-tile-min-width - Smallest tile width before the grid wraps (default 11rem).
 * @cssprop --crm-color-positive - Change for the better.
 * @cssprop --crm-color-negative - Change for the worse.
 * @cssprop --crm-color-sparkline - Sparkline stroke.
 */
export class CrmKpiTiles extends CrmView<KpiTilesModel> {
  static override styles: CSSResultGroup = [...(CrmView.styles as CSSResultGroup[]), kpiTilesStyles];

  static override properties: PropertyDeclarations = {
    ...CrmView.properties,
    metrics: { type: String },
    period: { type: String, reflect: true },
    targets: { converter: jsonAttribute<Record<string, number>>('targets') },
  };

  declare metrics: string | undefined;
  declare period: (typeof PERIODS)[number];
  declare targets: Record<string, number> | undefined;

  protected readonly fileName = 'kpis';
  protected override readonly handlesUnavailable = true;

  constructor() {
    super();
    this.period = 'month';
  }

  private metricList(): string[] {
    const list = (this.metrics ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    return list.length ? list : [...DEFAULT_METRICS];
  }

  protected override requests(): readonly AnalysisRequest[] {
    if (!PERIODS.includes(this.period)) throw new RangeError(`period must be one of ${PERIODS.join(', ')}`);
    return [{ name: 'kpis', options: { asOf: this.effectiveAsOf(), period: this.period } }];
  }

  protected override heading(ctx: ViewContext): string {
    return ctx.t.t('kpi.title');
  }

  protected override viewModel(results: readonly unknown[], ctx: ViewContext): KpiTilesModel {
    const vm = kpiTilesModel(results[0] as KpiResult, this.metricList(), this.targets ?? {}, ctx.t, ctx.fmt);
    for (const tile of vm.tiles) if (tile.reason === ctx.t.t('kpi.unknown')) warn('unknown-metric', `no KPI named "${tile.id}"`);
    return vm;
  }

  protected override tableOf(vm: KpiTilesModel, { t }: ViewContext): DataTable {
    return {
      columns: [
        { label: t.t('kpi.col.metric') },
        { label: t.t('kpi.col.value'), numeric: true },
        { label: t.t('kpi.col.previous') },
        { label: t.t('kpi.col.change'), numeric: true },
        { label: t.t('kpi.col.target'), numeric: true },
        { label: t.t('kpi.col.period') },
      ],
      rows: vm.tiles.map((tile) => [
        cell(tile.name),
        cell(tile.value, tile.available ? tile.valueText : tile.reason),
        cell(tile.previousText),
        cell(tile.changeText),
        cell(tile.target?.value ?? null, tile.target?.text ?? ''),
        cell(vm.current ?? ''),
      ]),
    };
  }

  /** The tiles as laid out now (undefined when no tiles are shown, e.g. in the table view). */
  private picture(): TilesPicture | undefined {
    const grid = this.renderRoot.querySelector<HTMLElement>('ul.tiles');
    if (!grid) return undefined;
    return snapshotTiles(grid, { title: this.heading(this.context()), lang: resolveLang(this), background: getComputedStyle(this).backgroundColor });
  }

  /**
   * The tiles as a standalone SVG document, as laid out now: each tile's box, name, value, change,
   * previous value, sparkline, target and status (or why it is unavailable), with the theme's
   * computed colours and fonts inline and every text as SVG text. Undefined when no tiles are shown.
   */
  override toSvg(): string | undefined {
    const picture = this.picture();
    return picture && tilesSvg(picture);
  }

  /** The tiles as a PNG at twice their CSS pixel size, rendered from {@link toSvg}. Undefined when no tiles are shown. */
  override async toPng(): Promise<Blob | undefined> {
    const picture = this.picture();
    return picture && svgToPng(tilesSvg(picture), picture.width, picture.height, picture.background);
  }

  private renderTile(tile: KpiTile, index: number, ctx: ViewContext): TemplateResult {
    const { t } = ctx;
    const defId = `def-${index}`;
    const arrow = tile.direction === 'up' ? '▲' : tile.direction === 'down' ? '▼' : tile.direction === 'flat' ? '■' : '';
    return html`<li
      class=${`tile ${tile.available ? '' : 'unavailable'}`}
      part="tile"
      tabindex="0"
      data-metric=${tile.id}
      aria-describedby=${tile.definition ? defId : nothing}
    >
      <p class="name" part="tile-name">${tile.name}</p>
      <p class="value" part="tile-value" data-value=${tile.value ?? ''}>${tile.available ? tile.valueText : t.t('kpi.unavailable')}</p>
      ${tile.available
        ? html`<p class=${`change ${tile.tone}`} part="tile-change" data-tone=${tile.tone}>
              <span aria-hidden="true">${arrow} ${tile.changeText}</span><span class="sr-only">${tile.changeLabel}</span>
            </p>
            <p class="previous">${tile.previousText}</p>
            ${tile.sparkPath
              ? html`<svg class="spark" part="sparkline" viewBox="0 0 ${SPARK.width} ${SPARK.height}" preserveAspectRatio="none" role="img" aria-label=${tile.trendLabel}>
                  ${svg`<path d=${tile.sparkPath}></path>`}
                  ${tile.sparkLast ? svg`<circle cx=${tile.sparkLast[0]} cy=${tile.sparkLast[1]} r="2"></circle>` : nothing}
                </svg>`
              : nothing}
            ${tile.target
              ? html`<p class=${`target ${tile.target.met ? 'met' : 'missed'}`} part="target">
                  ${tile.target.text} · <span class="status">${t.t(tile.target.met ? 'kpi.targetMet' : 'kpi.targetMissed')}</span>
                </p>`
              : nothing}`
        : html`<p class="reason">${tile.reason}</p>`}
      ${tile.definition ? html`<p class="definition" part="definition" id=${defId}>${tile.definition}</p>` : nothing}
    </li>`;
  }

  protected override renderView(vm: KpiTilesModel, ctx: ViewContext): TemplateResult {
    return html`<ul class="tiles" part="tiles">
        ${vm.tiles.map((tile, i) => this.renderTile(tile, i, ctx))}
      </ul>
      ${vm.current ? html`<p class="meta">${ctx.t.t('kpi.period', { period: vm.current })}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-kpi-tiles': CrmKpiTiles;
  }
}
