/**
 * The `crm-lens analyze --format json` contract (documented in docs/cli.md). Fields are only added,
 * never renamed or removed, within a major version. Dates are ISO `YYYY-MM-DD`; shares are fractions.
 */
import type { IngestReport } from '../../engine/ingest/types.js';
import type { RfmCell, RfmSegmentSummary } from '../../engine/analyses/rfm/index.js';
import type { RfmCustomerRow } from '../../engine/analyses/rfm/rows.js';
import type { KpiPoint, KpiResult, KpiUnavailable, KpiValue } from '../../engine/analyses/kpis/index.js';

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

/** The whole JSON document. Sections other helpers add appear as further keys. */
export interface AnalyzeJson {
  readonly source: string;
  readonly ingest: IngestJson;
  readonly rfm: RfmJson | UnavailableJson;
  readonly cohorts: CohortsJson | UnavailableJson;
  readonly kpis: KpisJson;
}
