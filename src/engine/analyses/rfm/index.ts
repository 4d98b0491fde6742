/** RFM: scores, segments (rule sets as data), the R x F grid and customer selections. */
export { rfm, assignSegments, type RfmResult, type RfmCustomers, type RfmSegmentSummary, type RfmCell } from './rfm.js';
export { RfmOptionsSchema, RFM_CONVENTIONS, type RfmOptions, type ResolvedRfmOptions } from './options.js';
export { binEdges, binOf, type Binning } from './bins.js';
export {
  VIGNETTE_RULES,
  TEST_RULES,
  RF_GRID_RULES,
  RULE_SETS,
  OTHERS,
  SegmentRuleSchema,
  matchRule,
  segmentNames,
  type SegmentRule,
  type RuleSetName,
} from './rules.js';
export { rfmCellCustomers, rfmSegmentCustomers } from './select.js';
export { rfmCustomerRows, type RfmCustomerRow } from './rows.js';
