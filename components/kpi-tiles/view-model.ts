/**
 * The KPI tiles' adapter: from the engine's KPI result to tiles (pure, no DOM): value formatted for
 * the locale and the KPI's unit, change against the previous period with a direction-aware tone
 * (rising churn is bad), a sparkline path, an optional target with its status, and the reason a KPI
 * is unavailable.
 */
import { extent } from 'd3-array';
import type { Kpi, KpiId, KpiResult, KpiUnit } from '../../src/engine/analyses/kpis/index.js';
import type { Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';
import { unavailableLines } from '../base/states.js';
import { linearScale } from '../base/scales.js';

/** Short names accepted in `metrics` and `targets` besides the KPI ids. */
export const METRIC_ALIASES: Readonly<Record<string, KpiId>> = {
  customers: 'active-customers',
  active: 'active-customers',
  new: 'new-customers',
  aov: 'average-order-value',
  repeat: 'repeat-purchase-rate',
  'repeat-rate': 'repeat-purchase-rate',
  retention: 'retention-rate',
  churn: 'churn-rate',
  nrr: 'net-revenue-retention',
  'clv-cac': 'clv-cac-ratio',
  referral: 'referral-rate',
  complaints: 'complaint-rate',
};

/** The tiles shown when `metrics` is not set. */
export const DEFAULT_METRICS: readonly string[] = [
  'active-customers',
  'revenue',
  'retention-rate',
  'churn-rate',
  'repeat-purchase-rate',
  'average-order-value',
  'nps',
  'csat',
];

/** The KPI id a metric name means (itself, or through an alias). */
export function metricId(name: string): string {
  const key = name.trim().toLowerCase();
  return METRIC_ALIASES[key] ?? key;
}

/** Sparkline size in its viewBox units. */
export const SPARK = { width: 100, height: 28, pad: 2 } as const;

/** One tile. */
export interface KpiTile {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly available: boolean;
  /** Why it is unavailable (localised), when it is. */
  readonly reason: string;
  readonly value: number | null;
  readonly valueText: string;
  readonly previousText: string;
  /** Change text, e.g. `+3.1 %` or `+2.0 pts`; empty without a previous value. */
  readonly changeText: string;
  readonly direction: 'up' | 'down' | 'flat' | null;
  readonly tone: 'better' | 'worse' | 'neutral';
  /** Sentence for screen readers: "up 3.1 % vs previous period, better". */
  readonly changeLabel: string;
  readonly sparkPath: string | null;
  readonly sparkLast: readonly [number, number] | null;
  readonly trendLabel: string;
  readonly target: { readonly value: number; readonly text: string; readonly met: boolean } | null;
}

/** All tiles plus the period they describe. */
export interface KpiTilesModel {
  readonly tiles: readonly KpiTile[];
  readonly current: string | null;
  readonly previous: string | null;
  readonly period: string;
}

/** A value in a KPI's unit. */
export function formatKpi(value: number | null, unit: KpiUnit, fmt: Formats): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'count':
      return Math.abs(value) >= 1e6 ? fmt.compact(value) : fmt.integer(value);
    case 'currency':
      return fmt.money(value, Math.abs(value) >= 1e6);
    case 'percent':
      return fmt.percent(value, 1);
    case 'ratio':
      return fmt.number(value, 2);
    case 'score':
      return fmt.number(value, 1);
  }
}

function changeText(kpi: Extract<Kpi, { available: true }>, t: Translator, fmt: Formats): string {
  if (kpi.change === null) return '';
  // Rates and scores change in points; amounts and counts relative to the previous value.
  if (kpi.unit === 'percent') return t.t('kpi.points', { value: fmt.signed(kpi.change * 100, 'number', 1) });
  if (kpi.unit === 'score') return t.t('kpi.points', { value: fmt.signed(kpi.change, 'number', 1) });
  return kpi.relativeChange === null ? fmt.signed(kpi.change) : fmt.signed(kpi.relativeChange, 'percent', 1);
}

function sparkline(values: readonly (number | null)[]): { path: string | null; last: [number, number] | null } {
  const points = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1]));
  if (points.length < 2) return { path: null, last: null };
  const [lo, hi] = extent(points, (p) => p[1]) as [number, number];
  const x = linearScale([0, values.length - 1], [SPARK.pad, SPARK.width - SPARK.pad]);
  const y = linearScale(lo === hi ? [lo - 1, hi + 1] : [lo, hi], [SPARK.height - SPARK.pad, SPARK.pad]);
  const path = points.map(([i, v], k) => `${k ? 'L' : 'M'}${x(i)},${y(v)}`).join('');
  const end = points[points.length - 1];
  return { path, last: [x(end[0]), y(end[1])] };
}

/**
 * Tiles for the requested metrics. `targets` maps metric names (ids or aliases) to target values in
 * the KPI's unit (fractions for rates: 0.4 = 40 %). At most the last `sparkPeriods` complete periods
 * are drawn.
 */
export function kpiTilesModel(
  result: KpiResult,
  metrics: readonly string[],
  targets: Readonly<Record<string, number>>,
  t: Translator,
  fmt: Formats,
  sparkPeriods = 12,
): KpiTilesModel {
  const byId = new Map(result.kpis.map((k) => [k.id as string, k]));
  const targetOf = new Map(Object.entries(targets).map(([k, v]) => [metricId(k), v]));
  const tiles = metrics.map((name): KpiTile => {
    const id = metricId(name);
    const kpi = byId.get(id);
    const base = {
      id,
      name: t.maybe(`kpi.${id}.name`, name),
      definition: t.maybe(`kpi.${id}`, ''),
      value: null,
      valueText: '–',
      previousText: '',
      changeText: '',
      direction: null,
      tone: 'neutral' as const,
      changeLabel: '',
      sparkPath: null,
      sparkLast: null,
      trendLabel: '',
      target: null,
    };
    if (!kpi) return { ...base, available: false, reason: t.t('kpi.unknown') };
    if (!kpi.available) return { ...base, available: false, reason: unavailableLines(t, kpi).join(' ') };
    const complete = kpi.series.filter((p) => !p.partial).slice(-sparkPeriods);
    const spark = sparkline(complete.map((p) => p.value));
    const change = kpi.change;
    const direction = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    const good = kpi.direction === 'higher-is-better' ? direction === 'up' : direction === 'down';
    const tone = direction === null || direction === 'flat' ? 'neutral' : good ? 'better' : 'worse';
    const text = changeText(kpi, t, fmt);
    const target = targetOf.get(id);
    const met =
      target === undefined || kpi.value === null ? false : kpi.direction === 'higher-is-better' ? kpi.value >= target : kpi.value <= target;
    return {
      ...base,
      available: true,
      reason: '',
      value: kpi.value,
      valueText: formatKpi(kpi.value, kpi.unit, fmt),
      previousText: kpi.previous === null ? t.t('kpi.noPrevious') : t.t('kpi.previous', { value: formatKpi(kpi.previous, kpi.unit, fmt) }),
      changeText: text,
      direction,
      tone,
      changeLabel:
        direction === null
          ? t.t('kpi.noPrevious')
          : `${t.t(direction === 'flat' ? 'kpi.flat' : direction === 'up' ? 'kpi.up' : 'kpi.down')} ${t.t('kpi.change', { change: text })}${tone === 'neutral' ? '' : `, ${t.t(tone === 'better' ? 'kpi.better' : 'kpi.worse')}`}`,
      sparkPath: spark.path,
      sparkLast: spark.last,
      trendLabel: spark.path ? t.t('kpi.trend', { count: complete.length }) : '',
      target:
        target === undefined
          ? null
          : { value: target, text: t.t('kpi.target', { target: formatKpi(target, kpi.unit, fmt) }), met },
    };
  });
  return { tiles, current: result.current, previous: result.previous, period: t.t(`period.${result.period}`) };
}
