/**
 * The churn heat map's adapter (pure, no DOM): from the engine's cohort retention result, or its
 * churn-risk signal x group matrix, to rows and columns of cells with a colour step, a label and the
 * key a selection names. Cohort rows are left-aligned prefixes (a cohort has as many offsets as
 * periods have passed), so a row can be shorter than the column count.
 */
import type { CohortResult } from '../../src/engine/analyses/cohorts/cohorts.js';
import type { RiskHeatmap } from '../../src/engine/analyses/churn-risk/index.js';
import type { SignalSummary } from '../../src/engine/analyses/churn-risk/risk.js';
import type { Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';
import { SEQUENTIAL_STEPS } from '../../src/theme/tokens.js';
import { quantizeScale } from '../base/scales.js';

/** Which matrix the heat map shows. */
export type HeatmapMode = 'cohort' | 'risk';

/** Cohort measure: "return on" (active at the offset) or "return on or after". */
export type CohortMeasure = 'retention' | 'on-or-after';

/** The churnHeatmap registry result: the matrix plus each scored customer's column and flags. */
export type ChurnHeatmapResult = RiskHeatmap & {
  readonly groupBy: string;
  readonly asOfDate: string;
  readonly signals: readonly SignalSummary[];
  /** Dataset indexes of the scored customers. */
  readonly scored: Int32Array;
  readonly flags: Uint8Array;
  readonly column: Int32Array;
};

/** One drawn cell. */
export interface HeatCell {
  readonly row: number;
  readonly col: number;
  /** Share shown (0..1), null when the group is empty. */
  readonly value: number | null;
  /** Customers counted in the cell, and the row's (cohort) or column's (group) customers. */
  readonly count: number;
  readonly of: number;
  /** Colour step 1..N, 0 for an empty cell. */
  readonly step: number;
  readonly partial: boolean;
  /** Selection key: `cohort:2024-03:2` or `risk:noLogin:SMB`. */
  readonly key: string;
  readonly label: string;
  /** Selected customers of another view in this cell (risk mode), else null. */
  readonly highlighted: number | null;
}

/** Everything the heat map draws. */
export interface HeatmapModel {
  readonly mode: HeatmapMode;
  readonly rowLabels: readonly string[];
  /** Raw row keys: cohort labels or signal ids. */
  readonly rowKeys: readonly string[];
  readonly colLabels: readonly string[];
  /** Row-major; row r holds `rowLengths[r]` cells. */
  readonly cells: readonly (readonly HeatCell[])[];
  readonly domain: readonly [number, number];
  readonly measureLabel: string;
  readonly rowTitle: string;
  readonly colTitle: string;
  readonly asOfDate: string;
  /** Sizes per row (cohort) or per column (group). */
  readonly sizes: readonly number[];
  /** Localised names of signals the feed cannot evaluate. */
  readonly unavailableSignals: readonly string[];
}

function stepScale(max: number): (v: number) => number {
  const steps = Array.from({ length: SEQUENTIAL_STEPS }, (_, i) => i + 1);
  return quantizeScale([0, max > 0 ? max : 1], steps);
}

/** The localised name of a churn-risk signal. */
export function signalName(t: Translator, signal: string): string {
  return t.maybe(`signal.${signal}`, signal);
}

/** The cohort retention matrix: offset 0 is always 100 %, so the colour domain runs to the largest later share. */
export function cohortModel(result: CohortResult, measure: CohortMeasure, cohortsShown: number, t: Translator, fmt: Formats): HeatmapModel {
  const rows = result.cohorts.slice(-Math.max(1, cohortsShown));
  const share = (c: (typeof rows)[number], k: number) => (measure === 'on-or-after' ? c.retentionOnOrAfter[k] : c.retention[k]);
  let max = 0;
  for (const c of rows) for (let k = 1; k < c.retention.length; k++) max = Math.max(max, share(c, k));
  const scale = stepScale(max || 1);
  const cols = rows.reduce((m, c) => Math.max(m, c.retention.length), 0);
  const cells = rows.map((c, row) =>
    c.retention.map((_, k) => {
      const value = share(c, k);
      const count = measure === 'retention' ? c.active[k] : Math.round(value * c.size);
      return {
        row,
        col: k,
        value,
        count,
        of: c.size,
        step: k === 0 ? SEQUENTIAL_STEPS : Math.min(SEQUENTIAL_STEPS, scale(value)),
        partial: c.partial[k],
        key: `cohort:${c.cohort}:${k}`,
        highlighted: null,
        label: t.t('heatmap.cohortCell', {
          cohort: c.cohort,
          offset: k,
          active: fmt.integer(count),
          size: fmt.integer(c.size),
          share: fmt.percent(value),
          partial: c.partial[k] ? t.t('heatmap.partial') : '',
        }),
      };
    }),
  );
  return {
    mode: 'cohort',
    rowLabels: rows.map((c) => c.cohort),
    rowKeys: rows.map((c) => c.cohort),
    colLabels: Array.from({ length: cols }, (_, k) => String(k)),
    cells,
    domain: [0, max],
    measureLabel: t.t('heatmap.retention'),
    rowTitle: t.t('heatmap.cohort'),
    colTitle: t.t('heatmap.offset'),
    asOfDate: result.asOfDate,
    sizes: rows.map((c) => c.size),
    unavailableSignals: [],
  };
}

/** Label of a risk group column: tier ids and the ungrouped column are localised, data labels kept as given. */
function groupLabel(t: Translator, groupBy: string, label: string): string {
  if (label === '(none)') return t.t('heatmap.ungrouped');
  if (groupBy === 'tier') return t.maybe(`tier.${label === 'strategic' ? 'strategic-partner' : label}`, label);
  return label;
}

/**
 * The signal x group matrix. `selected` is the mask of a selection made in another view (see
 * `selectionMask`): cells then count how many of its customers trip the signal in the group.
 */
export function riskModel(result: ChurnHeatmapResult, t: Translator, fmt: Formats, selected?: Uint8Array): HeatmapModel {
  let max = 0;
  for (const row of result.share) for (const v of row) if (v !== null) max = Math.max(max, v);
  const scale = stepScale(max);
  const colLabels = result.columns.map((c) => groupLabel(t, result.groupBy, c));
  const highlighted = selected ? riskHighlights(result, selected) : undefined;
  const cells = result.rows.map((signal, row) =>
    result.columns.map((_, col) => {
      const value = result.share[row][col];
      const count = result.count[row][col];
      const name = signalName(t, signal);
      return {
        row,
        col,
        value,
        count,
        of: result.customers[col],
        step: value === null ? 0 : Math.max(1, scale(value)),
        partial: false,
        key: `risk:${signal}:${result.columns[col]}`,
        highlighted: highlighted ? highlighted[row][col] : null,
        label: t.t('heatmap.riskCell', {
          signal: name,
          group: colLabels[col],
          count: fmt.integer(count),
          customers: fmt.integer(result.customers[col]),
          share: value === null ? '–' : fmt.percent(value),
        }),
      };
    }),
  );
  return {
    mode: 'risk',
    rowLabels: result.rows.map((s) => signalName(t, s)),
    rowKeys: [...result.rows],
    colLabels,
    cells,
    domain: [0, max],
    measureLabel: t.t('heatmap.signalShare'),
    rowTitle: t.t('heatmap.col.signal'),
    colTitle: t.maybe(`heatmap.groupBy.${result.groupBy}`, result.groupBy),
    asOfDate: result.asOfDate,
    sizes: result.customers,
    unavailableSignals: result.signals.filter((s) => !s.available).map((s) => signalName(t, s.signal)),
  };
}

/** Dataset indexes of the scored customers in column `col` that trip `signal` (bit index in the flags). */
export function riskCellCustomers(result: ChurnHeatmapResult, bit: number, col: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < result.scored.length; i++) if (result.column[i] === col && (result.flags[i] >> bit) & 1) out.push(result.scored[i]);
  return out;
}

function riskHighlights(result: ChurnHeatmapResult, selected: Uint8Array): number[][] {
  const counts = result.rows.map(() => result.columns.map(() => 0));
  const bits = result.signals.filter((s) => s.available).map((s) => result.signals.indexOf(s));
  for (let i = 0; i < result.scored.length; i++) {
    if (selected[result.scored[i]] !== 1) continue;
    bits.forEach((bit, row) => {
      if ((result.flags[i] >> bit) & 1) counts[row][result.column[i]]++;
    });
  }
  return counts;
}
