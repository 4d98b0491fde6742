/**
 * `<crm-value-quadrant>`: one point per customer, current value score (x) against potential value
 * score (y), quadrant lines at the thresholds and the four tiers named with their counts and value
 * shares. Points are SVG circles up to `canvas-threshold` customers and a canvas beyond; hover, click
 * and brush hit-test through a spatial grid, so 100k customers stay responsive. Zoom (Ctrl or ⌘ +
 * wheel, a trackpad pinch in Chromium and Firefox, +/-, buttons) and pan (Shift+drag, pan mode,
 * Shift+arrows) change the visible score domain; a plain wheel scrolls the host page, as on an
 * embedded map. Brush and click work in score units, so they select the same customers at any zoom.
 */
import { ticks } from 'd3-array';
import { html, svg, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ValueTiersResult } from '../../src/engine/analyses/tiers/index.js';
import type { FeedSelection } from '../../src/feed/types.js';
import { CrmView, type AnalysisRequest, type ViewContext } from '../base/crm-view.js';
import { cell, type DataTable } from '../base/data-table.js';
import { serializeSvg, svgToPng } from '../base/export.js';
import { gridKeyAction } from '../base/keyboard.js';
import { jsonAttribute } from '../base/json-attribute.js';
import { highlightOf, nearestPoint, pointIndex, pointLabel, pointOrders, pointsInRect, quadrantModel, tierRanges, TIER_COLOURS, type Highlight, type PointIndex, type QuadrantModel, type TierView } from './view-model.js';
import { valueQuadrantStyles } from './styles.js';
import { blendSquare, canvasRgb, type Rgb } from './raster.js';
import { between, FULL_DOMAIN, inDomain, isFull, MAX_ZOOM, panBy, ZOOM_STEP, zoomAt, type Domain } from './zoom.js';
import { styleProps } from '../base/style-props.js';
import { selectionMask } from '../base/selection-mask.js';

const MARGIN = { top: 8, right: 12, bottom: 40, left: 44 };
const POTENTIALS = ['auto', 'model', 'field', 'attributes'] as const;
/** Tier codes in display order, row by row from the top: growth, strategic / basic, profit. */
const DISPLAY = [1, 0, 3, 2] as const;
const HIT_PX = 6;
/** Share of the visible span one Shift+arrow press pans. */
const PAN_STEP = 0.1;
/** Duration of an animated (button or key) zoom, skipped under reduced motion. */
const ZOOM_MS = 160;

interface Plot {
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
}

/** A pair "a,b" of numbers (either may be blank), or a RangeError naming the attribute. */
function pair(value: string | undefined, name: string): [number | undefined, number | undefined] {
  if (!value || !value.trim()) return [undefined, undefined];
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 2) throw new RangeError(`${name} must be two comma-separated numbers, e.g. "0.6,0.4"`);
  return parts.map((s) => {
    if (s === '') return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) throw new RangeError(`${name} must be two comma-separated numbers`);
    return n;
  }) as [number | undefined, number | undefined];
}

/**
 * @summary Value quadrant: customers by current and potential value, four named tiers, brush to select.
 *
 * @attr weights - Composite weights `current,potential` (default `0.6,0.4`; any non-negative pair, normalised).
 * @attr thresholds - Quadrant thresholds in score units `current,potential` (0-100); a blank side is that axis's median (default both).
 * @attr potential - Potential value source: `auto` (default: model-predicted future value, else `customers.potential`), `model`, `field` (customers.potential) or `attributes`.
 * @attr potential-weights - JSON weights of customer attributes for `potential="attributes"`, e.g. `{"employees": 1, "budget": 2}`.
 * @attr window-months - Months of orders in the current value (default 12).
 * @attr current-value - `revenue` (default) or `margin`.
 * @attr canvas-threshold - Above this many customers the points are drawn on a canvas (default 2000).
 * @prop visibleDomain - The score ranges the plot shows, `{ x0, x1, y0, y1 }` (read only; 0-100 each when not zoomed).
 * @fires crm-select - Click on a point (key `customer:<id>`), on empty space in a quadrant or Enter on a tier (key `tier:<id>`), or a brushed rectangle (key `brush:...`); detail `{ customers, source, key, label }`.
 * @fires crm-hover - The point under the pointer.
 * @csspart chart - The SVG plot (axes, quadrants, SVG points, brush).
 * @csspart canvas - The canvas the points are drawn on above the canvas threshold.
 * @csspart quadrant - A tier's quadrant.
 * @csspart tier-label - A tier's name, count and value share.
 * @csspart threshold - A quadrant line.
 * @csspart point - A customer point (SVG mode).
 * @csspart brush - The brush rectangle.
 * @csspart tooltip - The point tooltip.
 * @csspart meta - The as-of, weights and source line.
 * @csspart zoom-controls - The zoom in / zoom out / reset / pan buttons.
 * @cssprop --crm-cat-1 - Strategic partner tier colour (--crm-cat-3 growth, --crm-cat-2 profit, --crm-cat-4 basic).
 * @cssprop --crm-quadrant-point-radius - Point radius in SVG mode (default 3px).
 * @cssprop --crm-quadrant-height - Plot height (default: as wide as tall up to 420px).
 */
export class CrmValueQuadrant extends CrmView<QuadrantModel> {
  static override styles: CSSResultGroup = [...(CrmView.styles as CSSResultGroup[]), valueQuadrantStyles];

  static override properties: PropertyDeclarations = {
    ...CrmView.properties,
    weights: { type: String },
    thresholds: { type: String },
    potential: { type: String },
    potentialWeights: { attribute: 'potential-weights', converter: jsonAttribute<Record<string, number>>('potential-weights') },
    windowMonths: { type: Number, attribute: 'window-months' },
    currentValue: { type: String, attribute: 'current-value' },
    canvasThreshold: { type: Number, attribute: 'canvas-threshold' },
  };

  declare weights: string | undefined;
  declare thresholds: string | undefined;
  declare potential: (typeof POTENTIALS)[number];
  declare potentialWeights: Record<string, number> | undefined;
  declare windowMonths: number;
  declare currentValue: 'revenue' | 'margin';
  declare canvasThreshold: number;

  protected readonly fileName = 'value-quadrant';
  /** The point index (per results) and the shown selection's highlight (per selection). */
  private memo: { results: unknown; points: PointIndex; selection: FeedSelection | null; customerIds: readonly string[]; highlight: Highlight } | undefined;
  private activeTier = 0;
  /** Point the keyboard cursor is on (-1 before the first move). */
  private activePoint = -1;
  private hoverPoint = -1;
  private brush: { sx: number; sy: number; ex: number; ey: number; px: number; py: number } | null = null;
  private frame = 0;
  private drawnKey = '';
  /** The tier colours as the canvas paints them, for the CSS colours they were read from. */
  private rgb: { key: string; values: readonly Rgb[] } = { key: '', values: [] };
  private plot: Plot = { x0: 0, y0: 0, w: 0, h: 0 };
  /** The quadrant backgrounds in plot pixels with their opacity (drawn under the canvas points). */
  private backdrops: readonly { x: number; y: number; w: number; h: number; opacity: number }[] = [];
  private domain: Domain = FULL_DOMAIN;
  /** Where the view is going (the domain itself once an animated zoom has finished). */
  private goal: Domain = FULL_DOMAIN;
  /** Whether a plain drag pans instead of brushing. */
  private panMode = false;
  private pan: { px: number; py: number; from: Domain } | null = null;
  private tween = 0;

  constructor() {
    super();
    this.potential = 'auto';
    this.windowMonths = 12;
    this.currentValue = 'revenue';
    this.canvasThreshold = 2000;
  }

  protected override requests(): readonly AnalysisRequest[] {
    const [wc, wp] = pair(this.weights, 'weights');
    const [tc, tp] = pair(this.thresholds, 'thresholds');
    if (!POTENTIALS.includes(this.potential)) throw new RangeError(`potential must be one of ${POTENTIALS.join(', ')}`);
    const thresholds: Record<string, number> = {};
    if (tc !== undefined) thresholds.current = tc;
    if (tp !== undefined) thresholds.potential = tp;
    return [
      {
        name: 'valueTiers',
        options: {
          asOf: this.effectiveAsOf(),
          potential: this.potential,
          ...(this.potential === 'attributes' ? { potentialWeights: this.potentialWeights ?? {} } : {}),
          weights: { current: wc ?? 0.6, potential: wp ?? 0.4 },
          thresholds,
          windowMonths: this.windowMonths || 12,
          currentValue: this.currentValue === 'margin' ? 'margin' : 'revenue',
        },
      },
    ];
  }

  protected override heading({ t }: ViewContext): string {
    return t.t('quadrant.title');
  }

  protected override viewModel(results: readonly unknown[], ctx: ViewContext): QuadrantModel {
    const result = results[0] as ValueTiersResult;
    // The point index is the heavy part: rebuild it only for new results; a selection only remakes the mask.
    let memo = this.memo;
    if (!memo || memo.results !== result) {
      const points = pointIndex(result);
      // Keyboard movement needs the points sorted: sort them while the page is idle, not on the first key.
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => pointOrders(points));
      memo = { results: result, points, selection: ctx.selection, customerIds: ctx.customerIds, highlight: highlightOf(points, ctx.selection ? selectionMask(ctx.selection, ctx.customerIds) : undefined) };
      this.activePoint = -1;
      this.hoverPoint = -1;
    } else if (memo.selection !== ctx.selection || memo.customerIds !== ctx.customerIds) {
      memo = { ...memo, selection: ctx.selection, customerIds: ctx.customerIds, highlight: highlightOf(memo.points, ctx.selection ? selectionMask(ctx.selection, ctx.customerIds) : undefined) };
    }
    this.memo = memo;
    return quadrantModel(result, memo.points, memo.highlight, ctx.t, ctx.fmt);
  }

  protected override tableOf(vm: QuadrantModel, { t, fmt }: ViewContext): DataTable {
    const share = (v: number | null) => cell(v, v === null ? '–' : fmt.percent(v));
    return {
      columns: [
        { label: t.t('quadrant.col.tier') },
        { label: t.t('quadrant.col.customers'), numeric: true },
        { label: t.t('quadrant.col.share'), numeric: true },
        { label: t.t('quadrant.col.value'), numeric: true },
        { label: t.t('quadrant.col.valueShare'), numeric: true },
        { label: t.t('quadrant.col.potentialShare'), numeric: true },
        { label: t.t('quadrant.col.composite'), numeric: true },
      ],
      rows: vm.tiers.map((tier) => [
        cell(tier.name),
        cell(tier.customers, fmt.integer(tier.customers)),
        share(tier.customerShare),
        cell(tier.currentValue, fmt.money(tier.currentValue)),
        share(tier.valueShare),
        share(tier.potentialShare),
        cell(tier.meanComposite, tier.meanComposite === null ? '–' : fmt.number(tier.meanComposite, 1)),
      ]),
    };
  }

  private useCanvas(vm: QuadrantModel): boolean {
    return vm.points.n > (Number.isFinite(this.canvasThreshold) ? this.canvasThreshold : 2000);
  }

  private selectedKey(ctx: ViewContext): string | undefined {
    return ctx.selection?.source === this.localName ? ctx.selection.key : undefined;
  }

  private publish(key: string, label: string, points: ArrayLike<number>, vm: QuadrantModel, ctx: ViewContext): void {
    if (this.selectedKey(ctx) === key) return this.publishSelection(null, ctx);
    this.publishCustomers(Array.from(points, (p) => vm.points.customer[p]), key, label, ctx);
  }

  private selectTier(tier: TierView, vm: QuadrantModel, ctx: ViewContext): void {
    const members: number[] = [];
    for (let p = 0; p < vm.points.n; p++) if (vm.points.tier[p] === tier.code) members.push(p);
    this.publish(`tier:${tier.tier}`, tier.name, members, vm, ctx);
  }

  private selectPoint(p: number, vm: QuadrantModel, ctx: ViewContext): void {
    const id = ctx.customerIds[vm.points.customer[p]];
    this.publish(`customer:${id}`, id, [p], vm, ctx);
  }

  // Pointer: position in score units of the plot.
  private scoreAt(event: MouseEvent): { sx: number; sy: number; px: number; py: number } {
    const chart = (event.currentTarget as SVGElement).closest('svg')!;
    const svgBox = chart.getBoundingClientRect();
    // In viewBox units: the plot may be drawn scaled when its box is narrower than the layout width.
    const view = chart.viewBox.baseVal;
    const px = (event.clientX - svgBox.left) * (view && svgBox.width ? view.width / svgBox.width : 1);
    const py = (event.clientY - svgBox.top) * (view && svgBox.height ? view.height / svgBox.height : 1);
    const { x0, y0, w, h } = this.plot;
    const d = this.domain;
    const sx = d.x0 + ((px - x0) / w) * (d.x1 - d.x0);
    const sy = d.y0 + ((y0 + h - py) / h) * (d.y1 - d.y0);
    return { sx: Math.min(d.x1, Math.max(d.x0, sx)), sy: Math.min(d.y1, Math.max(d.y0, sy)), px, py };
  }

  /** Hit radius in score units along x and y at the current zoom. */
  private hitRadius(): [number, number] {
    const d = this.domain;
    return [(HIT_PX / this.plot.w) * (d.x1 - d.x0), (HIT_PX / this.plot.h) * (d.y1 - d.y0)];
  }

  /** The score ranges the plot shows (0-100 each when not zoomed). */
  get visibleDomain(): Domain {
    return { ...this.domain };
  }

  /** Zooms by `factor` (> 1 in, < 1 out) about the score point `center` (default: the middle of the view). */
  zoomBy(factor: number, center?: { x: number; y: number }): void {
    const d = this.goal;
    this.setDomain(zoomAt(d, factor, center?.x ?? (d.x0 + d.x1) / 2, center?.y ?? (d.y0 + d.y1) / 2), true);
  }

  /** Shows the whole score square again. */
  resetZoom(): void {
    this.setDomain(FULL_DOMAIN, true);
  }

  /** Moves the view to `next`, animated unless `animate` is false or the user prefers reduced motion. */
  private setDomain(next: Domain, animate = false): void {
    if (this.tween) cancelAnimationFrame(this.tween);
    this.tween = 0;
    const from = this.domain;
    this.goal = next;
    if (!animate || this.context().reducedMotion || typeof requestAnimationFrame === 'undefined') {
      this.domain = next;
      this.requestUpdate();
      return;
    }
    const start = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / ZOOM_MS);
      this.domain = t >= 1 ? next : between(from, next, 1 - (1 - t) ** 3);
      this.tween = t >= 1 ? 0 : requestAnimationFrame(step);
      this.requestUpdate();
    };
    this.tween = requestAnimationFrame(step);
  }

  /** Renders once in the next frame however many pointer events arrive before it. */
  private scheduleFrame(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.requestUpdate();
    });
  }

  private onWheel(event: WheelEvent): void {
    // A plain wheel is the page's: a widget in someone's portal must not trap its scrolling. Ctrl or
    // ⌘ with the wheel zooms, and so does a trackpad pinch where the browser sends it as a Ctrl+wheel
    // (Chromium, Firefox; Safari sends gesture events, so a pinch there zooms the page).
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    const at = this.scoreAt(event);
    const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    this.setDomain(zoomAt(this.domain, Math.exp(-event.deltaY * lines * 0.002), at.sx, at.sy));
  }

  /** +/- zoom, 0 resets, Shift+arrows pan; true when the key was one of these. */
  private onZoomKey(event: KeyboardEvent): boolean {
    const d = this.goal;
    const pans: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (event.shiftKey && event.key in pans) {
      const [dx, dy] = pans[event.key];
      this.setDomain(panBy(d, dx * PAN_STEP * (d.x1 - d.x0), dy * PAN_STEP * (d.y1 - d.y0)));
    } else if (event.key === '+' || event.key === '=') this.zoomBy(ZOOM_STEP);
    else if (event.key === '-' || event.key === '_') this.zoomBy(1 / ZOOM_STEP);
    else if (event.key === '0') this.resetZoom();
    else return false;
    event.preventDefault();
    return true;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const at = this.scoreAt(event);
    if (this.panMode || event.shiftKey) {
      if (this.tween) cancelAnimationFrame(this.tween);
      this.tween = 0;
      this.pan = { px: at.px, py: at.py, from: this.domain };
      (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
      return;
    }
    this.brush = { sx: at.sx, sy: at.sy, ex: at.sx, ey: at.sy, px: at.px, py: at.py };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  }

  private onPointerMove(event: PointerEvent, vm: QuadrantModel): void {
    const at = this.scoreAt(event);
    if (this.pan) {
      const { from, px, py } = this.pan;
      this.domain = this.goal = panBy(from, ((px - at.px) / this.plot.w) * (from.x1 - from.x0), ((at.py - py) / this.plot.h) * (from.y1 - from.y0));
    } else if (this.brush) {
      this.brush = { ...this.brush, ex: at.sx, ey: at.sy };
    } else {
      const p = nearestPoint(vm.points, at.sx, at.sy, ...this.hitRadius());
      if (p === this.hoverPoint) return;
      this.hoverPoint = p;
      const ids = this.context().customerIds;
      this.publishHover(p < 0 ? null : { customers: [ids[vm.points.customer[p]]], source: this.localName, key: `customer:${ids[vm.points.customer[p]]}` });
    }
    this.scheduleFrame();
  }

  private onPointerUp(event: PointerEvent, vm: QuadrantModel, ctx: ViewContext): void {
    if (this.pan) {
      this.pan = null;
      this.requestUpdate();
      return;
    }
    const brush = this.brush;
    if (!brush) return;
    this.brush = null;
    const at = this.scoreAt(event);
    if (Math.hypot(at.px - brush.px, at.py - brush.py) < 4) {
      const p = nearestPoint(vm.points, at.sx, at.sy, ...this.hitRadius());
      if (p >= 0) this.selectPoint(p, vm, ctx);
      else {
        const highCurrent = at.sx >= vm.thresholds.current;
        const highPotential = at.sy >= vm.thresholds.potential;
        this.selectTier(vm.tiers.find((t) => t.highCurrent === highCurrent && t.highPotential === highPotential)!, vm, ctx);
      }
    } else {
      const [x0, x1] = [Math.min(brush.sx, at.sx), Math.max(brush.sx, at.sx)];
      const [y0, y1] = [Math.min(brush.sy, at.sy), Math.max(brush.sy, at.sy)];
      const f = (v: number) => ctx.fmt.number(v, 0);
      this.publish(`brush:${x0.toFixed(1)}-${x1.toFixed(1)},${y0.toFixed(1)}-${y1.toFixed(1)}`, ctx.t.t('quadrant.selectionArea', { x0: f(x0), x1: f(x1), y0: f(y0), y1: f(y1) }), pointsInRect(vm.points, x0, x1, y0, y1), vm, ctx);
    }
    this.requestUpdate();
  }

  private async focusTier(index: number): Promise<void> {
    this.activeTier = index;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelectorAll<SVGElement>('rect.quadrant')[index]?.focus();
  }

  private onTierKey(event: KeyboardEvent, index: number, vm: QuadrantModel, ctx: ViewContext): void {
    if (this.onZoomKey(event)) return;
    const action = gridKeyAction(event, index, 2, 2);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'move') void this.focusTier(action.index);
    else if (action.type === 'select') this.selectTier(vm.tiers[DISPLAY[index]], vm, ctx);
    else this.publishSelection(null, ctx);
  }

  private onPointsKey(event: KeyboardEvent, vm: QuadrantModel, ctx: ViewContext): void {
    if (this.onZoomKey(event)) return;
    const pts = vm.points;
    if (pts.n === 0) return;
    const { byX, byY, rankX, rankY } = pointOrders(pts);
    const p = this.activePoint >= 0 ? this.activePoint : byX[pts.n - 1];
    const step = (by: Int32Array, rank: Int32Array, d: number) => by[Math.min(pts.n - 1, Math.max(0, rank[p] + d))];
    let next = -1;
    switch (event.key) {
      case 'ArrowRight':
        next = this.activePoint < 0 ? p : step(byX, rankX, 1);
        break;
      case 'ArrowLeft':
        next = this.activePoint < 0 ? p : step(byX, rankX, -1);
        break;
      case 'ArrowUp':
        next = this.activePoint < 0 ? p : step(byY, rankY, 1);
        break;
      case 'ArrowDown':
        next = this.activePoint < 0 ? p : step(byY, rankY, -1);
        break;
      case 'Home':
        next = byX[0];
        break;
      case 'End':
        next = byX[pts.n - 1];
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (this.activePoint >= 0) this.selectPoint(this.activePoint, vm, ctx);
        return;
      case 'Escape':
        event.preventDefault();
        this.publishSelection(null, ctx);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activePoint = next;
    // Keep the keyboard cursor in view: centre the view on a point outside it.
    const d = this.goal;
    if (!inDomain(d, pts.x[next], pts.y[next])) this.setDomain(panBy(d, pts.x[next] - (d.x0 + d.x1) / 2, pts.y[next] - (d.y0 + d.y1) / 2));
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.drawCanvas();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.tween) cancelAnimationFrame(this.tween);
    this.frame = 0;
    this.tween = 0;
  }

  /** Draws the points on the canvas when it is shown and something it depends on changed. */
  private drawCanvas(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.points');
    const points = this.memo?.points;
    const highlight = this.memo?.highlight;
    if (!canvas || !points || !highlight) {
      this.drawnKey = '';
      return;
    }
    const { w, h } = this.plot;
    const ratio = devicePixelRatio || 1;
    const style = getComputedStyle(this);
    const colours = TIER_COLOURS.map((c) => style.getPropertyValue(`--_cat-${c}`).trim() || '#888');
    const d = this.domain;
    const surface = style.getPropertyValue('--_color-surface-raised').trim() || '#f5f7fa';
    const key = `${points.n}|${w}|${h}|${ratio}|${colours.join()}|${surface}|${this.memo!.selection?.key ?? ''}|${d.x0},${d.x1},${d.y0},${d.y1}|${JSON.stringify(this.backdrops)}`;
    if (key === this.drawnKey && canvas.width === Math.round(w * ratio)) return;
    this.drawnKey = key;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    // Read back every frame (the points are blended into the pixels), so keep the canvas on the CPU.
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    if (this.rgb.key !== colours.join()) this.rgb = { key: colours.join(), values: colours.map((c) => canvasRgb(g, c)) };
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, w, h);
    // The quadrant backgrounds go under the points here (the SVG's quadrants are transparent over a canvas).
    g.fillStyle = surface;
    for (const b of this.backdrops) {
      g.globalAlpha = b.opacity;
      g.fillRect(b.x, b.y, b.w, b.h);
    }
    // Points grow as the view zooms in (dense clouds spread out), up to 4 px.
    const size = Math.min(4, (points.n > 20000 ? 1.5 : 2.5) * Math.sqrt(100 / Math.max(d.x1 - d.x0, d.y1 - d.y0)));
    const kx = w / (d.x1 - d.x0);
    const ky = h / (d.y1 - d.y0);
    g.globalAlpha = 1;
    const { x, y, items } = points;
    const { mask, any, selected, tierStarts } = highlight;
    const image = g.getImageData(0, 0, canvas.width, canvas.height);
    const side = Math.max(1, Math.round(size * ratio));
    const full = points.n > 20000 ? 0.5 : 0.8;
    const blend = (p: number, rgb: Rgb, alpha: number) =>
      blendSquare(image.data, image.width, image.height, Math.round(((x[p] - d.x0) * kx - size / 2) * ratio), Math.round((h - (y[p] - d.y0) * ky - size / 2) * ratio), side, rgb, alpha);
    // One tier at a time over the grid buckets that show (a zoomed view walks only its part of the
    // points): every point, or with a selection the dimmed ones, then the selected ones on top from
    // their own list (squares off the canvas are clipped). Squares of one colour and opacity blend
    // the same in any order.
    for (let tier = 0; tier < 4; tier++) {
      const rgb = this.rgb.values[tier];
      const alpha = any ? 0.15 : full;
      tierRanges(points, tier, d.x0 - size / kx, d.x1 + size / kx, d.y0 - size / ky, d.y1 + size / ky, (start, end) => {
        for (let k = start; k < end; k++) if (mask[items[k]] === 0) blend(items[k], rgb, alpha);
      });
    }
    for (let tier = 0; tier < 4; tier++) {
      for (let k = tierStarts[tier]; k < tierStarts[tier + 1]; k++) blend(selected[k], this.rgb.values[tier], full);
    }
    g.putImageData(image, 0, 0);
  }

  override toSvg(): string | undefined {
    const chart = this.chartSvg();
    if (!chart) return undefined;
    const text = serializeSvg(chart);
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.points');
    if (!canvas) return text;
    // Canvas points go into the file as an image under the axes.
    const { x0, y0, w, h } = this.plot;
    const image = `<image x="${x0}" y="${y0}" width="${w}" height="${h}" href="${canvas.toDataURL('image/png')}"/>`;
    return text.replace(/(<svg[^>]*>)/, `$1${image}`);
  }

  override async toPng(): Promise<Blob | undefined> {
    const svgText = this.toSvg();
    const chart = this.chartSvg();
    if (!svgText || !chart) return undefined;
    const box = chart.getBoundingClientRect();
    return svgToPng(svgText, box.width, box.height, getComputedStyle(this).backgroundColor || '#fff');
  }

  private renderZoomControls({ t, fmt }: ViewContext): TemplateResult {
    const d = this.domain;
    const factor = 100 / Math.max(d.x1 - d.x0, d.y1 - d.y0);
    const f = (v: number) => fmt.number(v, factor >= 8 ? 1 : 0);
    return html`<div class="zoom" part="zoom-controls" role="toolbar" aria-label=${t.t('quadrant.zoomControls')}>
      <button type="button" class="zoom-in" aria-label=${t.t('quadrant.zoomIn')} title=${t.t('quadrant.zoomIn')} ?disabled=${factor >= MAX_ZOOM - 1e-9} @click=${() => this.zoomBy(ZOOM_STEP)}>+</button>
      <button type="button" class="zoom-out" aria-label=${t.t('quadrant.zoomOut')} title=${t.t('quadrant.zoomOut')} ?disabled=${isFull(d)} @click=${() => this.zoomBy(1 / ZOOM_STEP)}>−</button>
      <button type="button" class="zoom-reset" ?disabled=${isFull(d)} @click=${() => this.resetZoom()}>${t.t('quadrant.zoomReset')}</button>
      <button
        type="button"
        class="pan-mode"
        aria-pressed=${this.panMode ? 'true' : 'false'}
        title=${t.t('quadrant.zoomHelp')}
        @click=${() => {
          this.panMode = !this.panMode;
          this.requestUpdate();
        }}
      >
        ${t.t('quadrant.pan')}
      </button>
      <span class="zoom-level">${t.t('quadrant.zoomLevel', { factor: fmt.number(factor, 1), x0: f(d.x0), x1: f(d.x1), y0: f(d.y0), y1: f(d.y1) })}</span>
    </div>`;
  }

  protected override renderView(vm: QuadrantModel, ctx: ViewContext): TemplateResult {
    const { t, fmt } = ctx;
    const width = Math.max(260, ctx.width || 560);
    const w = width - MARGIN.left - MARGIN.right;
    const cssHeight = parseFloat(getComputedStyle(this).getPropertyValue('--crm-quadrant-height'));
    const h = Math.round(cssHeight > 0 ? cssHeight : Math.min(w, 420));
    const height = MARGIN.top + h + MARGIN.bottom;
    this.plot = { x0: MARGIN.left, y0: MARGIN.top, w, h };
    const d = this.domain;
    const X = (s: number) => MARGIN.left + ((s - d.x0) / (d.x1 - d.x0)) * w;
    const Y = (s: number) => MARGIN.top + h - ((s - d.y0) / (d.y1 - d.y0)) * h;
    // Screen position of a score clamped to the visible domain (quadrants and lines end at the plot's edge).
    const CX = (s: number) => X(Math.min(d.x1, Math.max(d.x0, s)));
    const CY = (s: number) => Y(Math.min(d.y1, Math.max(d.y0, s)));
    const tc = vm.thresholds.current;
    const tp = vm.thresholds.potential;
    const canvas = this.useCanvas(vm);
    const selectedKey = this.selectedKey(ctx);
    const pts = vm.points;
    const { mask, any } = vm.highlight;
    const cursor = this.activePoint;
    const hover = this.hoverPoint >= 0 ? this.hoverPoint : cursor;
    const shown = hover >= 0 && hover < pts.n && inDomain(d, pts.x[hover], pts.y[hover]) ? hover : -1;
    const radius = parseFloat(getComputedStyle(this).getPropertyValue('--crm-quadrant-point-radius')) || 3;
    const brush = this.brush;
    const quadrants = DISPLAY.map((code) => {
      const tier = vm.tiers[code];
      const [sx0, sx1] = tier.highCurrent ? [tc, 100] : [0, tc];
      const [sy0, sy1] = tier.highPotential ? [tp, 100] : [0, tp];
      return { tier, x: CX(sx0), y: CY(sy1), w: CX(sx1) - CX(sx0), h: CY(sy0) - CY(sy1) };
    });
    this.backdrops = quadrants.map((q) => ({
      x: q.x - MARGIN.left,
      y: q.y - MARGIN.top,
      w: Math.max(0, q.w),
      h: Math.max(0, q.h),
      opacity: q.tier.tier === 'strategic' || q.tier.tier === 'basic' ? 0.9 : 0.5,
    }));
    const activeTier = Math.min(3, Math.max(0, this.activeTier));
    const span = Math.max(d.x1 - d.x0, d.y1 - d.y0);
    const tick = (v: number) => fmt.number(v, span < 10 ? 1 : 0);
    return html`${this.renderZoomControls(ctx)}
      <div class="plot-wrap" ${styleProps({ width: `${width}px`, height: `${height}px` })}>
        ${canvas ? html`<canvas class="points" part="canvas" aria-hidden="true" ${styleProps({ left: `${MARGIN.left}px`, top: `${MARGIN.top}px`, width: `${w}px`, height: `${h}px` })}></canvas>` : nothing}
        <svg
          class=${`chart${canvas ? ' over-canvas' : ''}${this.panMode ? ' pan' : ''}${this.pan ? ' panning' : ''}`}
          part="chart"
          width=${width}
          height=${height}
          viewBox="0 0 ${width} ${height}"
          role="group"
          aria-label=${`${t.t('quadrant.description')} ${t.t('quadrant.zoomHelp')}`}
          data-domain=${`${d.x0},${d.x1},${d.y0},${d.y1}`}
          @pointerdown=${(e: PointerEvent) => this.onPointerDown(e)}
          @pointermove=${(e: PointerEvent) => this.onPointerMove(e, vm)}
          @pointerup=${(e: PointerEvent) => this.onPointerUp(e, vm, ctx)}
          @wheel=${(e: WheelEvent) => this.onWheel(e)}
          @pointerleave=${() => {
            if (this.hoverPoint >= 0 && !this.brush) {
              this.hoverPoint = -1;
              this.publishHover(null);
              this.requestUpdate();
            }
          }}
        >
          <defs><clipPath id="plot-clip"><rect x=${MARGIN.left} y=${MARGIN.top} width=${w} height=${h}></rect></clipPath></defs>
          <g role="grid" aria-label=${t.t('quadrant.title')} aria-rowcount="2" aria-colcount="2">
            ${[0, 1].map(
              (row) => svg`<g role="row">${quadrants.slice(row * 2, row * 2 + 2).map((q, i) => {
                const index = row * 2 + i;
                const key = `tier:${q.tier.tier}`;
                return svg`<rect
                  part="quadrant"
                  class=${`quadrant tier-${q.tier.tier}${selectedKey === key ? ' selected' : ''}`}
                  role="gridcell"
                  tabindex=${index === activeTier ? 0 : -1}
                  aria-label=${q.tier.highlighted !== null ? `${q.tier.label} (${fmt.integer(q.tier.highlighted)})` : q.tier.label}
                  aria-selected=${selectedKey === key ? 'true' : 'false'}
                  data-tier=${q.tier.tier}
                  data-customers=${q.tier.customers}
                  x=${q.x}
                  y=${q.y}
                  width=${Math.max(0, q.w)}
                  height=${Math.max(0, q.h)}
                  @keydown=${(e: KeyboardEvent) => this.onTierKey(e, index, vm, ctx)}
                  @focus=${() => (this.activeTier = index)}
                ></rect>`;
              })}</g>`,
            )}
          </g>
          <g aria-hidden="true" class="decor">
            ${tc >= d.x0 && tc <= d.x1 ? svg`<line part="threshold" class="threshold" x1=${X(tc)} x2=${X(tc)} y1=${Y(d.y0)} y2=${Y(d.y1)}></line>` : nothing}
            ${tp >= d.y0 && tp <= d.y1 ? svg`<line part="threshold" class="threshold" x1=${X(d.x0)} x2=${X(d.x1)} y1=${Y(tp)} y2=${Y(tp)}></line>` : nothing}
            ${!canvas && pts.n > 0
              ? svg`<g clip-path="url(#plot-clip)">${Array.from(pts.customer, (_, p) =>
                  inDomain(d, pts.x[p], pts.y[p])
                    ? svg`<circle part="point" class=${`point cat-${TIER_COLOURS[pts.tier[p]]}${any && !mask[p] ? ' dim' : ''}`} cx=${X(pts.x[p])} cy=${Y(pts.y[p])} r=${radius}></circle>`
                    : nothing,
                )}</g>`
              : nothing}
            ${ticks(d.x0, d.x1, 4).map((s) => svg`<text class="axis tick" x=${X(s)} y=${Y(d.y0) + 14}>${tick(s)}</text>`)}
            ${ticks(d.y0, d.y1, 4).map((s) => svg`<text class="axis tick y" x=${X(d.x0) - 6} y=${Y(s)}>${tick(s)}</text>`)}
            <text class="axis" x=${MARGIN.left + w / 2} y=${Y(d.y0) + 32} text-anchor="middle">${t.t('quadrant.current')} →</text>
            <text class="axis" transform="translate(12,${MARGIN.top + h / 2}) rotate(-90)" text-anchor="middle">${t.t('quadrant.potential')} →</text>
            ${quadrants.map((q) => {
              // Zoomed in: named in the corner of the quadrant's visible part, when enough of it shows.
              const full = isFull(d);
              if (!full && (q.w < 90 || q.h < 40)) return nothing;
              const right = q.tier.highCurrent;
              const lx = full ? (right ? X(100) - 6 : X(0) + 6) : right ? q.x + q.w - 6 : q.x + 6;
              const ly = full ? (q.tier.highPotential ? Y(100) + 14 : Y(0) - 22) : q.tier.highPotential ? q.y + 14 : q.y + q.h - 22;
              return svg`<g part="tier-label" class=${`tier-label ${right ? 'end' : 'start'}`}>
                <text class="tier-name" x=${lx} y=${ly}>${q.tier.name}</text>
                <text class="tier-stats" x=${lx} y=${ly + 14}>${t.t('quadrant.tierShort', { customers: fmt.integer(q.tier.customers), valueShare: q.tier.valueShare === null ? '–' : fmt.percent(q.tier.valueShare) })}</text>
              </g>`;
            })}
            ${brush ? svg`<rect part="brush" class="brush" x=${X(Math.min(brush.sx, brush.ex))} y=${Y(Math.max(brush.sy, brush.ey))} width=${Math.abs(X(brush.ex) - X(brush.sx))} height=${Math.abs(Y(brush.ey) - Y(brush.sy))}></rect>` : nothing}
            ${shown >= 0 ? svg`<circle class="cursor" cx=${X(pts.x[shown])} cy=${Y(pts.y[shown])} r=${radius + 4}></circle>` : nothing}
          </g>
          <g
            class="points-focus"
            role="listbox"
            tabindex="0"
            aria-label=${t.t('quadrant.points')}
            aria-activedescendant=${cursor >= 0 ? 'active-point' : nothing}
            @keydown=${(e: KeyboardEvent) => this.onPointsKey(e, vm, ctx)}
            @blur=${() => {
              this.activePoint = -1;
              this.requestUpdate();
            }}
          >
            <rect class="points-outline" x=${MARGIN.left} y=${MARGIN.top} width=${w} height=${h}></rect>
            ${cursor >= 0 && cursor < pts.n
              ? svg`<circle id="active-point" role="option" aria-selected=${selectedKey === `customer:${ctx.customerIds[pts.customer[cursor]]}` ? 'true' : 'false'} aria-label=${pointLabel(vm, cursor, t, fmt, ctx.customerIds)} data-customer=${ctx.customerIds[pts.customer[cursor]]} cx=${X(pts.x[cursor])} cy=${Y(pts.y[cursor])} r=${radius + 4}></circle>`
              : nothing}
          </g>
        </svg>
        ${shown >= 0 ? this.renderTooltip(vm, shown, X(pts.x[shown]), Y(pts.y[shown]), width, ctx) : nothing}
      </div>
      <p class="meta" part="meta">
        ${vm.windowStartDate ? t.t('quadrant.asOf', { date: vm.asOfDate, start: vm.windowStartDate }) : vm.asOfDate} ·
        ${t.t(`quadrant.source.${vm.source}` as 'quadrant.source.model')} ·
        ${t.t('quadrant.weights', { current: fmt.number(vm.weights.current, 2), potential: fmt.number(vm.weights.potential, 2) })} ·
        ${t.t('quadrant.thresholds', { current: fmt.number(vm.thresholds.current, 1), potential: fmt.number(vm.thresholds.potential, 1) })}
        ${vm.unscored > 0 ? html`· ${t.t('quadrant.unscored', { count: fmt.integer(vm.unscored) })}` : nothing}
      </p>`;
  }

  private renderTooltip(vm: QuadrantModel, p: number, x: number, y: number, width: number, { t, fmt, customerIds }: ViewContext): TemplateResult {
    const pts = vm.points;
    const left = x > width * 0.6;
    return html`<div class="tooltip" part="tooltip" aria-hidden="true" ${styleProps({ left: left ? 'auto' : `${x + 10}px`, right: left ? `${width - x + 10}px` : 'auto', top: `${Math.max(0, y - 10)}px` })}>
      <strong class="tooltip-id">${customerIds[pts.customer[p]]}</strong>
      <span>${t.t('quadrant.current')}: ${fmt.number(pts.x[p], 1)}</span>
      <span>${t.t('quadrant.potential')}: ${fmt.number(pts.y[p], 1)}</span>
      <span>${t.t('quadrant.composite')}: ${fmt.number(pts.composite[p], 1)}</span>
      <span>${vm.tiers[pts.tier[p]].name}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-value-quadrant': CrmValueQuadrant;
  }
}
