/**
 * The `crm-lens analyze --format json` contract (documented in docs/cli.md). Fields are only added,
 * never renamed or removed, within a major version. Dates are ISO `YYYY-MM-DD`; shares are fractions.
 */
import type { IngestReport } from '../../engine/ingest/types.js';
import type { RfmCell, RfmSegmentSummary } from '../../engine/analyses/rfm/index.js';
import type { RfmCustomerRow } from '../../engine/analyses/rfm/rows.js';
import type { KpiPoint, KpiResult, KpiUnavailable, KpiValue } from '../../engine/analyses/kpis/index.js';
import type { TierId, TierSummary, ValueTiersResult } from '../../engine/analyses/tiers/index.js';
import type {
  FunnelStepResult,
  PAliveReason,
  PAliveStatus,
  ResolvedStageOptions,
  Stage,
  StageFlow,
  StageSnapshot,
  TouchpointsResult,
} from '../../engine/analyses/lifecycle/index.js';
import type { Signal } from '../../engine/analyses/churn-risk/index.js';
import type { ClusterCandidate, RfmClusterProfile } from '../../engine/analyses/clusters/index.js';

/** A section that could not be computed, and why. */
export interface UnavailableJson {
  readonly available: false;
  readonly reason: string;
  readonly message: string;
}

/** `ingest`: what happened to the input rows. */
export interface IngestJson {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Rejections by reason. */
  readonly reasons: Readonly<Record<string, number>>;
  readonly examples: IngestReport['examples'];
  /** Per-table details: mapping used, unmapped columns, format, delimiter, notes. */
  readonly tables: IngestReport['tables'];
}

/** `rfm`: thresholds, every customer's scores and segment, segment totals and the R x F grid. */
export interface RfmJson {
  readonly available: true;
  readonly asOf: string;
  /** Rule set name. */
  readonly rules: string;
  /** What frequency counts: `rows` (order rows) or `orders` (distinct order ids). */
  readonly frequency: 'rows' | 'orders';
  /** Full bin edges per dimension: lowest lower bound, inner edges, highest upper bound. */
  readonly thresholds: { readonly recency: number[]; readonly frequency: number[]; readonly monetary: number[] };
  readonly customers: readonly RfmCustomerRow[];
  readonly segments: readonly RfmSegmentSummary[];
  readonly grid: readonly RfmCell[];
}

/** One cohort row of `cohorts`. */
export interface CohortJson {
  readonly cohort: string;
  readonly size: number;
  /** "Return on" retention by offset, starting with 1. */
  readonly retention: number[];
  readonly retentionOnOrAfter: number[];
  readonly active: number[];
  readonly revenue: number[];
  readonly partial: boolean[];
}

/** `cohorts`: first-purchase cohorts by period. */
export interface CohortsJson {
  readonly available: true;
  readonly period: string;
  readonly asOf: string;
  readonly cohorts: readonly CohortJson[];
}

/** `kpis`: the KPI tiles, each with value, previous, change and series (points without day numbers). */
export interface KpisJson extends Omit<KpiResult, 'asOf' | 'asOfDate' | 'kpis'> {
  /** Analysis date, null when the input had no dated rows. */
  readonly asOf: string | null;
  readonly kpis: readonly ((Omit<KpiValue, 'series'> & { readonly series: readonly Omit<KpiPoint, 'start'>[] }) | KpiUnavailable)[];
}

/** One tiered customer of `tiers`. */
export interface TierCustomerJson {
  readonly id: string;
  /** Current-value score 0-100. */
  readonly current: number;
  /** Potential-value score 0-100. */
  readonly potential: number;
  /** weights.current x current + weights.potential x potential. */
  readonly composite: number;
  readonly tier: TierId;
  /** Raw current value (revenue or margin in the window). */
  readonly currentValue: number;
  /** Raw potential value (model CLV, the `potential` field, or the weighted attribute score). */
  readonly potentialValue: number;
}

/** `tiers`: value tiers (the value quadrant), every tiered customer and a summary per tier. */
export interface TiersJson
  extends Pick<ValueTiersResult, 'currentValueMeasure' | 'potentialSource' | 'normalisation' | 'weights' | 'thresholds' | 'totals' | 'unscored' | 'missingMargins'> {
  readonly available: true;
  readonly asOf: string;
  /** First day of the current-value window; null for all history. */
  readonly windowStart: string | null;
  /** Why the model-predicted potential was not used, when the `potential` field stood in for it. */
  readonly potentialFallback?: UnavailableJson;
  readonly customers: readonly TierCustomerJson[];
  /** One row per tier in the order strategic, growth, profit, basic. */
  readonly summary: readonly TierSummary[];
}

/** Where P(alive) came from (a BG/NBD fit by default), or why there was none (`not-requested` when turned off). */
export type PAliveJson =
  | Extract<PAliveStatus, { available: true }>
  | { readonly source: 'model' | 'values' | 'none'; readonly available: false; readonly reason: PAliveReason; readonly message: string };

/** `lifecycle.funnel`: the default conversion funnel. */
export interface FunnelJson {
  readonly available: true;
  readonly windowDays: number;
  readonly asOf: string;
  readonly steps: readonly FunnelStepResult[];
}

/** `lifecycle`: stage snapshots per period, flows between them, each customer's current stage, touchpoints and the funnel. */
export interface LifecycleJson {
  readonly available: true;
  readonly asOf: string;
  readonly unit: 'week' | 'month' | 'quarter';
  readonly stages: readonly Stage[];
  /** Stage thresholds used. */
  readonly thresholds: Omit<ResolvedStageOptions, 'asOf'>;
  /** P(alive) at the last snapshot (customers below the threshold are `declining`). */
  readonly pAlive: PAliveJson;
  readonly snapshots: readonly StageSnapshot[];
  /** Flows into every snapshot after the first; per period they sum to the snapshot's counts. */
  readonly flows: readonly StageFlow[];
  /** Customers at the last snapshot and their stage. */
  readonly customers: readonly { readonly id: string; readonly stage: Stage }[];
  readonly touchpoints: (TouchpointsResult & { readonly available: true }) | UnavailableJson;
  readonly funnel: FunnelJson | UnavailableJson;
}

/** One signal of `risk`: how many scored customers trip it, or why it cannot be evaluated. */
export type RiskSignalJson =
  | { readonly signal: Signal; readonly available: true; readonly weight: number; readonly customers: number; readonly share: number }
  | { readonly signal: Signal; readonly available: false; readonly weight: number; readonly reason: PAliveReason; readonly message: string };

/** `risk`: churn-risk signals and score of every customer active within the window. */
export interface RiskJson {
  readonly available: true;
  readonly asOf: string;
  /** Customers scored: an order or event in the last this many days. */
  readonly activeWithinDays: number;
  /** Every signal in display order, available or not. */
  readonly signals: readonly RiskSignalJson[];
  /** P(alive) of the `lowPAlive` signal. */
  readonly pAlive: PAliveJson;
  /** Scored customers: the signals each trips and the score 0-100 (weighted share of the available signals). */
  readonly customers: readonly { readonly id: string; readonly signals: readonly Signal[]; readonly score: number }[];
}

/** `clusters`: k-means on standardised log R, F, M; k chosen by silhouette. */
export interface ClustersJson {
  readonly available: true;
  readonly asOf: string;
  readonly k: number;
  /** Mean silhouette of the chosen k (null when undefined). */
  readonly silhouette: number | null;
  readonly silhouettePoints: number;
  readonly candidates: readonly ClusterCandidate[];
  /** Clusters best first; `id` is what `customers[].cluster` refers to. */
  readonly clusters: readonly RfmClusterProfile[];
  /** Mean and population sd of log(1+R), log(1+F), log(1+M) behind the centroids' z-scores. */
  readonly scaling: { readonly mean: readonly number[]; readonly sd: readonly number[] };
  readonly customers: readonly { readonly id: string; readonly cluster: number }[];
}

/** The whole JSON document. */
export interface AnalyzeJson {
  readonly source: string;
  readonly ingest: IngestJson;
  readonly rfm: RfmJson | UnavailableJson;
  readonly cohorts: CohortsJson | UnavailableJson;
  readonly kpis: KpisJson;
  readonly tiers: TiersJson | UnavailableJson;
  readonly lifecycle: LifecycleJson | UnavailableJson;
  readonly risk: RiskJson | UnavailableJson;
  readonly clusters: ClustersJson | UnavailableJson;
}
