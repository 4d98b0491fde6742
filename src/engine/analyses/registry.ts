/**
 * The analysis registry: analysis name -> function over a Dataset with options. It is the one entry
 * both engine paths use (the feed's Worker and the main-thread fallback), so a widget names what it
 * wants (`'rfm'`, `'kpis'`, ...) and plain, structured-cloneable options; the registry turns
 * widget-friendly options (ISO dates, rule-set names) into each analysis's own options.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset/types.js';
import { dayFromCivil } from '../dataset/days.js';
import { parseOptions } from '../stats/parse-options.js';
import { rfm, RULE_SETS, SegmentRuleSchema, type RfmOptions } from './rfm/index.js';

/** An analysis date given as a day number or an ISO `YYYY-MM-DD` string. */
const AsOf = z
  .union([z.number().int(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'as-of must be YYYY-MM-DD')])
  .optional()
  .transform((v) => (typeof v === 'string' ? dayFromCivil(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10)) : v));

const RfmEntryOptions = z
  .object({
    asOf: AsOf,
    /** A built-in rule set by name (`vignette`, `test`, `rfgrid`) or the rules themselves. */
    rules: z.union([z.enum(Object.keys(RULE_SETS) as [keyof typeof RULE_SETS]), z.array(SegmentRuleSchema)]).optional(),
  })
  .passthrough();

/** One registered analysis. */
export interface AnalysisEntry {
  /** What it computes (for docs and error messages). */
  readonly description: string;
  readonly run: (dataset: Dataset, options: Record<string, unknown>) => unknown;
}

/** Every analysis the feed can run, by name. */
export const ANALYSES = {
  rfm: {
    description: 'RFM scores, segments (rule sets by name or as data) and the R x F grid',
    run: (dataset, options) => {
      const { rules, ...rest } = parseOptions('rfm', RfmEntryOptions, options);
      return rfm(dataset, { ...rest, rules: typeof rules === 'string' ? [...RULE_SETS[rules]] : rules } as RfmOptions);
    },
  },
} satisfies Record<string, AnalysisEntry>;

/** Name of a registered analysis. */
export type AnalysisName = keyof typeof ANALYSES;

/** Whether `name` is a registered analysis. */
export function isAnalysisName(name: string): name is AnalysisName {
  return Object.prototype.hasOwnProperty.call(ANALYSES, name);
}

/**
 * Runs a registered analysis. Throws a RangeError for an unknown name or invalid options; a missing
 * table or field comes back as the analysis's `Unavailable` result.
 */
export function runAnalysis(dataset: Dataset, name: string, options: Record<string, unknown> = {}): unknown {
  if (!isAnalysisName(name)) throw new RangeError(`unknown analysis "${name}" (known: ${Object.keys(ANALYSES).join(', ')})`);
  const entry: AnalysisEntry = ANALYSES[name];
  return entry.run(dataset, options);
}
