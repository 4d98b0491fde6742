/**
 * `<crm-rfm-grid>`: the 5x5 recency x frequency grid, coloured by customers, revenue or mean monetary
 * value, with the R x F segment regions outlined and named; or the segment list (`view="list"`).
 */
import { html, svg, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { rfmCellCustomers, rfmSegmentCustomers } from '../../src/engine/analyses/rfm/select.js';
import type { RfmResult } from '../../src/engine/analyses/rfm/index.js';
import { CATEGORICAL_COLOURS, SEQUENTIAL_STEPS } from '../../src/theme/tokens.js';
import { CrmView, type AnalysisRequest, type ViewContext } from '../base/crm-view.js';
import { cell, type DataTable } from '../base/data-table.js';
import { gridKeyAction } from '../base/keyboard.js';
import { selectionMask } from '../base/selection-mask.js';
import { formatMeasure, rfmGridModel, type ColorBy, type GridCell, type RfmGridModel } from './view-model.js';
import { matrixStyles } from '../base/matrix-styles.js';
import { styleProps } from '../base/style-props.js';
import { rfmGridStyles } from './styles.js';

const COLOR_BY: readonly ColorBy[] = ['customers', 'revenue', 'monetary'];
const MARGIN = { top: 8, right: 8, bottom: 44, left: 40 };
const LEGEND_HEIGHT = 30;

/**
 * @summary RFM grid: customers by recency and frequency score, segments outlined and named.
 *
 * @attr color-by - What colours the cells: `customers` (default), `revenue`, `monetary` (mean per customer).
 * @attr view - `grid` (default) or `list` (segments with counts and shares).
 * @attr rules - Segment rule set: `rfgrid` (the R x F map, default), `vignette`, `test`; the list view and the data follow it, the grid outlines the R x F map.
 * @fires crm-select - Clicking or pressing Enter on a cell (key `cell:R-F`) or segment (key `segment:Name`); detail `{ customers, source, key, label }`.
 * @fires crm-hover - Pointer over a cell.
 * @csspart chart - The SVG grid.
 * @csspart cell - A grid cell.
 * @csspart segment-outline - The outline of a segment region.
 * @csspart segment-label - The name of a segment region.
 * @csspart legend - The colour legend.
 * @csspart list - The segment list.
 * @cssprop --crm-seq-1 - Sequential palette, lowest (through --crm-seq-7, highest).
 * @cssprop --crm-color-segment-outline - Segment outline colour.
 */
export class CrmRfmGrid extends CrmView<RfmGridModel> {
  static override styles: CSSResultGroup = [...(CrmView.styles as CSSResultGroup[]), matrixStyles, rfmGridStyles];

  static override properties: PropertyDeclarations = {
    ...CrmView.properties,
    colorBy: { type: String, attribute: 'color-by', reflect: true },
    view: { type: String, reflect: true },
    rules: { type: String },
  };

  declare colorBy: ColorBy;
  declare view: 'grid' | 'list';
  declare rules: string;

  protected readonly fileName = 'rfm-grid';
  private activeIndex = -1;
  private hoverIndex = -1;
  private focused = false;

  constructor() {
    super();
    this.colorBy = 'customers';
    this.view = 'grid';
    this.rules = 'rfgrid';
  }

  protected override requests(): readonly AnalysisRequest[] {
    return [{ name: 'rfm', options: { asOf: this.effectiveAsOf(), rules: this.rules || 'rfgrid' } }];
  }

  private get rfm(): RfmResult | undefined {
    return this.results?.[0] as RfmResult | undefined;
  }

  protected override heading(ctx: ViewContext): string {
    return this.view === 'list' ? ctx.t.t('rfm.list') : ctx.t.t('rfm.title');
  }

  protected override viewModel(results: readonly unknown[], ctx: ViewContext): RfmGridModel {
    const colorBy = COLOR_BY.includes(this.colorBy) ? this.colorBy : 'customers';
    const sel = ctx.selection;
    const foreign = sel && !(sel.source === this.localName && sel.key.startsWith('cell:')) ? selectionMask(sel, ctx.customerIds) : undefined;
    return rfmGridModel(results[0] as RfmResult, colorBy, ctx.t, ctx.fmt, foreign);
  }

  protected override tableOf(vm: RfmGridModel, { t, fmt }: ViewContext): DataTable {
    if (this.view === 'list') {
      return {
        columns: [
          { label: t.t('rfm.col.segment') },
          { label: t.t('rfm.col.customers'), numeric: true },
          { label: t.t('rfm.col.share'), numeric: true },
          { label: t.t('rfm.col.orders'), numeric: true },
          { label: t.t('rfm.col.revenue'), numeric: true },
          { label: t.t('rfm.col.monetary'), numeric: true },
        ],
        rows: vm.segments.map((s) => [
          cell(s.label),
          cell(s.customers, fmt.integer(s.customers)),
          cell(s.share, fmt.percent(s.share)),
          cell(s.orders, fmt.integer(s.orders)),
          cell(s.revenue, fmt.money(s.revenue)),
          cell(s.meanMonetary, s.meanMonetary === null ? '–' : fmt.money(s.meanMonetary)),
        ]),
      };
    }
    return {
      columns: [
        { label: t.t('rfm.col.segment') },
        { label: t.t('rfm.col.r'), numeric: true },
        { label: t.t('rfm.col.f'), numeric: true },
        { label: t.t('rfm.col.customers'), numeric: true },
        { label: t.t('rfm.col.orders'), numeric: true },
        { label: t.t('rfm.col.revenue'), numeric: true },
        { label: t.t('rfm.col.monetary'), numeric: true },
      ],
      rows: vm.cells.map((c) => [
        cell(c.segmentLabel),
        cell(c.r),
        cell(c.f),
        cell(c.customers, fmt.integer(c.customers)),
        cell(c.orders, fmt.integer(c.orders)),
        cell(c.revenue, fmt.money(c.revenue)),
        cell(c.meanMonetary, c.meanMonetary === null ? '–' : fmt.money(c.meanMonetary)),
      ]),
    };
  }

  protected override renderView(vm: RfmGridModel, ctx: ViewContext): TemplateResult {
    return html`${this.view === 'list' ? this.renderList(vm, ctx) : this.renderGrid(vm, ctx)}
      <p class="meta">${ctx.t.t('rfm.asOf', { date: ctx.fmt.day(this.rfm?.asOf ?? NaN) })}</p>`;
  }

  private selectedKey(ctx: ViewContext): string | undefined {
    return ctx.selection?.source === this.localName ? ctx.selection.key : undefined;
  }

  private selectCell(c: GridCell, ctx: ViewContext): void {
    const key = `cell:${c.r}-${c.f}`;
    if (this.selectedKey(ctx) === key) return this.publishSelection(null, ctx);
    this.publishCustomers(rfmCellCustomers(this.rfm!, c.r, c.f), key, `R ${c.r} F ${c.f} · ${c.segmentLabel}`, ctx);
  }

  private selectSegment(segment: string, label: string, ctx: ViewContext): void {
    const key = `segment:${segment}`;
    if (this.selectedKey(ctx) === key) return this.publishSelection(null, ctx);
    this.publishCustomers(rfmSegmentCustomers(this.rfm!, segment), key, label, ctx);
  }

  private async moveFocus(index: number, selector: string): Promise<void> {
    this.activeIndex = index;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement | SVGElement>(selector)[index]?.focus();
  }

  private onKey(event: KeyboardEvent, index: number, rows: number, cols: number, selector: string, select: () => void, ctx: ViewContext): void {
    const action = gridKeyAction(event, index, rows, cols);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'move') void this.moveFocus(action.index, selector);
    else if (action.type === 'select') select();
    else this.publishSelection(null, ctx);
  }

  private renderGrid(vm: RfmGridModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const width = Math.max(220, ctx.width || 480);
    const size = Math.max(28, Math.min(96, Math.floor((width - MARGIN.left - MARGIN.right) / vm.cols)));
    const gridW = size * vm.cols;
    const gridH = size * vm.rows;
    const height = MARGIN.top + gridH + MARGIN.bottom + LEGEND_HEIGHT;
    const x0 = MARGIN.left;
    const y0 = MARGIN.top;
    const selectedKey = this.selectedKey(ctx);
    const active = this.activeIndex >= 0 && this.activeIndex < vm.cells.length ? this.activeIndex : 0;
    const shown = this.hoverIndex >= 0 ? this.hoverIndex : this.focused ? active : -1;
    const rowsOfCells = Array.from({ length: vm.rows }, (_, r) => vm.cells.slice(r * vm.cols, (r + 1) * vm.cols));
    const charWidth = parseFloat(getComputedStyle(this).fontSize || '14') * 0.62;
    return html`<svg
      class="chart"
      part="chart"
      width=${width}
      height=${height}
      viewBox="0 0 ${width} ${height}"
      role="group"
      aria-label=${t.t('rfm.description')}
    >
      <g role="grid" aria-label=${t.t('rfm.title')} aria-rowcount=${vm.rows} aria-colcount=${vm.cols}>
        ${rowsOfCells.map(
          (cells) => svg`<g role="row">
            ${cells.map((c) => {
              const index = c.row * vm.cols + c.col;
              const classes = ['cell', c.step ? `seq-${c.step}` : 'empty'];
              if (selectedKey === `cell:${c.r}-${c.f}`) classes.push('selected');
              if (c.highlighted === 0) classes.push('dim');
              return svg`<rect
                part="cell"
                class=${classes.join(' ')}
                role="gridcell"
                tabindex=${index === active ? 0 : -1}
                aria-label=${c.highlighted ? `${c.label} (${fmt.integer(c.highlighted)})` : c.label}
                aria-selected=${selectedKey === `cell:${c.r}-${c.f}` ? 'true' : 'false'}
                data-r=${c.r}
                data-f=${c.f}
                data-customers=${c.customers}
                x=${x0 + c.col * size}
                y=${y0 + c.row * size}
                width=${size}
                height=${size}
                @click=${() => {
                  this.activeIndex = index;
                  this.selectCell(c, ctx);
                }}
                @keydown=${(e: KeyboardEvent) => this.onKey(e, index, vm.rows, vm.cols, 'rect.cell', () => this.selectCell(c, ctx), ctx)}
                @focus=${() => {
                  this.focused = true;
                  this.activeIndex = index;
                  this.requestUpdate();
                }}
                @blur=${() => {
                  this.focused = false;
                  this.requestUpdate();
                }}
                @pointerenter=${() => {
                  this.hoverIndex = index;
                  this.publishHover({ customers: [], source: this.localName, key: `cell:${c.r}-${c.f}`, label: c.label });
                  this.requestUpdate();
                }}
                @pointerleave=${() => {
                  this.hoverIndex = -1;
                  this.publishHover(null);
                  this.requestUpdate();
                }}
              ><title>${c.label}</title></rect>`;
            })}
          </g>`,
        )}
      </g>
      <g aria-hidden="true">
        ${vm.regions.map(
          (region) => svg`<path
            class="outline"
            part="segment-outline"
            d=${region.edges.map(([a, b, c, d]) => `M${x0 + a * size},${y0 + b * size}L${x0 + c * size},${y0 + d * size}`).join('')}
          ></path>`,
        )}
        ${vm.regions.map((region) => {
          const fits = region.label.length * charWidth <= region.span * size - 6;
          const under = vm.cells[Math.floor(region.cy) * vm.cols + Math.floor(region.cx - (region.span > 1 ? 0.5 : 0))];
          return fits && shown < 0
            ? svg`<text part="segment-label" class=${`segment-label ink-${under?.step || 1}`} x=${x0 + region.cx * size} y=${y0 + region.cy * size}>${region.label}</text>`
            : nothing;
        })}
        ${shown >= 0
          ? (() => {
              const c = vm.cells[shown];
              return svg`<text class=${`count ink-${c.step || 1}`} x=${x0 + (c.col + 0.5) * size} y=${y0 + (c.row + 0.5) * size}>${formatMeasure(c.value, vm.colorBy, fmt)}</text>`;
            })()
          : nothing}
        ${Array.from({ length: vm.cols }, (_, i) => svg`<text class="axis ticks" x=${x0 + (i + 0.5) * size} y=${y0 + gridH + 12}>${i + 1}</text>`)}
        ${Array.from({ length: vm.rows }, (_, i) => svg`<text class="axis ticks" x=${x0 - 12} y=${y0 + (i + 0.5) * size}>${vm.rows - i}</text>`)}
        <text class="axis" x=${x0 + gridW / 2} y=${y0 + gridH + 32} text-anchor="middle">${t.t('rfm.recencyHint')}</text>
        <text class="axis" transform="translate(${12},${y0 + gridH / 2}) rotate(-90)" text-anchor="middle">${t.t('rfm.frequencyHint')}</text>
        ${this.renderLegend(vm, ctx, x0, y0 + gridH + MARGIN.bottom + 4, Math.min(gridW, 280))}
      </g>
    </svg>`;
  }

  private renderLegend(vm: RfmGridModel, { t, fmt }: ViewContext, x: number, y: number, width: number): TemplateResult {
    const label = t.t('rfm.legend', { measure: vm.measureLabel });
    const step = Math.min(24, width / (SEQUENTIAL_STEPS + 6));
    const lo = formatMeasure(vm.domain[0], vm.colorBy, fmt);
    const hi = formatMeasure(vm.domain[1], vm.colorBy, fmt);
    const start = x + lo.length * 7 + 6;
    return svg`<g part="legend">
      <text class="legend-label" x=${x} y=${y - 2}>${label}</text>
      <text class="legend-label" x=${x} y=${y + 16}>${lo}</text>
      ${Array.from({ length: SEQUENTIAL_STEPS }, (_, i) => svg`<rect class=${`seq-${i + 1}`} x=${start + i * step} y=${y + 9} width=${step} height="12"></rect>`)}
      <text class="legend-label" x=${start + SEQUENTIAL_STEPS * step + 6} y=${y + 16}>${hi}</text>
    </g>`;
  }

  private renderList(vm: RfmGridModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const selectedKey = this.selectedKey(ctx);
    const active = this.activeIndex >= 0 && this.activeIndex < vm.segments.length ? this.activeIndex : 0;
    return html`<ul class="list" part="list" role="listbox" aria-label=${t.t('rfm.list')}>
      ${vm.segments.map((s, index) => {
        const select = () => this.selectSegment(s.segment, s.label, ctx);
        return html`<li
          class="option"
          role="option"
          tabindex=${index === active ? 0 : -1}
          aria-selected=${selectedKey === `segment:${s.segment}` ? 'true' : 'false'}
          data-segment=${s.segment}
          data-customers=${s.customers}
          @click=${() => {
            this.activeIndex = index;
            select();
          }}
          @keydown=${(e: KeyboardEvent) => this.onKey(e, index, vm.segments.length, 1, 'li.option', select, ctx)}
        >
          <span><span class=${`swatch cat-${(index % CATEGORICAL_COLOURS) + 1}`} aria-hidden="true"></span>${s.label}</span>
          <span class="share" aria-hidden="true"><div ${styleProps({ width: `${(s.share * 100).toFixed(1)}%` })}></div></span>
          <span class="num">${fmt.integer(s.customers)} · ${fmt.percent(s.share)}</span>
          <span class="num">${fmt.money(s.revenue)}</span>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-rfm-grid': CrmRfmGrid;
  }
}
