/**
 * `<crm-churn-heatmap>`: the cohort retention matrix (cohort x period offset, running periods hatched)
 * or the churn-risk signal x group matrix, on the colour-blind-safe sequential palette with a legend.
 * Cells are one tab stop (roving tabindex, arrows); Enter or a click selects a cell's customers.
 */
import { html, svg, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { SIGNALS } from '../../src/engine/analyses/churn-risk/signal-names.js';
import type { CohortResult } from '../../src/engine/analyses/cohorts/cohorts.js';
import { SEQUENTIAL_STEPS } from '../../src/theme/tokens.js';
import { CrmView, type AnalysisRequest, type ViewContext } from '../base/crm-view.js';
import { cell, type DataTable } from '../base/data-table.js';
import { gridKeyAction } from '../base/keyboard.js';
import { selectionMask } from '../base/selection-mask.js';
import { failureOf } from '../../src/feed/types.js';
import {
  cohortModel,
  riskCellCustomers,
  riskModel,
  type ChurnHeatmapResult,
  type CohortMeasure,
  type HeatCell,
  type HeatmapMode,
  type HeatmapModel,
} from './view-model.js';
import { matrixStyles } from '../base/matrix-styles.js';
import { churnHeatmapStyles } from './styles.js';

const MODES: readonly HeatmapMode[] = ['cohort', 'risk'];
const PERIODS = ['month', 'week', 'quarter'] as const;
const GROUPS = ['segment', 'industry', 'plan', 'channel', 'tier'] as const;
const LEGEND_HEIGHT = 34;

/**
 * @summary Churn heat map: cohort retention, or churn-risk signals by segment or tier.
 *
 * @attr mode - `cohort` (default): first-purchase cohorts x periods since, or `risk`: churn-risk signals x groups.
 * @attr period - Cohort period: `month` (default), `week` or `quarter`.
 * @attr measure - Cohort share: `retention` (bought in that period, default) or `on-or-after` (bought in that period or later).
 * @attr cohorts - How many of the latest cohorts to show (default 12).
 * @attr group-by - Risk columns: `segment` (default), `industry`, `plan`, `channel` (customers table) or `tier` (value tier).
 * @fires crm-select - Click or Enter on a cell: its customers (cohort members buying at that offset, or the group's customers tripping the signal); key `cohort:<cohort>:<offset>` or `risk:<signal>:<group>`.
 * @fires crm-hover - Pointer over a cell.
 * @csspart chart - The SVG matrix.
 * @csspart cell - A matrix cell.
 * @csspart row-label - A row label (cohort or signal).
 * @csspart column-label - A column label (offset or group).
 * @csspart legend - The colour legend.
 * @csspart meta - The as-of line and the signals not evaluated.
 * @cssprop --crm-seq-1 - Sequential palette, lowest share (through --crm-seq-7, highest).
 * @cssprop --crm-heatmap-partial-color - Hatching of periods still running (default the muted text colour).
 * @cssprop --crm-heatmap-cell-size - Largest cell width in pixels (default 56).
 */
export class CrmChurnHeatmap extends CrmView<HeatmapModel> {
  static override styles: CSSResultGroup = [...(CrmView.styles as CSSResultGroup[]), matrixStyles, churnHeatmapStyles];

  static override properties: PropertyDeclarations = {
    ...CrmView.properties,
    mode: { type: String, reflect: true },
    period: { type: String },
    measure: { type: String },
    cohorts: { type: Number },
    groupBy: { type: String, attribute: 'group-by' },
  };

  declare mode: HeatmapMode;
  declare period: (typeof PERIODS)[number];
  declare measure: CohortMeasure;
  declare cohorts: number;
  declare groupBy: (typeof GROUPS)[number];

  protected readonly fileName = 'churn-heatmap';
  private active: [number, number] = [0, 0];
  private hover: [number, number] | null = null;

  constructor() {
    super();
    this.mode = 'cohort';
    this.period = 'month';
    this.measure = 'retention';
    this.cohorts = 12;
    this.groupBy = 'segment';
  }

  protected override requests(): readonly AnalysisRequest[] {
    if (!MODES.includes(this.mode)) throw new RangeError(`mode must be one of ${MODES.join(', ')}`);
    if (this.mode === 'risk') {
      if (!GROUPS.includes(this.groupBy)) throw new RangeError(`group-by must be one of ${GROUPS.join(', ')}`);
      return [{ name: 'churnHeatmap', options: { asOf: this.effectiveAsOf(), groupBy: this.groupBy } }];
    }
    if (!PERIODS.includes(this.period)) throw new RangeError(`period must be one of ${PERIODS.join(', ')}`);
    if (this.measure !== 'retention' && this.measure !== 'on-or-after') throw new RangeError('measure must be retention or on-or-after');
    return [{ name: 'cohorts', options: { asOf: this.effectiveAsOf(), period: this.period } }];
  }

  protected override heading({ t }: ViewContext): string {
    return this.mode === 'risk' ? t.t('heatmap.riskTitle') : t.t('heatmap.cohortTitle');
  }

  protected override viewModel(results: readonly unknown[], ctx: ViewContext): HeatmapModel {
    if (this.mode === 'risk') {
      const sel = ctx.selection;
      const foreign = sel && sel.source !== this.localName ? selectionMask(sel, ctx.customerIds) : undefined;
      return riskModel(results[0] as ChurnHeatmapResult, ctx.t, ctx.fmt, foreign);
    }
    return cohortModel(results[0] as CohortResult, this.measure, Math.max(1, this.cohorts || 12), ctx.t, ctx.fmt);
  }

  protected override tableOf(vm: HeatmapModel, { t, fmt }: ViewContext): DataTable {
    const first = vm.mode === 'cohort' ? [{ label: t.t('heatmap.col.cohort') }, { label: t.t('heatmap.col.size'), numeric: true }] : [{ label: t.t('heatmap.col.signal') }];
    return {
      columns: [...first, ...vm.colLabels.map((label) => ({ label, numeric: true }))],
      rows: vm.cells.map((row, r) => [
        cell(vm.rowLabels[r]),
        ...(vm.mode === 'cohort' ? [cell(vm.sizes[r], fmt.integer(vm.sizes[r]))] : []),
        ...vm.colLabels.map((_, c) => {
          const v = row[c]?.value ?? null;
          return cell(v, v === null ? '' : fmt.percent(v));
        }),
      ]),
    };
  }

  private selectedKey(ctx: ViewContext): string | undefined {
    return ctx.selection?.source === this.localName ? ctx.selection.key : undefined;
  }

  private async selectCell(c: HeatCell, vm: HeatmapModel, ctx: ViewContext): Promise<void> {
    if (this.selectedKey(ctx) === c.key) return this.publishSelection(null, ctx);
    const label = `${vm.rowLabels[c.row]} · ${vm.colLabels[c.col]}`;
    let indexes: ArrayLike<number>;
    if (vm.mode === 'risk') {
      indexes = riskCellCustomers(this.results![0] as ChurnHeatmapResult, SIGNALS.indexOf(vm.rowKeys[c.row] as (typeof SIGNALS)[number]), c.col);
    } else {
      try {
        const found = await this.feedHandle!.analyse<{ customers: Int32Array }>('cohortCustomers', {
          asOf: this.effectiveAsOf(),
          period: this.period,
          cohort: vm.rowKeys[c.row],
          offset: c.col,
          onOrAfter: this.measure === 'on-or-after',
        });
        indexes = found.customers;
      } catch (error) {
        this.announce(failureOf(error).detail ?? '');
        return;
      }
    }
    this.publishCustomers(indexes, c.key, label, ctx);
  }

  private async moveFocus(row: number, col: number): Promise<void> {
    this.active = [row, col];
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<SVGElement>(`rect.cell[data-row="${row}"][data-col="${col}"]`)?.focus();
  }

  private onKey(event: KeyboardEvent, c: HeatCell, vm: HeatmapModel, ctx: ViewContext): void {
    const cols = vm.colLabels.length;
    const action = gridKeyAction(event, c.row * cols + c.col, vm.cells.length, cols);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'move') {
      const row = Math.floor(action.index / cols);
      // Cohort rows are shorter the younger the cohort: clamp to the row's last cell.
      void this.moveFocus(row, Math.min(action.index % cols, vm.cells[row].length - 1));
    } else if (action.type === 'select') void this.selectCell(c, vm, ctx);
    else this.publishSelection(null, ctx);
  }

  protected override renderView(vm: HeatmapModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const width = Math.max(240, ctx.width || 560);
    const charWidth = parseFloat(getComputedStyle(this).fontSize || '14') * 0.55;
    const labelWidth = Math.min(width * 0.35, 12 + charWidth * vm.rowLabels.reduce((m, l) => Math.max(m, l.length), 4));
    const cols = vm.colLabels.length;
    const maxCell = parseFloat(getComputedStyle(this).getPropertyValue('--crm-heatmap-cell-size')) || 56;
    const size = Math.max(14, Math.min(maxCell, Math.floor((width - labelWidth - 8) / Math.max(1, cols))));
    const rotate = vm.mode === 'risk' && vm.colLabels.some((l) => l.length * charWidth > size - 4);
    const top = rotate ? Math.min(120, 10 + charWidth * vm.colLabels.reduce((m, l) => Math.max(m, l.length), 0) * 0.75) : 24;
    const gridH = size * vm.cells.length;
    const height = top + gridH + 20 + LEGEND_HEIGHT;
    const x0 = labelWidth;
    const selectedKey = this.selectedKey(ctx);
    const [ar, ac] = this.active[0] < vm.cells.length && this.active[1] < (vm.cells[this.active[0]]?.length ?? 0) ? this.active : [0, 0];
    const showValues = size >= 34;
    return html`<svg class="chart" part="chart" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-label=${vm.mode === 'risk' ? t.t('heatmap.riskDescription') : t.t('heatmap.cohortDescription')}>
        <defs>
          <pattern id="partial" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line class="hatch-line" x1="0" y1="0" x2="0" y2="6"></line>
          </pattern>
        </defs>
        <g role="grid" aria-label=${this.heading(ctx)} aria-rowcount=${vm.cells.length} aria-colcount=${cols}>
          ${vm.cells.map(
            (row) => svg`<g role="row">${row.map((c) => {
              const classes = ['cell', c.step ? `seq-${c.step}` : 'empty'];
              if (c.key === selectedKey) classes.push('selected');
              if (c.highlighted === 0) classes.push('dim');
              return svg`<rect
                part="cell"
                class=${classes.join(' ')}
                role="gridcell"
                tabindex=${c.row === ar && c.col === ac ? 0 : -1}
                aria-label=${c.highlighted ? `${c.label} (${fmt.integer(c.highlighted)})` : c.label}
                aria-selected=${c.key === selectedKey ? 'true' : 'false'}
                data-row=${c.row}
                data-col=${c.col}
                data-key=${c.key}
                data-count=${c.count}
                data-value=${c.value ?? ''}
                ?data-partial=${c.partial}
                x=${x0 + c.col * size}
                y=${top + c.row * size}
                width=${size}
                height=${size}
                @click=${() => {
                  this.active = [c.row, c.col];
                  void this.selectCell(c, vm, ctx);
                }}
                @keydown=${(e: KeyboardEvent) => this.onKey(e, c, vm, ctx)}
                @focus=${() => {
                  this.active = [c.row, c.col];
                }}
                @pointerenter=${() => {
                  this.hover = [c.row, c.col];
                  this.publishHover({ customers: [], source: this.localName, key: c.key, label: c.label });
                  this.requestUpdate();
                }}
                @pointerleave=${() => {
                  this.hover = null;
                  this.publishHover(null);
                  this.requestUpdate();
                }}
              ><title>${c.label}</title></rect>`;
            })}</g>`,
          )}
        </g>
        <g aria-hidden="true">
          ${vm.cells.flatMap((row) =>
            row.map((c) => {
              const hovered = this.hover && this.hover[0] === c.row && this.hover[1] === c.col;
              return svg`${c.partial ? svg`<rect class="partial-mark" fill="url(#partial)" x=${x0 + c.col * size} y=${top + c.row * size} width=${size} height=${size}></rect>` : nothing}
                ${(showValues || hovered) && c.value !== null
                  ? svg`<text class=${`value ink-${c.step || 1}`} x=${x0 + (c.col + 0.5) * size} y=${top + (c.row + 0.5) * size}>${fmt.percent(c.value, 0)}</text>`
                  : nothing}`;
            }),
          )}
          ${vm.rowLabels.map((l, r) => svg`<text part="row-label" class="axis row" x=${x0 - 6} y=${top + (r + 0.5) * size}>${l}</text>`)}
          ${vm.colLabels.map((l, c) =>
            rotate
              ? svg`<text part="column-label" class="axis" transform="translate(${x0 + (c + 0.5) * size},${top - 6}) rotate(-45)">${l}</text>`
              : svg`<text part="column-label" class="axis col" x=${x0 + (c + 0.5) * size} y=${top - 10}>${l}</text>`,
          )}
          ${vm.mode === 'cohort' ? svg`<text class="axis" x=${x0} y=${top + gridH + 12}>${vm.colTitle} →</text>` : nothing}
          ${this.renderLegend(vm, ctx, x0, top + gridH + 24, Math.min(cols * size, 300))}
        </g>
      </svg>
      <p class="meta" part="meta">
        ${t.t('heatmap.asOf', { date: vm.asOfDate })}${vm.unavailableSignals.length ? html` · ${t.t('heatmap.unavailableSignals', { signals: vm.unavailableSignals.join(', ') })}` : nothing}
      </p>`;
  }

  private renderLegend(vm: HeatmapModel, { t, fmt }: ViewContext, x: number, y: number, width: number): TemplateResult {
    const step = Math.max(10, Math.min(24, width / (SEQUENTIAL_STEPS + 6)));
    const lo = fmt.percent(vm.domain[0], 0);
    const hi = fmt.percent(vm.domain[1], 0);
    const start = x + lo.length * 7 + 6;
    const end = start + SEQUENTIAL_STEPS * step + 6;
    return svg`<g part="legend">
      <text class="legend-label" x=${x} y=${y}>${t.t('heatmap.legend', { measure: vm.measureLabel })}</text>
      <text class="legend-label" x=${x} y=${y + 18}>${lo}</text>
      ${Array.from({ length: SEQUENTIAL_STEPS }, (_, i) => svg`<rect class=${`seq-${i + 1}`} x=${start + i * step} y=${y + 12} width=${step} height="12"></rect>`)}
      <text class="legend-label" x=${end} y=${y + 18}>${hi}</text>
      ${vm.mode === 'cohort'
        ? svg`<rect class="legend-partial" x=${end + hi.length * 7 + 12} y=${y + 12} width="12" height="12"></rect>
            <rect class="partial-mark" fill="url(#partial)" x=${end + hi.length * 7 + 12} y=${y + 12} width="12" height="12"></rect>
            <text class="legend-label" x=${end + hi.length * 7 + 30} y=${y + 18}>${t.t('heatmap.partialLegend')}</text>`
        : nothing}
    </g>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-churn-heatmap': CrmChurnHeatmap;
  }
}
