/**
 * The analysis registry: analysis name -> function over a Dataset with options. It is the one entry
 * both engine paths use (the feed's Worker and the main-thread fallback), so a widget names what it
 * wants (`'rfm'`, `'kpis'`, ...) with plain, structured-cloneable options. The registry accepts the
 * analysis date as an ISO `YYYY-MM-DD` string as well as a day number, and RFM rule sets by name;
 * everything else goes to the analysis, which validates it.
 */
import type { Dataset } from '../dataset/types.js';
import { dayFromIsoDate } from '../dataset/days.js';
import { rfm, RULE_SETS, type RfmOptions } from './rfm/index.js';
import { kpis, type KpiOptions } from './kpis/index.js';
import { cohorts, type CohortOptions } from './cohorts/index.js';
import { valueTiers, TIER_IDS, type ValueTierOptions } from './tiers/index.js';
import { journeyMap } from './lifecycle/index.js';
import { churnRisk, riskHeatmap, type ChurnRiskOptions, type CustomerCategory } from './churn-risk/index.js';
import { customerGroups } from './churn-risk/heatmap.js';
import { available, unavailable, type Unavailable } from './availability.js';
import { resolveAsOf } from '../stats/as-of.js';
import { orderDayPeriods, periodAt, periodOfLabel, type PeriodUnit } from '../stats/periods.js';
import { ordersByCustomer } from '../dataset/derived.js';

/** One registered analysis. */
export interface AnalysisEntry {
  /** What it computes (for docs and error messages). */
  readonly description: string;
  readonly run: (dataset: Dataset, options: Record<string, unknown>) => unknown;
}

/** Options with an ISO `asOf` turned into a day number (other values are left for the analysis to check). */
function withDayAsOf(options: Record<string, unknown>): Record<string, unknown> {
  const asOf = options.asOf;
  if (typeof asOf !== 'string') return options;
  const day = dayFromIsoDate(asOf);
  if (day === undefined) throw new RangeError(`invalid analysis date "${asOf}": use YYYY-MM-DD`);
  return { ...options, asOf: day };
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

/**
 * Value tiers with the potential source given by name (`model`, `field`, or `attributes` with
 * `potentialWeights`) or `auto`: the model-predicted value, or the customers' `potential` field when
 * the lifetime models cannot be fitted and the field exists.
 */
function valueTiersByName(dataset: Dataset, options: Record<string, unknown>): unknown {
  const { potential = 'auto', potentialWeights, ...rest } = options;
  if (typeof potential !== 'string') return valueTiers(dataset, { ...rest, potential } as ValueTierOptions);
  if (potential === 'attributes') return valueTiers(dataset, { ...rest, potential: { source: 'attributes', weights: potentialWeights } } as ValueTierOptions);
  if (potential !== 'auto') return valueTiers(dataset, { ...rest, potential: { source: potential } } as ValueTierOptions);
  const model = valueTiers(dataset, { ...rest, potential: { source: 'model' } } as ValueTierOptions);
  if (model.available || !dataset.customers?.potential) return model;
  return valueTiers(dataset, { ...rest, potential: { source: 'field' } } as ValueTierOptions);
}

/** The journey map with stage thresholds, `unit` and `periods` at the top level of the options. */
function journeyOf(dataset: Dataset, options: Record<string, unknown>): unknown {
  const { funnel, touchpoints, ...stages } = options;
  return journeyMap(dataset, { stages, touchpoints, funnel } as Parameters<typeof journeyMap>[1]);
}

/** Groups of the churn heat map: a customers-table category column, or the value tier. */
type Groups = { readonly labels: readonly string[]; readonly codes: Int32Array };

function churnGroups(dataset: Dataset, by: string, asOf: number): Groups | Unavailable {
  if (by !== 'tier') {
    const groups = ['segment', 'industry', 'plan', 'channel'].includes(by) ? customerGroups(dataset, by as CustomerCategory) : null;
    if (!groups) {
      return unavailable(dataset.customers ? 'missing-field' : 'missing-table', `needs customers.${by} to group by`, [{ table: 'customers', fields: ['customer_id', by] }]);
    }
    return groups;
  }
  const tiers = valueTiersByName(dataset, dataset.orders ? { asOf } : {}) as ReturnType<typeof valueTiers>;
  if (!tiers.available) return tiers;
  return { labels: TIER_IDS, codes: Int32Array.from(tiers.customers.tier) };
}

/**
 * Churn-risk signal x group matrix (`customers` = scored customers per column) with each scored
 * customer (`scored`: Dataset indexes) and its signal flags, score and column, so a view can select a
 * cell's customers.
 */
function churnHeatmapOf(dataset: Dataset, options: Record<string, unknown>): unknown {
  const { groupBy = 'segment', ...rest } = options;
  const risk = churnRisk(dataset, rest as ChurnRiskOptions);
  if (!risk.available) return risk;
  const groups = churnGroups(dataset, String(groupBy), risk.asOf);
  if ('available' in groups) return groups;
  const heatmap = riskHeatmap(dataset, risk, groups);
  if (!heatmap.available) return heatmap;
  const column = new Int32Array(risk.customers.length);
  columnsOf(risk.customers, groups.codes, groups.labels.length, column);
  return available({ ...heatmap, groupBy: String(groupBy), asOfDate: risk.asOfDate, signals: risk.signals, scored: risk.customers, flags: risk.flags, score: risk.score, column });
}

/**
 * Dataset indexes of the customers of first-purchase cohort `cohort` (a period label) with a purchase
 * (METRICS.md section 3) `offset` periods after their first, or at least that many with `onOrAfter`.
 */
function cohortCustomers(dataset: Dataset, options: Record<string, unknown>): unknown {
  const { asOf, period = 'month', cohort, offset, onOrAfter = false } = options;
  const orders = dataset.orders;
  if (!orders) return unavailable('missing-table', 'needs the orders table', [{ table: 'orders', fields: ['customer_id', 'date', 'amount'] }]);
  if (!['month', 'week', 'quarter'].includes(period as string) || typeof cohort !== 'string' || !Number.isInteger(offset) || (offset as number) < 0) {
    throw new RangeError('cohortCustomers needs period (month, week, quarter), cohort (a period label) and a whole offset >= 0');
  }
  const unit = period as 'month' | 'week' | 'quarter';
  const cohortPeriod = periodOfLabel(unit, cohort);
  if (cohortPeriod === undefined) return available({ cohort, offset, customers: new Int32Array(0) });
  const day = resolveAsOf(orders, asOf as number | undefined);
  const { periods, lo } = orderDayPeriods(dataset, unit, day);
  const grouped = ordersByCustomer(dataset);
  const hits = new Int32Array(dataset.customerCount);
  const count = offsetBuyers(grouped.offsets, grouped.day, grouped.amount, periods, lo, unit, day, cohortPeriod, offset as number, onOrAfter ? 1 : 0, hits);
  return available({ cohort, offset, customers: hits.slice(0, count) });
}

/*
 * Loops below are kernels (typed arrays and numbers only, the period table passed as its parts): see
 * "Hot loops are kernels" in docs/architecture.md.
 */

/** Heat-map column of each scored customer: its group code, or `g` when it has none in 0..g-1. */
function columnsOf(customers: Int32Array, codes: Int32Array, g: number, column: Int32Array): void {
  for (let i = 0; i < customers.length; i++) {
    const code = codes[customers[i]];
    column[i] = code >= 0 && code < g ? code : g;
  }
}

/**
 * The customers whose first purchase (amount >= 0, on or before `asOf`) falls in period `cohort` and
 * who bought `offset` periods after it (or at least that many with `onOrAfter` 1), ascending, into
 * `hits`; returns how many. Rows come grouped by customer in date order, so the first purchase row
 * holds the first period.
 */
function offsetBuyers(offsets: Int32Array, day: Int32Array, amount: Float64Array, periods: Int32Array, lo: number, unit: PeriodUnit, asOf: number, cohort: number, offset: number, onOrAfter: number, hits: Int32Array): number {
  let m = 0;
  for (let c = 0; c < offsets.length - 1; c++) {
    const end = offsets[c + 1];
    let k = offsets[c];
    while (k < end && day[k] <= asOf && amount[k] < 0) k++;
    if (k === end || day[k] > asOf || periodAt(periods, lo, unit, day[k]) !== cohort) continue;
    for (; k < end && day[k] <= asOf; k++) {
      if (amount[k] < 0) continue;
      const at = periodAt(periods, lo, unit, day[k]) - cohort;
      if (at === offset || (onOrAfter === 1 && at > offset)) {
        hits[m++] = c;
        break;
      }
    }
  }
  return m;
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
  valueTiers: {
    description: 'value tiers: current x potential scores, composite, four tiers (potential source by name, `auto` by default)',
    run: (dataset, options) => valueTiersByName(dataset, withDayAsOf(options)),
  },
  journey: {
    description: 'lifecycle stage snapshots and flows, touchpoints and pain points, sentiment by stage, funnel',
    run: (dataset, options) => journeyOf(dataset, withDayAsOf(options)),
  },
  churnHeatmap: {
    description: 'churn-risk signals x group (customers segment, industry, plan, channel, or value tier), with each scored customer',
    run: (dataset, options) => churnHeatmapOf(dataset, withDayAsOf(options)),
  },
  cohortCustomers: {
    description: 'customers of one first-purchase cohort with a purchase at one period offset',
    run: (dataset, options) => cohortCustomers(dataset, withDayAsOf(options)),
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
