/**
 * RFM segment rule sets, given as data: each rule names a segment and the inclusive score ranges it
 * covers; the first matching rule wins and customers no rule matches are "Others". A rule that omits a
 * dimension accepts any score in it.
 */
import { z } from '../../zod.js';

const range = z.tuple([z.number().int(), z.number().int()]);

/** Schema of one segment rule (for rule sets passed in by users). */
export const SegmentRuleSchema = z.object({
  name: z.string().min(1),
  r: range.optional(),
  f: range.optional(),
  m: range.optional(),
});

/** One segment rule: inclusive [low, high] score ranges; an omitted dimension matches any score. */
export type SegmentRule = z.infer<typeof SegmentRuleSchema>;

/** The name of the segment for customers no rule matches. */
export const OTHERS = 'Others';

/** The R `rfm` vignette's rule set (the default), in priority order. */
export const VIGNETTE_RULES: readonly SegmentRule[] = [
  { name: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] },
  { name: 'Potential Loyalist', r: [3, 5], f: [3, 5], m: [2, 5] },
  { name: 'Loyal Customers', r: [2, 4], f: [2, 4], m: [2, 4] },
  { name: 'Promising', r: [3, 4], f: [1, 3], m: [3, 5] },
  { name: 'New Customers', r: [4, 5], f: [1, 3], m: [1, 5] },
  { name: "Can't Lose Them", r: [1, 2], f: [3, 4], m: [4, 5] },
  { name: 'At Risk', r: [1, 2], f: [2, 5], m: [4, 5] },
  { name: 'Need Attention', r: [1, 3], f: [3, 5], m: [3, 5] },
  { name: 'About To Sleep', r: [2, 3], f: [1, 3], m: [1, 4] },
  { name: 'Lost', r: [1, 1], f: [1, 5], m: [1, 5] },
];

/** The rule set of the R `rfm` package's unit tests (its `segment_test` column), in priority order. */
export const TEST_RULES: readonly SegmentRule[] = [
  { name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { name: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
  { name: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
  { name: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
  { name: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { name: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { name: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { name: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { name: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
  { name: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] },
];

/** The widely used 5x5 recency x frequency map (monetary ignored): the natural map for an R x F grid. */
export const RF_GRID_RULES: readonly SegmentRule[] = [
  { name: 'Hibernating', r: [1, 2], f: [1, 2] },
  { name: 'At Risk', r: [1, 2], f: [3, 4] },
  { name: "Can't Lose Them", r: [1, 2], f: [5, 5] },
  { name: 'About To Sleep', r: [3, 3], f: [1, 2] },
  { name: 'Need Attention', r: [3, 3], f: [3, 3] },
  { name: 'Loyal Customers', r: [3, 4], f: [4, 5] },
  { name: 'Promising', r: [4, 4], f: [1, 1] },
  { name: 'New Customers', r: [5, 5], f: [1, 1] },
  { name: 'Potential Loyalists', r: [4, 5], f: [2, 3] },
  { name: 'Champions', r: [5, 5], f: [4, 5] },
];

/** The built-in rule sets by name. */
export const RULE_SETS = { vignette: VIGNETTE_RULES, test: TEST_RULES, rfgrid: RF_GRID_RULES } as const;

/** Name of a built-in rule set. */
export type RuleSetName = keyof typeof RULE_SETS;

function within(score: number, range: readonly [number, number] | undefined): boolean {
  return range === undefined || (score >= range[0] && score <= range[1]);
}

/** Index of the first rule matching the scores, or -1 (Others). */
export function matchRule(rules: readonly SegmentRule[], r: number, f: number, m: number): number {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (within(r, rule.r) && within(f, rule.f) && within(m, rule.m)) return i;
  }
  return -1;
}

/** Segment names in rule order without repeats, then {@link OTHERS}; with each rule's name index. */
export function segmentNames(rules: readonly SegmentRule[]): { names: string[]; ruleToName: Int32Array } {
  const names: string[] = [];
  const ruleToName = new Int32Array(rules.length);
  rules.forEach((rule, i) => {
    let at = names.indexOf(rule.name);
    if (at < 0) at = names.push(rule.name) - 1;
    ruleToName[i] = at;
  });
  if (!names.includes(OTHERS)) names.push(OTHERS);
  return { names, ruleToName };
}
