/**
 * The journey map view model: lifecycle snapshots and flows (the columns and ribbons), touchpoint
 * cells with pain points (the rows), sentiment by stage (the line) and the funnel. Touchpoints and the
 * funnel can each be unavailable on their own (no events/feedback, no signup dates) while the stages
 * still show.
 */
import type { Dataset } from '../../dataset/types.js';
import { available, type Maybe } from '../availability.js';
import { funnel, type FunnelOptions, type FunnelResult } from './funnel.js';
import { lifecycleStages, type LifecycleStagesOptions, type LifecycleStagesResult } from './stages.js';
import { touchpoints, type TouchpointOptions, type TouchpointsResult } from './touchpoints.js';

/** Options of {@link journeyMap}: stage thresholds apply to the snapshots and to the touchpoint stages. */
export interface JourneyMapOptions {
  readonly stages?: LifecycleStagesOptions;
  /** Pain-point rule and usage types (stage thresholds come from `stages`). */
  readonly touchpoints?: Omit<TouchpointOptions, keyof LifecycleStagesOptions>;
  readonly funnel?: FunnelOptions;
}

/** Result of {@link journeyMap}. */
export interface JourneyMapResult extends LifecycleStagesResult {
  readonly touchpoints: Maybe<TouchpointsResult>;
  readonly funnel: Maybe<FunnelResult>;
}

/** Everything a journey-map widget draws. Unavailable only when the stages are (no orders). */
export function journeyMap(dataset: Dataset, options: JourneyMapOptions = {}): Maybe<JourneyMapResult> {
  const stages = lifecycleStages(dataset, options.stages);
  if (!stages.available) return stages;
  const { available: _, ...rest } = stages;
  const { pAlive: _p, unit: _u, periods: _n, ...thresholds } = options.stages ?? {};
  return available({
    ...rest,
    touchpoints: touchpoints(dataset, { ...thresholds, asOf: stages.asOf, ...options.touchpoints }),
    funnel: funnel(dataset, { asOf: stages.asOf, ...options.funnel }),
  });
}
