/**
 * The value quadrant's adapter (pure, no DOM): tier summaries with localised names, and the tiered
 * customers as compact point arrays with a uniform-grid spatial index, so hover, click and brush
 * hit-test a few buckets instead of every point (100k customers stay interactive).
 */
import type { TierId, ValueTiersResult } from '../../src/engine/analyses/tiers/index.js';
import type { Translator } from '../../src/format/i18n.js';
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

/** The tiered customers as points plus their spatial index. */
export interface PointIndex {
  readonly n: number;
  /** Dataset customer index per point. */
  readonly customer: Int32Array;
  /** Current and potential score (0-100) per point. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly composite: Float32Array;
  readonly tier: Int8Array;
  /** Points of bucket b (b = row * GRID + col, row 0 = lowest potential) are `items[offsets[b] .. offsets[b + 1])`. */
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  /** Point order by x and by y, and each point's rank in them (keyboard movement). */
  readonly byX: Int32Array;
  readonly byY: Int32Array;
  readonly rankX: Int32Array;
  readonly rankY: Int32Array;
  /** 1 where the point is in the shown selection (all 0 without one). */
  readonly highlighted: Uint8Array;
  readonly hasHighlight: boolean;
}

/** Everything the quadrant draws. */
export interface QuadrantModel {
  readonly tiers: readonly TierView[];
  readonly thresholds: { readonly current: number; readonly potential: number };
  readonly weights: { readonly current: number; readonly potential: number };
  readonly points: PointIndex;
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

function order(values: Float32Array): { by: Int32Array; rank: Int32Array } {
  const by = Int32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const rank = new Int32Array(values.length);
  for (let r = 0; r < by.length; r++) rank[by[r]] = r;
  return { by, rank };
}

/** Points and spatial index of a tiering; `selected` (customer ids) marks highlighted points. */
export function pointIndex(result: ValueTiersResult, customerIds: readonly string[], selected?: ReadonlySet<string>): PointIndex {
  const c = result.customers;
  let n = 0;
  for (let i = 0; i < c.tier.length; i++) if (c.tier[i] >= 0) n++;
  const customer = new Int32Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const composite = new Float32Array(n);
  const tier = new Int8Array(n);
  const highlighted = new Uint8Array(n);
  const counts = new Int32Array(GRID * GRID + 1);
  let hasHighlight = false;
  for (let i = 0, p = 0; i < c.tier.length; i++) {
    if (c.tier[i] < 0) continue;
    customer[p] = i;
    x[p] = c.current[i];
    y[p] = c.potential[i];
    composite[p] = c.composite[i];
    tier[p] = c.tier[i];
    if (selected?.has(customerIds[i])) {
      highlighted[p] = 1;
      hasHighlight = true;
    }
    counts[bucketOf(y[p]) * GRID + bucketOf(x[p]) + 1]++;
    p++;
  }
  for (let b = 0; b < GRID * GRID; b++) counts[b + 1] += counts[b];
  const next = counts.slice(0, GRID * GRID);
  const items = new Int32Array(n);
  for (let p = 0; p < n; p++) items[next[bucketOf(y[p]) * GRID + bucketOf(x[p])]++] = p;
  const ox = order(x);
  const oy = order(y);
  return { n, customer, x, y, composite, tier, offsets: counts, items, byX: ox.by, byY: oy.by, rankX: ox.rank, rankY: oy.rank, highlighted, hasHighlight: hasHighlight || !!selected };
}

/** The point nearest to (sx, sy) in score units within `radius` score units, or -1. */
export function nearestPoint(index: PointIndex, sx: number, sy: number, rx: number, ry: number): number {
  let best = -1;
  let bestD = Infinity;
  forBuckets(index, sx - rx, sx + rx, sy - ry, sy + ry, (p) => {
    const dx = (index.x[p] - sx) / rx;
    const dy = (index.y[p] - sy) / ry;
    const d = dx * dx + dy * dy;
    if (d <= 1 && d < bestD) {
      bestD = d;
      best = p;
    }
  });
  return best;
}

/** Points with x0 <= x <= x1 and y0 <= y <= y1 (score units). */
export function pointsInRect(index: PointIndex, x0: number, x1: number, y0: number, y1: number): number[] {
  const out: number[] = [];
  forBuckets(index, x0, x1, y0, y1, (p) => {
    if (index.x[p] >= x0 && index.x[p] <= x1 && index.y[p] >= y0 && index.y[p] <= y1) out.push(p);
  });
  return out;
}

function forBuckets(index: PointIndex, x0: number, x1: number, y0: number, y1: number, visit: (p: number) => void): void {
  const c0 = bucketOf(x0);
  const c1 = bucketOf(x1);
  for (let row = bucketOf(y0); row <= bucketOf(y1); row++) {
    for (let col = c0; col <= c1; col++) {
      const b = row * GRID + col;
      for (let k = index.offsets[b]; k < index.offsets[b + 1]; k++) visit(index.items[k]);
    }
  }
}

/** Tier views of a tiering, with highlighted counts when a selection is shown. */
export function tierViews(result: ValueTiersResult, points: PointIndex, t: Translator, fmt: Formats): TierView[] {
  const highlighted = new Int32Array(4);
  for (let p = 0; p < points.n; p++) highlighted[points.tier[p]] += points.highlighted[p];
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
      highlighted: points.hasHighlight ? highlighted[code] : null,
      label: t.t('quadrant.tier', {
        tier: name,
        customers: fmt.integer(s.customers),
        share: fmt.percent(s.customerShare),
        valueShare: s.valueShare === null ? '–' : fmt.percent(s.valueShare),
      }),
    };
  });
}

/** The quadrant model of a tiering and its (memoised) point index. */
export function quadrantModel(result: ValueTiersResult, points: PointIndex, t: Translator, fmt: Formats): QuadrantModel {
  return {
    tiers: tierViews(result, points, t, fmt),
    thresholds: { current: result.thresholds.current, potential: result.thresholds.potential },
    weights: result.weights,
    points,
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
