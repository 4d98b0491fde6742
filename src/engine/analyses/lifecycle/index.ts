/** Lifecycle stages and flows (with P(alive) from a fitted BG/NBD), the conversion funnel, touchpoints and pain points, and the journey map. */
export {
  STAGES,
  ACQUIRED,
  NOT_A_CUSTOMER,
  StageOptionsSchema,
  LifecycleStagesOptionsSchema,
  lifecycleStages,
  stageContext,
  stageOn,
  completedMonths,
  type Stage,
  type StageOptions,
  type ResolvedStageOptions,
  type StageContext,
  type StageSnapshot,
  type StageFlow,
  type LifecycleStagesOptions,
  type LifecycleStagesResult,
} from './stages.js';
export { funnel, furthestStep, DEFAULT_FUNNEL_STEPS, FunnelStepSchema, FunnelOptionsSchema, type FunnelStep, type FunnelOptions, type FunnelResult, type FunnelStepResult } from './funnel.js';
export {
  touchpoints,
  TOUCHPOINT_STAGES,
  TouchpointOptionsSchema,
  type TouchpointStage,
  type TouchpointOptions,
  type TouchpointCell,
  type StageSentiment,
  type Sentiment,
  type TouchpointsResult,
} from './touchpoints.js';
export { journeyMap, type JourneyMapOptions, type JourneyMapResult } from './journey.js';
export { fittedPAlive, resolvePAlive, PAliveSourceSchema, type PAliveSource, type PAliveStatus, type PAliveReason, type ResolvedPAlive, type FittedPAlive } from './p-alive.js';
export { activityDays, customerDays, countBetween, lastOnOrBefore, lastActivityDay, type CustomerDays, type DaySource } from './activity.js';
