/**
 * KPIs per period (month, quarter or year), each with the previous period, the change and a series
 * for sparklines (METRICS.md sections 2-4). A KPI whose table or field is missing comes back
 * unavailable with the reason, never as zero.
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { checkRequirements, unavailable, type Requirement, type Unavailable } from '../availability.js';
import { parseOptions } from '../../stats/parse-options.js';
import { buildSpine, kpiAsOf, positionAt, type Spine } from './spine.js';
import type { PeriodUnit } from '../../stats/periods.js';
import { orderMetrics, type OrderMetrics } from './order-metrics.js';
import { csatScore, npsScore, periodDiscountRate, simpleClv } from './formulas.js';
import { KPI_DEFINITIONS, KPI_IDS, type KpiDefinition, type KpiId } from './definitions.js';
import { NO_FLAGS, NO_FLOATS, NO_INTS } from '../../stats/absent.js';
import { groupRows } from '../../stats/group.js';

/** Schema of {@link KpiOptions}. */
export const KpiOptionsSchema = z
  .object({
    /** Analysis day number; default the day after the last order. */
    asOf: z.number().int().optional(),
    period: z.enum(['month', 'quarter', 'year']).default('month'),
    /**
     * Days without a purchase after which a customer counts as lost (retention, churn, NRR). 90 by
     * default: a quarter is a common repurchase horizon in retail; set it to your buying cycle.
     */
    inactivityDays: z.number().int().min(1).default(90),
    /** Annual discount rate for the simple CLV, converted to the period. */
    annualDiscountRate: z.number().min(0).max(1).default(0.1),
    clvTiming: z.enum(['end', 'start', 'excluded']).default('end'),
    /** Event type that counts as a complaint (case-insensitive). */
    complaintType: z.string().min(1).default('complaint'),
  })
  .strict();

/** KPI options as given. */
export type KpiOptions = z.input<typeof KpiOptionsSchema>;

/** One point of a KPI's series. */
export interface KpiPoint {
  readonly period: string;
  /** First day number of the period. */
  readonly start: number;
  /** Null when the period has nothing to compute it from (no answers, no customers at the start...). */
  readonly value: number | null;
  readonly partial: boolean;
}

/** A computed KPI. */
export interface KpiValue extends Omit<KpiDefinition, 'text'> {
  readonly available: true;
  /** Value in the current period (see {@link KpiResult.current}). */
  readonly value: number | null;
  readonly previous: number | null;
  /** value - previous (percentage points for percents, as fractions). */
  readonly change: number | null;
  /** (value - previous) / |previous|; null when previous is 0 or missing. */
  readonly relativeChange: number | null;
  readonly series: readonly KpiPoint[];
}

/** A KPI that could not be computed, and why. */
export type KpiUnavailable = Unavailable & Omit<KpiDefinition, 'text'>;

/** One KPI tile's data. */
export type Kpi = KpiValue | KpiUnavailable;

/** Result of {@link kpis}. */
export interface KpiResult {
  readonly period: 'month' | 'quarter' | 'year';
  readonly asOf: number | null;
  readonly asOfDate: string | null;
  /** Label of the period the values describe (the last complete one) and of the one before. */
  readonly current: string | null;
  readonly previous: string | null;
  readonly inactivityDays: number;
  readonly kpis: readonly Kpi[];
}

type Series = (number | null)[];

const ratio = (a: number, b: number) => (b === 0 || !Number.isFinite(a / b) ? null : a / b);
const seriesOf = (length: number, at: (p: number) => number | null): Series => Array.from({ length }, (_, p) => at(p));

function value(id: KpiId, spine: Spine, series: Series): KpiValue {
  const { text: _text, ...definition } = KPI_DEFINITIONS[id];
  const current = series[spine.current];
  const previous = spine.current > 0 ? series[spine.current - 1] : null;
  const change = current !== null && previous !== null ? current - previous : null;
  return {
    ...definition,
    available: true,
    value: current,
    previous,
    change,
    relativeChange: change !== null && previous !== 0 ? change / Math.abs(previous!) : null,
    series: series.map((v, p) => ({ period: spine.labels[p], start: spine.starts[p], value: v, partial: spine.partial[p] })),
  };
}

function missing(id: KpiId, why: Unavailable): KpiUnavailable {
  const { text: _text, ...definition } = KPI_DEFINITIONS[id];
  return { ...why, ...definition };
}

/**
 * Per-period sums of `weights` (1 per row when empty) over the rows dated on the spine whose
 * `codes` entry is `wanted` (every row when `codes` is empty).
 * A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function sumByPeriod(days: Int32Array, weights: Float64Array, codes: Int32Array, wanted: Uint8Array, unit: PeriodUnit, first: number, asOf: number, sums: Float64Array): Float64Array {
  const byWeight = weights.length > 0;
  const byCode = codes.length > 0;
  for (let i = 0; i < days.length; i++) {
    const p = positionAt(NO_INTS, 0, unit, first, sums.length, asOf, days[i]);
    if (p < 0 || (byCode && wanted[codes[i]] !== 1)) continue;
    sums[p] += byWeight ? weights[i] : 1;
  }
  return sums;
}

/**
 * Per period of the customers' first purchase (`first[c]`, -1 for none), the customers-table rows
 * with a known referral flag into `known` and the referred ones into `yes`. A kernel.
 */
function referralsByPeriod(customer: Int32Array, referred: Int8Array, first: Int32Array, known: Float64Array, yes: Float64Array): void {
  for (let i = 0; i < customer.length; i++) {
    const p = first[customer[i]];
    if (p < 0 || referred[i] < 0) continue;
    known[p]++;
    yes[p] += referred[i];
  }
}

/**
 * Each answer's spine position into `positions` (-1 for no answer, NaN, or a day off the spine);
 * returns how many rows hold an answer at all. A kernel.
 */
function answerPositions(days: Int32Array, answers: Float64Array, unit: PeriodUnit, first: number, asOf: number, length: number, positions: Int32Array): number {
  let answered = 0;
  for (let i = 0; i < days.length; i++) {
    const known = !Number.isNaN(answers[i]);
    if (known) answered++;
    positions[i] = known ? positionAt(NO_INTS, 0, unit, first, length, asOf, days[i]) : -1;
  }
  return answered;
}

/** `values[rows[i]]` into `out[i]`. A kernel. */
function gather(values: Float64Array, rows: Int32Array, out: Float64Array): void {
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
}

/** Series of each KPI computable from the Dataset, or the reason it is not. */
function compute(dataset: Dataset, spine: Spine, opts: z.output<typeof KpiOptionsSchema>): Map<KpiId, Series | Unavailable> {
  const out = new Map<KpiId, Series | Unavailable>();
  const P = spine.length;
  const need = (requirements: Requirement[]) => checkRequirements(dataset, requirements);
  const ordersMissing = need([{ table: 'orders', fields: ['customer_id', 'date', 'amount'] }]);
  let orders: OrderMetrics | undefined;
  if (ordersMissing) {
    for (const id of KPI_IDS) out.set(id, ordersMissing);
  } else {
    orders = orderMetrics(dataset, spine, opts.inactivityDays);
    const o = orders;
    out.set('active-customers', [...o.active]);
    out.set('new-customers', [...o.newCustomers]);
    out.set('revenue', [...o.revenue]);
    out.set('orders', [...o.orders]);
    out.set('average-order-value', seriesOf(P, (p) => ratio(o.revenue[p], o.orders[p])));
    out.set('repeat-purchase-rate', seriesOf(P, (p) => ratio(o.repeatBuyers[p], o.everBought[p])));
    const retention = seriesOf(P, (p) => ratio(o.retained[p], o.activeAtStart[p]));
    out.set('retention-rate', retention);
    out.set('churn-rate', seriesOf(P, (p) => ratio(o.activeAtStart[p] - o.retained[p], o.activeAtStart[p])));
    out.set('net-revenue-retention', seriesOf(P, (p) => ratio(o.nrrCurrent[p], o.nrrPrevious[p])));
    const discount = periodDiscountRate(opts.annualDiscountRate, spine.unit);
    const contribution = o.margin ?? o.revenue;
    const clv = seriesOf(P, (p) => {
      const m = ratio(contribution[p], o.active[p]);
      const r = retention[p];
      if (m === null || r === null) return null;
      const v = simpleClv(m, r, discount, opts.clvTiming);
      return Number.isNaN(v) ? null : v;
    });
    out.set('clv', clv);

    const spendMissing = need([{ table: 'spend', fields: ['date', 'amount'] }]);
    if (spendMissing) {
      out.set('cac', spendMissing);
      out.set('clv-cac-ratio', spendMissing);
    } else {
      const s = dataset.spend!;
      const spend = sumByPeriod(s.day, s.amount, NO_INTS, NO_FLAGS, spine.unit, spine.first, spine.asOf, new Float64Array(P));
      const cac = seriesOf(P, (p) => ratio(spend[p], o.newCustomers[p]));
      out.set('cac', cac);
      out.set('clv-cac-ratio', seriesOf(P, (p) => (clv[p] === null || cac[p] === null ? null : ratio(clv[p]!, cac[p]!))));
    }

    const referralMissing = need([{ table: 'customers', fields: ['customer_id', 'referred'] }]);
    if (referralMissing) out.set('referral-rate', referralMissing);
    else {
      const { customer, referred } = dataset.customers!;
      const known = new Float64Array(P);
      const yes = new Float64Array(P);
      referralsByPeriod(customer, referred!, o.firstPosition, known, yes);
      out.set('referral-rate', seriesOf(P, (p) => ratio(yes[p], known[p])));
    }

    const complaintsMissing = need([{ table: 'events', fields: ['customer_id', 'timestamp', 'type'] }]);
    if (complaintsMissing) out.set('complaint-rate', complaintsMissing);
    else {
      const { type, day } = dataset.events!;
      const wanted = opts.complaintType.toLowerCase();
      const complaint = Uint8Array.from(type.values, (v) => (v.toLowerCase() === wanted ? 1 : 0));
      const complaints = sumByPeriod(day, NO_FLOATS, type.codes, complaint, spine.unit, spine.first, spine.asOf, new Float64Array(P));
      out.set('complaint-rate', seriesOf(P, (p) => ratio(complaints[p], o.orders[p])));
    }
  }

  for (const [id, field, score] of [
    ['nps', 'nps', npsScore],
    ['csat', 'csat', csatScore],
  ] as const) {
    const why = need([{ table: 'feedback', fields: ['date', field] }]);
    if (why) {
      out.set(id, why);
      continue;
    }
    const f = dataset.feedback!;
    const answers = f[field]!; // present: `need` checked the field
    const positions = new Int32Array(f.length);
    if (answerPositions(f.day, answers, spine.unit, spine.first, spine.asOf, P, positions) === 0) {
      out.set(id, unavailable('no-rows', `the feedback table has no ${field} answers`, [{ table: 'feedback', fields: [field] }]));
      continue;
    }
    // The answers grouped by period, in row order: each period's score from its slice.
    const { offsets, rows } = groupRows(positions, P, NO_FLAGS);
    const grouped = new Float64Array(rows.length);
    gather(answers, rows, grouped);
    out.set(
      id,
      seriesOf(P, (p) => (offsets[p] === offsets[p + 1] ? null : score(grouped.subarray(offsets[p], offsets[p + 1])))),
    );
  }
  return out;
}

/**
 * Every KPI of {@link KPI_IDS} per period, valued at the last complete period with the one before
 * it. Throws a RangeError for invalid options.
 */
export function kpis(dataset: Dataset, options: KpiOptions = {}): KpiResult {
  const opts = parseOptions('kpis', KpiOptionsSchema, options);
  const asOf = kpiAsOf(dataset, opts.asOf);
  const spine = asOf === undefined ? undefined : buildSpine(dataset, opts.period, asOf);
  const base = {
    period: opts.period,
    asOf: asOf ?? null,
    asOfDate: asOf === undefined ? null : isoDate(asOf),
    inactivityDays: opts.inactivityDays,
  };
  if (!spine) {
    const none = unavailable('no-rows', 'no dated rows on or before the analysis date');
    return { ...base, current: null, previous: null, kpis: KPI_IDS.map((id) => missing(id, none)) };
  }
  const series = compute(dataset, spine, opts);
  return {
    ...base,
    current: spine.labels[spine.current],
    previous: spine.current > 0 ? spine.labels[spine.current - 1] : null,
    kpis: KPI_IDS.map((id) => {
      const s = series.get(id)!;
      return Array.isArray(s) ? value(id, spine, s) : missing(id, s as Unavailable);
    }),
  };
}
