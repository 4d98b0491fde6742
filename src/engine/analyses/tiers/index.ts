/** Value tiers (the value quadrant): current x potential scores, composite, four tiers, movement between dates. */
export { valueTiers, isHigh, type ValueTiersResult, type ValueTierCustomers, type TierSummary } from './value-tiers.js';
export { tierTransitions, valueTierTransitions, type TierTransitions } from './transitions.js';
export {
  TIER_IDS,
  NO_TIER,
  ValueTierOptionsSchema,
  PotentialSourceSchema,
  type TierId,
  type PotentialSource,
  type ValueTierOptions,
  type ResolvedValueTierOptions,
} from './options.js';
export { normaliseScores, type Normalisation } from './normalise.js';
export { windowStartDay } from './current-value.js';
