/**
 * The analysis registry: analysis name -> function over a Dataset with options. It is the one entry
 * both engine paths use (the feed's Worker and the main-thread fallback), so a widget names what it
 * wants (`'rfm'`, `'kpis'`, ...) with plain, structured-cloneable options. The registry accepts the
 * analysis date as an ISO `YYYY-MM-DD` string as well as a day number, and RFM rule sets by name;
 * everything else goes to the analysis, which validates it.
 */
import type { Dataset } from '../dataset/types.js';
import { dayFromCivil } from '../dataset/days.js';
import { rfm, RULE_SETS, type RfmOptions } from './rfm/index.js';
import { kpis, type KpiOptions } from './kpis/index.js';
import { cohorts, type CohortOptions } from './cohorts/index.js';

/** One registered analysis. */
export interface AnalysisEntry {
  /** What it computes (for docs and error messages). */
  readonly description: string;
  readonly run: (dataset: Dataset, options: Record<string, unknown>) => unknown;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Options with an ISO `asOf` turned into a day number (other values are left for the analysis to check). */
function withDayAsOf(options: Record<string, unknown>): Record<string, unknown> {
  const asOf = options.asOf;
  if (typeof asOf !== 'string') return options;
  const m = ISO_DATE.exec(asOf);
  if (!m) throw new RangeError(`invalid analysis date "${asOf}": use YYYY-MM-DD`);
  return { ...options, asOf: dayFromCivil(+m[1], +m[2], +m[3]) };
}

/** RFM options with `rules` given by name (`vignette`, `test`, `rfgrid`) replaced by the rules. */
function withRuleSet(options: Record<string, unknown>): Record<string, unknown> {
  const rules = options.rules;
  if (typeof rules !== 'string') return options;
  if (!Object.prototype.hasOwnProperty.call(RULE_SETS, rules)) {
    throw new RangeError(`unknown RFM rule set "${rules}" (known: ${Object.keys(RULE_SETS).join(', ')})`);
  }
  return { ...options, rules: [...RULE_SETS[rules as keyof typeof RULE_SETS]] };
}

/** Every analysis the feed can run, by name. */
export const ANALYSES = {
  rfm: {
    description: 'RFM scores, segments (rule sets by name or as data) and the R x F grid',
    run: (dataset, options) => rfm(dataset, withRuleSet(withDayAsOf(options)) as RfmOptions),
  },
  kpis: {
    description: 'KPIs per period with the previous period, change and series',
    run: (dataset, options) => kpis(dataset, withDayAsOf(options) as KpiOptions),
  },
  cohorts: {
    description: 'first-purchase cohorts with retention per period offset',
    run: (dataset, options) => cohorts(dataset, withDayAsOf(options) as CohortOptions),
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
