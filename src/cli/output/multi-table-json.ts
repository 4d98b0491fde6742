/**
 * The JSON values of the multi-table sections (tiers, lifecycle, risk, clusters) from the engine's
 * results: typed arrays indexed by Dataset customer become rows with the customer id, day numbers
 * become ISO dates, and `Unavailable` results become `{ available: false, reason, message }`.
 */
import type { Unavailable } from '../../engine/analyses/availability.js';
import { NO_TIER, TIER_IDS, type ValueTiersResult } from '../../engine/analyses/tiers/index.js';
import { STAGES, type JourneyMapResult, type PAliveStatus } from '../../engine/analyses/lifecycle/index.js';
import { signalsOf, type ChurnRiskResult } from '../../engine/analyses/churn-risk/index.js';
import type { RfmClustersResult } from '../../engine/analyses/clusters/index.js';
import type { ClustersJson, LifecycleJson, PAliveJson, RiskJson, RiskSignalJson, TiersJson, UnavailableJson } from './contract.js';

/** An unavailable section (or part of one) as JSON. */
export function unavailableJson(u: Pick<Unavailable, 'message'> & { readonly reason: string }): UnavailableJson {
  return { available: false, reason: u.reason, message: u.message };
}

/** `tiers` of a value-tier result; `fallback` says why the model potential was replaced by the field. */
export function tiersJson(result: ValueTiersResult, ids: readonly string[], fallback?: Unavailable): TiersJson {
  const c = result.customers;
  const customers: TiersJson['customers'][number][] = [];
  for (let i = 0; i < c.tier.length; i++) {
    if (c.tier[i] === NO_TIER) continue;
    customers.push({
      id: ids[i],
      current: c.current[i],
      potential: c.potential[i],
      composite: c.composite[i],
      tier: TIER_IDS[c.tier[i]],
      currentValue: c.currentValue[i],
      potentialValue: c.potentialValue[i],
    });
  }
  return {
    available: true,
    asOf: result.asOfDate,
    windowStart: result.windowStartDate,
    currentValueMeasure: result.currentValueMeasure,
    potentialSource: result.potentialSource,
    ...(fallback ? { potentialFallback: unavailableJson(fallback) } : {}),
    normalisation: result.normalisation,
    weights: result.weights,
    thresholds: result.thresholds,
    totals: result.totals,
    unscored: result.unscored,
    missingMargins: result.missingMargins,
    customers,
    summary: result.tiers,
  };
}

/** P(alive) status without the engine's `needs`. */
export function pAliveJson(status: PAliveStatus): PAliveJson {
  if (status.available) return status;
  const { source, reason, message } = status;
  return { source, available: false, reason, message };
}

/** `lifecycle` of a journey-map result. */
export function lifecycleJson(result: JourneyMapResult, ids: readonly string[]): LifecycleJson {
  const customers: LifecycleJson['customers'][number][] = [];
  for (let i = 0; i < result.current.length; i++) if (result.current[i] >= 0) customers.push({ id: ids[i], stage: STAGES[result.current[i]] });
  const { asOf: _asOf, ...thresholds } = result.options;
  const funnel = result.funnel;
  return {
    available: true,
    asOf: result.asOfDate,
    unit: result.unit,
    stages: result.stages,
    thresholds,
    pAlive: pAliveJson(result.pAlive),
    snapshots: result.snapshots,
    flows: result.flows,
    customers,
    touchpoints: result.touchpoints.available ? result.touchpoints : unavailableJson(result.touchpoints),
    funnel: funnel.available ? { available: true, windowDays: funnel.windowDays, asOf: funnel.asOfDate, steps: funnel.steps } : unavailableJson(funnel),
  };
}

/** `risk` of a churn-risk result. */
export function riskJson(result: ChurnRiskResult, ids: readonly string[]): RiskJson {
  const signals = result.signals.map(
    (s): RiskSignalJson =>
      s.available
        ? { signal: s.signal, available: true, weight: s.weight, customers: s.customers, share: s.share! }
        : { signal: s.signal, available: false, weight: s.weight, reason: s.reason!, message: s.message! },
  );
  return {
    available: true,
    asOf: result.asOfDate,
    activeWithinDays: result.options.activeWithinDays,
    signals,
    pAlive: pAliveJson(result.pAlive),
    customers: Array.from(result.customers, (c, i) => ({ id: ids[c], signals: signalsOf(result.flags[i]), score: result.score[i] })),
  };
}

/** `clusters` of an RFM clustering. */
export function clustersJson(result: RfmClustersResult, ids: readonly string[]): ClustersJson {
  return {
    available: true,
    asOf: result.asOfDate,
    k: result.k,
    silhouette: Number.isFinite(result.silhouette) ? result.silhouette : null,
    silhouettePoints: result.silhouettePoints,
    candidates: result.candidates,
    clusters: result.clusters,
    scaling: result.scaling,
    customers: Array.from(result.index, (c, i) => ({ id: ids[c], cluster: result.assignments[i] })),
  };
}
