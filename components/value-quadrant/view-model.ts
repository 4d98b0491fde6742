/**
 * The value quadrant's adapter (pure, no DOM): tier summaries with localised names, and the tiered
 * customers as compact point arrays with a uniform-grid spatial index, so hover, click and brush
 * hit-test a few buckets instead of every point (100k customers stay interactive).
 */
import type { TierId, ValueTiersResult } from '../../src/engine/analyses/tiers/index.js';
import type { Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';

/** Categorical palette colour per tier, in TIER_IDS order. */
export const TIER_COLOURS = [1, 3, 2, 4] as const;

/** Buckets per axis of the spatial index (scores 0-100). */
export const GRID = 64;

/** One tier as drawn: name, totals, where its quadrant is. */
export interface TierView {
  readonly tier: TierId;
  readonly code: number;
  readonly name: string;
  readonly customers: number;
  readonly customerShare: number;
  readonly currentValue: number;
  readonly valueShare: number | null;
  readonly potentialShare: number | null;
  readonly meanComposite: number | null;
  /** Quadrant: high current (right) and high potential (top). */
  readonly highCurrent: boolean;
  readonly highPotential: boolean;
  readonly label: string;
  /** Customers of another view's selection in this tier, else null. */
  readonly highlighted: number | null;
}

/** Buckets of the spatial index: one GRID x GRID grid per tier. */
const BUCKETS = 4 * GRID * GRID;

/** The tiered customers as points plus their spatial index (depends on the tiering only). */
export interface PointIndex {
  readonly n: number;
  /** Dataset customer index per point. */
  readonly customer: Int32Array;
  /** Current and potential score (0-100) per point. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly composite: Float32Array;
  readonly tier: Int8Array;
  /**
   * Points of tier t in grid bucket b (b = row * GRID + col, row 0 = lowest potential) are
   * `items[offsets[k] .. offsets[k + 1])` with k = t * GRID * GRID + b: grouped by tier, so the canvas
   * fills one tier at a time over just the visible buckets.
   */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

/** Point order by x and by y, and each point's rank in them (keyboard movement). */
export interface PointOrders {
  readonly byX: Int32Array;
  readonly byY: Int32Array;
  readonly rankX: Int32Array;
  readonly rankY: Int32Array;
}

/** The shown selection over the points: derived per selection, without touching the point index. */
export interface Highlight {
  /** 1 where the point is in the shown selection (all 0 without one). */
  readonly mask: Uint8Array;
  /** Whether a selection is shown (points outside it are dimmed). */
  readonly any: boolean;
  /** The points in the selection, by tier (tier t's are `selected[tierStarts[t] .. tierStarts[t + 1])`). */
  readonly selected: Int32Array;
  readonly tierStarts: Int32Array;
}

/** Everything the quadrant draws. */
export interface QuadrantModel {
  readonly tiers: readonly TierView[];
  readonly thresholds: { readonly current: number; readonly potential: number };
  readonly weights: { readonly current: number; readonly potential: number };
  readonly points: PointIndex;
  readonly highlight: Highlight;
  readonly asOfDate: string;
  readonly windowStartDate: string | null;
  readonly source: string;
  readonly unscored: number;
}

/** The localised name of a tier (labels can override `tier.<id>` keys). */
export function tierName(t: Translator, tier: TierId): string {
  return t.maybe(`tier.${tier === 'strategic' ? 'strategic-partner' : tier}`, tier);
}

const bucketOf = (score: number): number => Math.min(GRID - 1, Math.max(0, Math.floor((score / 100) * GRID)));

/** Point order by `values`, ties by point (keyboard movement). */
function order(values: Float32Array): { by: Int32Array; rank: Int32Array } {
  const by = sortedByBits(values) ?? Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const rank = new Int32Array(values.length);
  for (let r = 0; r < by.length; r++) rank[by[r]] = r;
  return { by, rank };
}

/**
 * The order of `values` from one native numeric sort of (value bits, index) keys instead of a
 * comparator call per comparison: non-negative floats order as their bits do, and bits x 2^21 + index
 * stays exact in a double. Null when a value is negative or NaN, or there are too many to pack.
 */
function sortedByBits(values: Float32Array): Int32Array | null {
  const n = values.length;
  const scale = 2 ** 21;
  if (n > scale) return null;
  const positive = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (!(values[i] >= 0)) return null;
    positive[i] = values[i] + 0; // -0 to +0: its bits would sort last
  }
  const bits = new Uint32Array(positive.buffer);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = bits[i] * scale + i;
  keys.sort();
  const by = new Int32Array(n);
  for (let r = 0; r < n; r++) by[r] = keys[r] % scale;
  return by;
}

/** Points and spatial index of a tiering. */
export function pointIndex(result: ValueTiersResult): PointIndex {
  const c = result.customers;
  let n = 0;
  for (let i = 0; i < c.tier.length; i++) if (c.tier[i] >= 0) n++;
  const customer = new Int32Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const composite = new Float32Array(n);
  const tier = new Int8Array(n);
  const bucket = new Int32Array(n);
  const counts = new Int32Array(BUCKETS + 1);
  for (let i = 0, p = 0; i < c.tier.length; i++) {
    if (c.tier[i] < 0) continue;
    customer[p] = i;
    x[p] = c.current[i];
    y[p] = c.potential[i];
    composite[p] = c.composite[i];
    tier[p] = c.tier[i];
    bucket[p] = tier[p] * GRID * GRID + bucketOf(y[p]) * GRID + bucketOf(x[p]);
    counts[bucket[p] + 1]++;
    p++;
  }
  for (let b = 0; b < BUCKETS; b++) counts[b + 1] += counts[b];
  const next = counts.slice(0, BUCKETS);
  const items = new Int32Array(n);
  for (let p = 0; p < n; p++) items[next[bucket[p]]++] = p;
  return { n, customer, x, y, composite, tier, offsets: counts, items };
}

const ORDERS = new WeakMap<PointIndex, PointOrders>();

/**
 * The {@link PointOrders} of a point index, sorted on first use: two sorts of every point (~50 ms at
 * 100k points in a fresh page) that the first render does not need.
 */
export function pointOrders(points: PointIndex): PointOrders {
  let orders = ORDERS.get(points);
  if (!orders) {
    const ox = order(points.x);
    const oy = order(points.y);
    ORDERS.set(points, (orders = { byX: ox.by, byY: oy.by, rankX: ox.rank, rankY: oy.rank }));
  }
  return orders;
}

/**
 * The selected-mask of the points from a selection's mask over Dataset customers (none: nothing
 * dimmed), so a selection change leaves the point index alone.
 */
export function highlightOf(points: PointIndex, selected: Uint8Array | undefined): Highlight {
  const mask = new Uint8Array(points.n);
  const tierStarts = new Int32Array(5);
  if (!selected) return { mask, any: false, selected: new Int32Array(0), tierStarts };
  for (let p = 0; p < points.n; p++) {
    mask[p] = selected[points.customer[p]];
    tierStarts[points.tier[p] + 1] += mask[p];
  }
  for (let t = 0; t < 4; t++) tierStarts[t + 1] += tierStarts[t];
  const next = tierStarts.slice(0, 4);
  const list = new Int32Array(tierStarts[4]);
  for (let p = 0; p < points.n; p++) if (mask[p] === 1) list[next[points.tier[p]]++] = p;
  return { mask, any: true, selected: list, tierStarts };
}

/** The point nearest to (sx, sy) in score units within `radius` score units, or -1. */
export function nearestPoint(index: PointIndex, sx: number, sy: number, rx: number, ry: number): number {
  let best = -1;
  let bestD = Infinity;
  const { x, y, items } = index;
  for (let t = 0; t < 4; t++) {
    tierRanges(index, t, sx - rx, sx + rx, sy - ry, sy + ry, (start, end) => {
      for (let k = start; k < end; k++) {
        const p = items[k];
        const dx = (x[p] - sx) / rx;
        const dy = (y[p] - sy) / ry;
        const d = dx * dx + dy * dy;
        if (d <= 1 && d < bestD) {
          bestD = d;
          best = p;
        }
      }
    });
  }
  return best;
}

/** Points with x0 <= x <= x1 and y0 <= y <= y1 (score units). */
export function pointsInRect(index: PointIndex, x0: number, x1: number, y0: number, y1: number): Int32Array {
  const { x, y, items } = index;
  const out = new Int32Array(index.n);
  let size = 0;
  for (let t = 0; t < 4; t++) {
    tierRanges(index, t, x0, x1, y0, y1, (start, end) => {
      for (let k = start; k < end; k++) {
        const p = items[k];
        if (x[p] >= x0 && x[p] <= x1 && y[p] >= y0 && y[p] <= y1) out[size++] = p;
      }
    });
  }
  return out.slice(0, size);
}

/**
 * Calls `visit(start, end)` for the `items` ranges of tier `t` in the buckets covering x0..x1 and
 * y0..y1: one range per grid row, as a row's buckets are adjacent in `items`.
 */
export function tierRanges(index: PointIndex, t: number, x0: number, x1: number, y0: number, y1: number, visit: (start: number, end: number) => void): void {
  const [c0, c1] = [bucketOf(x0), bucketOf(x1)];
  for (let row = bucketOf(y0); row <= bucketOf(y1); row++) {
    const base = (t * GRID + row) * GRID;
    visit(index.offsets[base + c0], index.offsets[base + c1 + 1]);
  }
}

/** Tier views of a tiering, with highlighted counts when a selection is shown. */
export function tierViews(result: ValueTiersResult, points: PointIndex, highlight: Highlight, t: Translator, fmt: Formats): TierView[] {
  const highlighted = new Int32Array(4);
  if (highlight.any) for (let p = 0; p < points.n; p++) highlighted[points.tier[p]] += highlight.mask[p];
  return result.tiers.map((s, code) => {
    const name = tierName(t, s.tier);
    return {
      tier: s.tier,
      code,
      name,
      customers: s.customers,
      customerShare: s.customerShare,
      currentValue: s.currentValue,
      valueShare: s.valueShare,
      potentialShare: s.potentialShare,
      meanComposite: s.meanComposite,
      highCurrent: code % 2 === 0,
      highPotential: code < 2,
      highlighted: highlight.any ? highlighted[code] : null,
      label: t.t('quadrant.tier', {
        tier: name,
        customers: fmt.integer(s.customers),
        share: fmt.percent(s.customerShare),
        valueShare: s.valueShare === null ? '–' : fmt.percent(s.valueShare),
      }),
    };
  });
}

/** The quadrant model of a tiering, its (memoised) point index and the shown selection's highlight. */
export function quadrantModel(result: ValueTiersResult, points: PointIndex, highlight: Highlight, t: Translator, fmt: Formats): QuadrantModel {
  return {
    tiers: tierViews(result, points, highlight, t, fmt),
    thresholds: { current: result.thresholds.current, potential: result.thresholds.potential },
    weights: result.weights,
    points,
    highlight,
    asOfDate: result.asOfDate,
    windowStartDate: result.windowStartDate,
    source: result.potentialSource,
    unscored: result.unscored,
  };
}

/** The accessible description of one point. */
export function pointLabel(vm: QuadrantModel, p: number, t: Translator, fmt: Formats, customerIds: readonly string[]): string {
  const pts = vm.points;
  return t.t('quadrant.point', {
    id: customerIds[pts.customer[p]] ?? '',
    current: fmt.number(pts.x[p], 1),
    potential: fmt.number(pts.y[p], 1),
    composite: fmt.number(pts.composite[p], 1),
    tier: vm.tiers[pts.tier[p]].name,
  });
}
