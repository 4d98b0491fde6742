/**
 * `<crm-journey-map>`: lifecycle stages as columns with the customers flowing between them (a
 * d3-sankey layout; returns to an earlier stage drawn as arcs below), touchpoint rows per channel with
 * pain points marked, and the sentiment line by stage; or, with `mode="funnel"`, the conversion funnel.
 */
import { html, svg, nothing, type CSSResultGroup, type PropertyDeclarations, type TemplateResult } from 'lit';
import { sankey, sankeyLeft, type SankeyGraph, type SankeyLink } from 'd3-sankey';
import { STAGES } from '../../src/engine/analyses/lifecycle/stage-names.js';
import type { JourneyMapResult } from '../../src/engine/analyses/lifecycle/index.js';
import type { FunnelStep } from '../../src/engine/analyses/lifecycle/index.js';
import { CrmView, type AnalysisRequest, type ViewContext } from '../base/crm-view.js';
import { cell, type DataTable } from '../base/data-table.js';
import { gridKeyAction } from '../base/keyboard.js';
import { jsonAttribute } from '../base/json-attribute.js';
import { COLUMNS, funnelCustomers, journeyModel, stageCustomers, type JourneyModel, type SentimentMeasure } from './view-model.js';
import { journeyMapStyles } from './styles.js';

const UNITS = ['month', 'week', 'quarter'] as const;
const SANKEY_H = 200;
const ROW_H = 22;
const SENTIMENT_H = 70;

type Node = { index?: number; x0?: number; x1?: number; y0?: number; y1?: number; value?: number };
type Link = { source: number | Node; target: number | Node; value: number; width?: number; y0?: number; y1?: number; index?: number };

/** A flow's centre line from its source node to its target node, the horizontal cubic d3-sankey's `sankeyLinkHorizontal` draws. */
function flowPath(l: SankeyLink<Node, Link>): string {
  const x0 = (l.source as Node).x1!;
  const x1 = (l.target as Node).x0!;
  const mid = (x0 + x1) / 2;
  return `M${x0},${l.y0}C${mid},${l.y0},${mid},${l.y1},${x1},${l.y1}`;
}

/**
 * @summary Customer journey: lifecycle stages and flows, touchpoints, pain points, sentiment; or the funnel.
 *
 * @attr mode - `map` (default) or `funnel` (conversion between steps).
 * @attr unit - Snapshot period of the stages: `month` (default), `week` or `quarter`.
 * @attr periods - How many of the latest snapshots the flows sum over (default 12).
 * @attr sentiment - Sentiment line measure: `nps` (default) or `csat`.
 * @attr steps - JSON funnel steps, e.g. `[{"label":"Trial","source":"event","eventType":"trial"},{"label":"Paid","source":"order"}]` (default: signed up, first purchase, repeat purchase, advocate).
 * @attr window-days - Funnel conversion window in days (default 365).
 * @fires crm-select - Click or Enter on a stage (its customers at the last snapshot; key `stage:<id>`) or a funnel step (customers who reached it; key `step:<n>`).
 * @fires crm-hover - Pointer over a stage or step.
 * @csspart chart - The SVG map or funnel.
 * @csspart stage - A stage column (node).
 * @csspart stage-label - A stage's name and count.
 * @csspart flow - A flow ribbon between stages.
 * @csspart return - A return arc to an earlier stage.
 * @csspart touchpoint - A touchpoint mark.
 * @csspart pain-point - A pain-point marker.
 * @csspart sentiment - The sentiment line.
 * @csspart step - A funnel step bar.
 * @csspart meta - The as-of line.
 * @cssprop --crm-cat-1 - Stage colours: --crm-cat-1 .. --crm-cat-6 for acquired, new, growth, mature, declining, churned.
 * @cssprop --crm-color-negative - Pain-point markers.
 * @cssprop --crm-color-sparkline - Sentiment line.
 */
export class CrmJourneyMap extends CrmView<JourneyModel> {
  static override styles: CSSResultGroup = [...(CrmView.styles as CSSResultGroup[]), journeyMapStyles];

  static override properties: PropertyDeclarations = {
    ...CrmView.properties,
    mode: { type: String, reflect: true },
    unit: { type: String },
    periods: { type: Number },
    sentiment: { type: String },
    steps: { converter: jsonAttribute<FunnelStep[]>('steps') },
    windowDays: { type: Number, attribute: 'window-days' },
  };

  declare mode: 'map' | 'funnel';
  declare unit: (typeof UNITS)[number];
  declare periods: number;
  declare sentiment: SentimentMeasure;
  declare steps: FunnelStep[] | undefined;
  declare windowDays: number | undefined;

  protected readonly fileName = 'journey-map';
  private active = 0;

  constructor() {
    super();
    this.mode = 'map';
    this.unit = 'month';
    this.periods = 12;
    this.sentiment = 'nps';
  }

  protected override requests(): readonly AnalysisRequest[] {
    if (this.mode !== 'map' && this.mode !== 'funnel') throw new RangeError('mode must be map or funnel');
    if (!UNITS.includes(this.unit)) throw new RangeError(`unit must be one of ${UNITS.join(', ')}`);
    const funnel = { ...(this.steps ? { steps: this.steps } : {}), ...(this.windowDays !== undefined ? { windowDays: this.windowDays } : {}) };
    return [{ name: 'journey', options: { asOf: this.effectiveAsOf(), unit: this.unit, periods: Math.max(2, this.periods || 12), funnel } }];
  }

  protected override heading({ t }: ViewContext): string {
    return this.mode === 'funnel' ? t.t('journey.funnelTitle') : t.t('journey.title');
  }

  private get journey(): JourneyMapResult {
    return this.results![0] as JourneyMapResult;
  }

  protected override viewModel(results: readonly unknown[], ctx: ViewContext): JourneyModel {
    return journeyModel(results[0] as JourneyMapResult, this.sentiment === 'csat' ? 'csat' : 'nps', ctx.t, ctx.fmt);
  }

  protected override tableOf(vm: JourneyModel, { t, fmt }: ViewContext): DataTable {
    if (this.mode === 'funnel') {
      return {
        columns: [{ label: t.t('journey.col.step') }, { label: t.t('journey.col.customers'), numeric: true }, { label: t.t('journey.col.conversion'), numeric: true }, { label: t.t('journey.col.fromPrevious'), numeric: true }],
        rows: (vm.funnel ?? []).map((s) => [cell(s.name), cell(s.customers, fmt.integer(s.customers)), cell(s.conversion, fmt.percent(s.conversion)), cell(s.fromPrevious, fmt.percent(s.fromPrevious))]),
      };
    }
    const score = (v: number | null) => cell(v, v === null ? '–' : fmt.number(v, 1));
    return {
      columns: [
        { label: t.t('journey.col.stage') },
        { label: t.t('journey.col.customers'), numeric: true },
        { label: t.t('journey.col.inflow'), numeric: true },
        { label: t.t('journey.col.outflow'), numeric: true },
        { label: t.t('journey.col.interactions'), numeric: true },
        { label: t.t('journey.col.complaints'), numeric: true },
        { label: t.t('journey.col.nps'), numeric: true },
        { label: t.t('journey.col.csat'), numeric: true },
        { label: t.t('journey.col.pain') },
      ],
      rows: vm.columns.map((c) => [
        cell(c.name),
        cell(c.customers, fmt.integer(c.customers)),
        cell(c.inflow, fmt.integer(c.inflow)),
        cell(c.outflow, fmt.integer(c.outflow)),
        cell(c.interactions, fmt.integer(c.interactions)),
        cell(c.complaints, fmt.integer(c.complaints)),
        score(c.nps),
        score(c.csat),
        cell(c.painChannels.join('; ')),
      ]),
    };
  }

  private selectedKey(ctx: ViewContext): string | undefined {
    return ctx.selection?.source === this.localName ? ctx.selection.key : undefined;
  }

  private publish(key: string, label: string, indexes: readonly number[], ctx: ViewContext): void {
    if (this.selectedKey(ctx) === key) return this.publishSelection(null, ctx);
    this.publishCustomers(indexes, key, label, ctx);
  }

  private selectItem(index: number, vm: JourneyModel, ctx: ViewContext): void {
    if (this.mode === 'funnel') {
      const funnel = this.journey.funnel;
      if (funnel.available) this.publish(`step:${index + 1}`, vm.funnel![index].name, funnelCustomers(funnel.reached, index), ctx);
      return;
    }
    const stage = STAGES[index];
    this.publish(`stage:${stage}`, vm.columns[index + 1].name, stageCustomers(this.journey.current, stage), ctx);
  }

  private onKey(event: KeyboardEvent, index: number, count: number, vertical: boolean, vm: JourneyModel, ctx: ViewContext): void {
    const action = gridKeyAction(event, index, vertical ? count : 1, vertical ? 1 : count);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'move') {
      this.active = action.index;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelectorAll<SVGElement>('[data-item]')[action.index]?.focus());
    } else if (action.type === 'select') this.selectItem(index, vm, ctx);
    else this.publishSelection(null, ctx);
  }

  /** Attributes and handlers of a focusable, selectable item (stage or step). */
  private item(index: number, count: number, vertical: boolean, key: string, vm: JourneyModel, ctx: ViewContext) {
    return {
      tabindex: index === Math.min(this.active, count - 1) ? 0 : -1,
      selected: this.selectedKey(ctx) === key ? 'true' : 'false',
      click: () => {
        this.active = index;
        this.selectItem(index, vm, ctx);
      },
      keydown: (e: KeyboardEvent) => this.onKey(e, index, count, vertical, vm, ctx),
      enter: () => this.publishHover({ customers: [], source: this.localName, key }),
      leave: () => this.publishHover(null),
    };
  }

  protected override renderView(vm: JourneyModel, ctx: ViewContext): TemplateResult {
    const body = this.mode === 'funnel' ? this.renderFunnel(vm, ctx) : this.renderMap(vm, ctx);
    return html`${body}
      <p class="meta" part="meta">${ctx.t.t('journey.asOf', { date: vm.asOfDate, unit: ctx.t.t(`period.${vm.unit}` as 'period.month'), from: vm.firstPeriod })}</p>`;
  }

  private renderMap(vm: JourneyModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const width = Math.max(320, ctx.width || 640);
    // Room for the longest channel name on the left, at most a quarter of the width.
    const charWidth = parseFloat(getComputedStyle(this).fontSize || '14') * 0.5;
    const left = Math.round(Math.min(width / 4, Math.max(48, 12 + charWidth * vm.channels.reduce((m, c) => Math.max(m, c.length), 0))));
    const colW = (width - left) / COLUMNS.length;
    const nodeW = Math.min(18, colW * 0.25);
    const top = 22;
    const returnsH = vm.returns.length ? 36 : 0;
    const tpTop = top + SANKEY_H + returnsH + 30;
    const sentTop = tpTop + Math.max(1, vm.channels.length) * ROW_H + 20;
    const height = sentTop + SENTIMENT_H + 24;
    const cx = (i: number) => left + (i + 0.5) * colW;

    // Zero-value links along the stage order give every column its own Sankey layer.
    const links: Link[] = vm.forward.map((l) => ({ source: l.from, target: l.to, value: l.customers }));
    for (let i = 0; i + 1 < COLUMNS.length; i++) if (!vm.forward.some((l) => l.from === i && l.to === i + 1)) links.push({ source: i, target: i + 1, value: 0 });
    const graph: SankeyGraph<Node, Link> = sankey<Node, Link>()
      .nodeWidth(nodeW)
      .nodePadding(8)
      .nodeAlign(sankeyLeft)
      .nodeSort(null)
      .extent([
        [cx(0) - nodeW / 2, top],
        [cx(COLUMNS.length - 1) + nodeW / 2, top + SANKEY_H],
      ])({ nodes: COLUMNS.map(() => ({})), links });
    const drawn = graph.links.filter((l) => l.value > 0);
    const flowLabels = new Map(vm.forward.map((l) => [`${l.from}-${l.to}`, l.label]));
    const nodes = graph.nodes;
    const maxFlow = Math.max(1, ...vm.returns.map((l) => l.customers));
    const maxTouch = Math.max(1, ...vm.touchpoints.map((m) => m.interactions));
    const [lo, hi] = vm.sentiment === 'nps' ? [-100, 100] : [0, 100];
    const sy = (v: number) => sentTop + SENTIMENT_H - ((v - lo) / (hi - lo)) * SENTIMENT_H;
    const sentimentPoints = vm.columns.map((c, i) => ({ i, v: vm.sentiment === 'nps' ? c.nps : c.csat, c }));
    const linePath = sentimentPoints.reduce((d, p, k) => (p.v === null ? d : `${d}${k > 0 && sentimentPoints[k - 1].v !== null ? 'L' : 'M'}${cx(p.i)},${sy(p.v)}`), '');
    const count = STAGES.length;
    return html`<svg class="chart" part="chart" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-label=${t.t('journey.description', { periods: vm.periods })}>
      <g aria-hidden="true">
        ${drawn.map((l) => {
          const from = (l.source as Node).index!;
          const to = (l.target as Node).index!;
          return svg`<path part="flow" class=${`flow cat-stroke-${from + 1}`} d=${flowPath(l)} stroke-width=${Math.max(1, l.width ?? 1)} data-from=${COLUMNS[from]} data-to=${COLUMNS[to]} data-customers=${l.value}><title>${flowLabels.get(`${from}-${to}`) ?? ''}</title></path>`;
        })}
        ${vm.returns.map((l) => {
          const x1 = cx(l.from);
          const x2 = cx(l.to);
          const y = top + SANKEY_H + 4;
          return svg`<path part="return" class="return" d=${`M${x1},${y}C${x1},${y + returnsH} ${x2},${y + returnsH} ${x2},${y}`} stroke-width=${Math.max(1, (l.customers / maxFlow) * 6)} data-from=${COLUMNS[l.from]} data-to=${COLUMNS[l.to]} data-customers=${l.customers}><title>${l.label}</title></path>`;
        })}
        ${vm.returns.length ? svg`<text class="axis" x="4" y=${top + SANKEY_H + returnsH + 6}>${t.t('journey.returns')} ⤺</text>` : nothing}
        ${vm.columns.map((c, i) => svg`<text part="stage-label" class="stage-label" x=${cx(i)} y=${top - 8}>${c.name} · ${fmt.integer(c.customers)}</text>`)}
        <rect class="acquired" x=${nodes[0].x0} y=${nodes[0].y0} width=${nodeW} height=${Math.max(1, nodes[0].y1! - nodes[0].y0!)}></rect>
      </g>
      <g role="listbox" aria-label=${t.t('journey.title')} aria-orientation="horizontal">
        ${STAGES.map((stage, s) => {
          const n = nodes[s + 1];
          const key = `stage:${stage}`;
          const it = this.item(s, count, false, key, vm, ctx);
          const c = vm.columns[s + 1];
          const pain = c.painChannels.length ? ` · ${t.t('journey.painPoint')}: ${c.painChannels.join(', ')}` : '';
          return svg`<rect
            part="stage"
            class=${`stage${it.selected === 'true' ? ' selected' : ''}`}
            role="option"
            data-item
            data-stage=${stage}
            data-customers=${c.customers}
            data-inflow=${c.inflow}
            data-outflow=${c.outflow}
            tabindex=${it.tabindex}
            aria-selected=${it.selected}
            aria-label=${c.label + pain}
            x=${n.x0! - 4}
            y=${top}
            width=${nodeW + 8}
            height=${SANKEY_H}
            @click=${it.click}
            @keydown=${it.keydown}
            @focus=${() => (this.active = s)}
            @pointerenter=${it.enter}
            @pointerleave=${it.leave}
          ></rect>
          <rect class=${`node cat-${s + 2}`} aria-hidden="true" x=${n.x0} y=${n.y0} width=${nodeW} height=${Math.max(1, n.y1! - n.y0!)}></rect>`;
        })}
      </g>
      <g aria-hidden="true">
        <text class="axis section" x="4" y=${tpTop - 6}>${t.t('journey.touchpoints')}</text>
        ${vm.hasTouchpoints ? nothing : svg`<text class="axis" x=${left} y=${tpTop + ROW_H / 2}>${t.t('journey.noTouchpoints')}</text>`}
        ${vm.channels.map((ch, r) => svg`<text class="axis channel" x=${left - 6} y=${tpTop + (r + 0.5) * ROW_H}>${ch}</text><line class="row-line" x1=${left} x2=${width} y1=${tpTop + (r + 0.5) * ROW_H} y2=${tpTop + (r + 0.5) * ROW_H}></line>`)}
        ${vm.touchpoints.map((m) => {
          const r = Math.max(2, Math.sqrt(m.interactions / maxTouch) * (ROW_H / 2 - 2));
          const x = cx(m.col);
          const y = tpTop + (m.row + 0.5) * ROW_H;
          return svg`<circle part="touchpoint" class=${`touchpoint${m.painPoint ? ' pain' : ''}`} cx=${x} cy=${y} r=${r}><title>${m.label}</title></circle>
            ${m.painPoint ? svg`<text part="pain-point" class="pain-mark" x=${x + r + 2} y=${y}>⚠</text>` : nothing}`;
        })}
        <text class="axis section" x="4" y=${sentTop - 6}>${t.t('journey.sentiment')} (${vm.sentiment === 'nps' ? t.t('journey.col.nps') : t.t('journey.col.csat')})</text>
        <line class="row-line" x1=${left} x2=${width} y1=${sy(vm.sentiment === 'nps' ? 0 : 50)} y2=${sy(vm.sentiment === 'nps' ? 0 : 50)}></line>
        <text class="axis channel" x=${left - 6} y=${sy(hi) + 8}>${hi}</text>
        <text class="axis channel" x=${left - 6} y=${sy(lo) - 8}>${lo}</text>
        <path part="sentiment" class="sentiment" d=${linePath}></path>
        ${sentimentPoints.map((p) =>
          p.v === null
            ? nothing
            : svg`<circle class="sentiment-point" cx=${cx(p.i)} cy=${sy(p.v)} r="3" data-stage=${p.c.id} data-value=${p.v}><title>${t.t('journey.sentimentPoint', { stage: p.c.name, measure: vm.sentiment === 'nps' ? 'NPS' : 'CSAT', value: fmt.number(p.v, 0), answers: fmt.integer(p.c.answers) })}</title></circle>
              <text class="sentiment-value" x=${cx(p.i)} y=${sy(p.v) - 8}>${fmt.number(p.v, 0)}</text>`,
        )}
      </g>
    </svg>`;
  }

  private renderFunnel(vm: JourneyModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const steps = vm.funnel;
    if (!steps) return html`<div class="state unavailable" part="state" role="status"><p>${t.t('journey.noFunnel')}</p></div>`;
    const width = Math.max(280, ctx.width || 560);
    const barH = 30;
    const gap = 22;
    const labelW = Math.min(160, width * 0.3);
    const barMax = width - labelW - 80;
    const height = steps.length * (barH + gap) + 8;
    const first = Math.max(1, steps[0]?.customers ?? 1);
    return html`<svg class="chart" part="chart" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-label=${t.t('journey.window', { days: vm.funnelWindowDays ?? 0 })}>
      <g role="listbox" aria-label=${t.t('journey.funnelTitle')} aria-orientation="vertical">
        ${steps.map((s, i) => {
          const key = `step:${i + 1}`;
          const it = this.item(i, steps.length, true, key, vm, ctx);
          const y = 4 + i * (barH + gap);
          const w = Math.max(2, (s.customers / first) * barMax);
          return svg`<g>
            <rect part="step" class=${`step cat-1${it.selected === 'true' ? ' selected' : ''}`} role="option" data-item data-step=${i + 1} data-customers=${s.customers} tabindex=${it.tabindex} aria-selected=${it.selected} aria-label=${s.label} x=${labelW} y=${y} width=${w} height=${barH} @click=${it.click} @keydown=${it.keydown} @focus=${() => (this.active = i)} @pointerenter=${it.enter} @pointerleave=${it.leave}></rect>
            <text class="step-name" aria-hidden="true" x=${labelW - 8} y=${y + barH / 2}>${s.name}</text>
            <text class="step-value" aria-hidden="true" x=${labelW + w + 6} y=${y + barH / 2}>${fmt.integer(s.customers)} · ${fmt.percent(s.conversion)}</text>
            ${i > 0 ? svg`<text class="conversion" aria-hidden="true" x=${labelW} y=${y - 6}>↓ ${t.t('journey.conversion', { rate: fmt.percent(s.fromPrevious) })}</text>` : nothing}
          </g>`;
        })}
      </g>
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-journey-map': CrmJourneyMap;
  }
}
