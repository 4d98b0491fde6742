/**
 * The journey map's adapter (pure, no DOM): from the engine's journey result to stage columns (the
 * entry column "acquired" then the lifecycle stages), the flows between them summed over the shown
 * periods (forward flows for the Sankey, returns to an earlier stage apart), touchpoint cells per
 * stage and channel with pain points, sentiment by stage, and the funnel steps.
 */
import { ACQUIRED, STAGES, type Stage } from '../../src/engine/analyses/lifecycle/stage-names.js';
import type { JourneyMapResult } from '../../src/engine/analyses/lifecycle/index.js';
import type { FunnelResult, TouchpointCell, TouchpointsResult } from '../../src/engine/analyses/lifecycle/index.js';
import { slug, type Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';

/** Columns: the entry column then the lifecycle stages. */
export const COLUMNS = [ACQUIRED, ...STAGES] as const;
/** A column id. */
export type ColumnId = (typeof COLUMNS)[number];

/** Sentiment measure of the line. */
export type SentimentMeasure = 'nps' | 'csat';

/** One stage column. */
export interface StageColumn {
  readonly id: ColumnId;
  readonly name: string;
  /** Customers in the stage at the last snapshot (entry column: customers acquired over the window). */
  readonly customers: number;
  readonly inflow: number;
  readonly outflow: number;
  /** Touchpoint stage under the column (`prospect` for the entry column). */
  readonly touchpointStage: string;
  readonly interactions: number;
  readonly complaints: number;
  readonly nps: number | null;
  readonly csat: number | null;
  readonly answers: number;
  /** Channels that are pain points in this stage. */
  readonly painChannels: readonly string[];
  readonly label: string;
}

/** A flow between two columns summed over the window. */
export interface FlowLink {
  readonly from: number;
  readonly to: number;
  readonly customers: number;
  readonly label: string;
}

/** One touchpoint cell as drawn. */
export interface TouchpointMark {
  readonly col: number;
  readonly row: number;
  readonly interactions: number;
  readonly painPoint: boolean;
  readonly label: string;
}

/** One funnel step. */
export interface FunnelBar {
  readonly name: string;
  readonly customers: number;
  readonly conversion: number;
  readonly fromPrevious: number;
  readonly label: string;
}

/** Everything the journey map draws. */
export interface JourneyModel {
  readonly columns: readonly StageColumn[];
  /** Flows to a later column (drawn by the Sankey layout). */
  readonly forward: readonly FlowLink[];
  /** Flows back to an earlier column (drawn as return arcs). */
  readonly returns: readonly FlowLink[];
  readonly channels: readonly string[];
  readonly touchpoints: readonly TouchpointMark[];
  readonly hasTouchpoints: boolean;
  readonly sentiment: SentimentMeasure;
  readonly funnel: readonly FunnelBar[] | null;
  readonly funnelWindowDays: number | null;
  readonly asOfDate: string;
  readonly firstPeriod: string;
  readonly periods: number;
  readonly unit: string;
}

/** The localised name of a column. */
export function columnName(t: Translator, id: ColumnId): string {
  return t.t(`stage.${id}`);
}

function painSuffix(t: Translator, cell: TouchpointCell): string {
  return cell.painPoint ? t.t('journey.painSuffix', { reasons: cell.painReasons.map((r) => t.t(`journey.pain.${r}`)).join(', ') }) : '';
}

function touchpointMarks(tp: TouchpointsResult, t: Translator, fmt: Formats): TouchpointMark[] {
  return tp.cells.map((c) => ({
    col: c.stage === 'prospect' ? 0 : COLUMNS.indexOf(c.stage as Stage),
    row: tp.channels.indexOf(c.channel),
    interactions: c.interactions,
    painPoint: c.painPoint,
    label: t.t('journey.touchpoint', {
      stage: columnName(t, c.stage === 'prospect' ? ACQUIRED : (c.stage as Stage)),
      channel: c.channel,
      interactions: fmt.integer(c.interactions),
      complaints: fmt.integer(c.complaints),
      pain: painSuffix(t, c),
    }),
  }));
}

function funnelBars(funnel: FunnelResult, t: Translator, fmt: Formats): FunnelBar[] {
  return funnel.steps.map((s) => {
    const name = t.maybe(`funnel.${slug(s.label)}`, s.label);
    return {
      name,
      customers: s.customers,
      conversion: s.conversion,
      fromPrevious: s.fromPrevious,
      label: t.t('journey.step', { step: name, customers: fmt.integer(s.customers), conversion: fmt.percent(s.conversion) }),
    };
  });
}

/** The journey model of a journey result. */
export function journeyModel(result: JourneyMapResult, sentiment: SentimentMeasure, t: Translator, fmt: Formats): JourneyModel {
  const n = COLUMNS.length;
  const sums = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const f of result.flows) {
    const from = COLUMNS.indexOf(f.from);
    const to = COLUMNS.indexOf(f.to);
    if (from !== to) sums[from][to] += f.customers;
  }
  const last = result.snapshots[result.snapshots.length - 1];
  const tp = result.touchpoints.available ? result.touchpoints : null;
  const links: FlowLink[] = [];
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      if (sums[from][to] === 0) continue;
      links.push({
        from,
        to,
        customers: sums[from][to],
        label: t.t('journey.flow', { from: columnName(t, COLUMNS[from]), to: columnName(t, COLUMNS[to]), customers: fmt.integer(sums[from][to]) }),
      });
    }
  }
  const columns = COLUMNS.map((id, i) => {
    const inflow = sums.reduce((s, row) => s + row[i], 0);
    const outflow = sums[i].reduce((s, v) => s + v, 0);
    const customers = id === ACQUIRED ? outflow : (last?.counts[id] ?? 0);
    const tpStage = id === ACQUIRED ? 'prospect' : id;
    const s = tp?.sentiment.find((x) => x.stage === tpStage);
    const name = columnName(t, id);
    return {
      id,
      name,
      customers,
      inflow,
      outflow,
      touchpointStage: tpStage,
      interactions: s?.interactions ?? 0,
      complaints: s?.complaints ?? 0,
      nps: s?.nps ?? null,
      csat: s?.csat ?? null,
      answers: sentiment === 'nps' ? (s?.npsAnswers ?? 0) : (s?.csatAnswers ?? 0),
      painChannels: tp ? tp.cells.filter((c) => c.stage === tpStage && c.painPoint).map((c) => c.channel) : [],
      label: t.t('journey.stage', { stage: name, customers: fmt.integer(customers), inflow: fmt.integer(inflow), outflow: fmt.integer(outflow) }),
    };
  });
  return {
    columns,
    forward: links.filter((l) => l.to > l.from),
    returns: links.filter((l) => l.to < l.from),
    channels: tp?.channels ?? [],
    touchpoints: tp ? touchpointMarks(tp, t, fmt) : [],
    hasTouchpoints: !!tp,
    sentiment,
    funnel: result.funnel.available ? funnelBars(result.funnel, t, fmt) : null,
    funnelWindowDays: result.funnel.available ? result.funnel.windowDays : null,
    asOfDate: result.asOfDate,
    firstPeriod: result.snapshots[0]?.period ?? '',
    periods: result.snapshots.length,
    unit: result.unit,
  };
}

/** Dataset indexes of the customers in `stage` at the last snapshot. */
export function stageCustomers(current: Int8Array, stage: Stage): number[] {
  const code = STAGES.indexOf(stage);
  const out: number[] = [];
  for (let c = 0; c < current.length; c++) if (current[c] === code) out.push(c);
  return out;
}

/** Dataset indexes of the customers who reached funnel step `step` (0-based). */
export function funnelCustomers(reached: Uint8Array, step: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < reached.length; c++) if (reached[c] > step) out.push(c);
  return out;
}
