/**
 * A conversion funnel with Mixpanel semantics (METRICS.md section 6).
 *
 * Per customer, an attempt starts at its first step-1 occurrence; the window runs `windowDays` from
 * there and repeats of step 1 inside it do not restart it. Steps must happen in order: each step's
 * first occurrence on or after the previous step's day (strictly after when it repeats the previous
 * step's definition, so "repeat purchase" needs a second order day), and no later than the window's
 * end. When an attempt stalls, the next step-1 occurrence after the window starts a new attempt; a
 * customer counts once, at the furthest step any attempt reached. Conversion to step k = customers
 * reaching step k / customers entering step 1. All dates are day numbers (day granularity).
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';
import { isoDate } from '../../dataset/days.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, unavailable, type Maybe, type Requirement } from '../availability.js';
import { customerDays, lastActivityDay, type CustomerDays, type DaySource } from './activity.js';
import { NO_FLOATS, NO_INTS } from '../../stats/absent.js';

/** Schema of one {@link FunnelStep}. */
export const FunnelStepSchema = z
  .object({
    label: z.string().min(1),
    /** `signup`: customers.signup_date; `order`: an order day; `event`: an event; `feedback`: a survey answer. */
    source: z.enum(['signup', 'order', 'event', 'feedback']),
    /** For `event`: the event type (login, feature, ticket, ...); any when omitted. */
    eventType: z.string().optional(),
    /** For `event`: the feature used. */
    feature: z.string().optional(),
    /** For `feedback`: lowest NPS answer that counts (9 = promoters). */
    minNps: z.number().min(0).max(10).optional(),
    /** For `feedback`: lowest CSAT answer that counts. */
    minCsat: z.number().min(1).max(5).optional(),
  })
  .strict();

/** One funnel step: which occurrences count. */
export type FunnelStep = z.infer<typeof FunnelStepSchema>;

/** Default steps: signup -> first purchase -> repeat purchase -> advocate (an NPS promoter answer). */
export const DEFAULT_FUNNEL_STEPS: readonly FunnelStep[] = [
  { label: 'Signed up', source: 'signup' },
  { label: 'First purchase', source: 'order' },
  { label: 'Repeat purchase', source: 'order' },
  { label: 'Advocate', source: 'feedback', minNps: 9 },
];

/** Schema of {@link FunnelOptions}. */
export const FunnelOptionsSchema = z
  .object({
    steps: z.array(FunnelStepSchema).min(1).default([...DEFAULT_FUNNEL_STEPS]),
    /** Conversion window in days, counted from the attempt's first step-1 day. */
    windowDays: z.number().int().min(0).default(365),
    /** Day number; occurrences after it are ignored. Default the last order or event day. */
    asOf: z.number().int().optional(),
  })
  .strict();

/** Funnel options (all optional). */
export type FunnelOptions = z.input<typeof FunnelOptionsSchema>;

/** One step of the result. */
export interface FunnelStepResult {
  readonly label: string;
  /** Customers who reached this step (within the window of one attempt). */
  readonly customers: number;
  /** customers / customers entering step 1. */
  readonly conversion: number;
  /** customers / customers reaching the previous step (1 for step 1). */
  readonly fromPrevious: number;
}

/** Result of {@link funnel}. */
export interface FunnelResult {
  readonly windowDays: number;
  readonly asOfDate: string;
  readonly steps: readonly FunnelStepResult[];
  /** Furthest step reached per Dataset customer (0 = never entered, k = reached step k). */
  readonly reached: Uint8Array;
}

/** What a step reads from the Dataset, or why it cannot. */
function stepSource(dataset: Dataset, step: FunnelStep): DaySource | Requirement {
  switch (step.source) {
    case 'signup': {
      const t = dataset.customers;
      return t?.signupDay ? { customer: t.customer, day: t.signupDay } : { table: 'customers', fields: ['customer_id', 'signup_date'] };
    }
    case 'order':
      return dataset.orders ? { customer: dataset.orders.customer, day: dataset.orders.day } : { table: 'orders', fields: ['customer_id', 'date'] };
    case 'event': {
      const t = dataset.events;
      if (!t || (step.feature !== undefined && !t.feature)) return { table: 'events', fields: step.feature === undefined ? ['type'] : ['type', 'feature'] };
      if (step.eventType === undefined && step.feature === undefined) return { customer: t.customer, day: t.day };
      // A value the feed never has matches no row (its index -1 would match the rows missing it).
      const type = step.eventType === undefined ? ANY : t.type.values.indexOf(step.eventType);
      const feature = step.feature === undefined ? ANY : t.feature!.values.indexOf(step.feature);
      const mask = new Uint8Array(t.length);
      if (type !== -1 && feature !== -1) markEvents(t.type.codes, type, t.feature?.codes ?? NO_INTS, feature, mask);
      return { customer: t.customer, day: t.day, mask };
    }
    case 'feedback': {
      const t = dataset.feedback;
      if (!t) return { table: 'feedback', fields: ['customer_id', 'date'] };
      const { minNps, minCsat } = step;
      if (minNps === undefined && minCsat === undefined) return { customer: t.customer, day: t.day };
      // A score column the feed does not map is absent (undefined), not a column of NaN.
      if (minNps !== undefined && !t.nps) return { table: 'feedback', fields: ['nps'] };
      if (minCsat !== undefined && !t.csat) return { table: 'feedback', fields: ['csat'] };
      const mask = new Uint8Array(t.length);
      markAnswers(t.nps ?? NO_FLOATS, minNps ?? NaN, t.csat ?? NO_FLOATS, minCsat ?? NaN, mask);
      return { customer: t.customer, day: t.day, mask };
    }
  }
}

/* The row filters below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/** Any value: no filter on that column. */
const ANY = -2;

/** 1 for the events of type code `type` and feature code `feature` ({@link ANY} for either). */
function markEvents(types: Int32Array, type: number, features: Int32Array, feature: number, mask: Uint8Array): void {
  for (let row = 0; row < mask.length; row++) mask[row] = +((type === ANY || types[row] === type) && (feature === ANY || features[row] === feature));
}

/** 1 for the answers with NPS >= `minNps` and CSAT >= `minCsat` (a NaN bound: no condition on that score). */
function markAnswers(nps: Float64Array, minNps: number, csat: Float64Array, minCsat: number, mask: Uint8Array): void {
  for (let row = 0; row < mask.length; row++) mask[row] = +((minNps !== minNps || nps[row] >= minNps) && (minCsat !== minCsat || csat[row] >= minCsat));
}

/** First index in [from, to) of `days` holding a day >= `day` (strictly > when `strict`), or `to`. */
function firstAtOrAfter(days: Int32Array, from: number, to: number, day: number, strict: boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? days[mid] > day : days[mid] >= day) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Furthest step (1-based; 0 = not entered) customer c reaches in any attempt. The steps' per-customer
 * day lists are laid end to end (see {@link stepDayLists}): step k's days of customer c are
 * `days[offsets[k * stride + c] .. offsets[k * stride + c + 1])` with stride = customers + 1;
 * `strict[k]` is 1 when step k repeats step k - 1's definition. A kernel (see "Hot loops are
 * kernels" in docs/architecture.md).
 */
export function furthestStep(offsets: Int32Array, days: Int32Array, strict: Uint8Array, c: number, windowDays: number): number {
  const steps = strict.length;
  const stride = offsets.length / steps;
  let best = 0;
  let i = offsets[c];
  const entryEnd = offsets[c + 1];
  while (i < entryEnd && best < steps) {
    const start = days[i];
    const end = start + windowDays;
    let reached = 1;
    let day = start;
    for (let k = 1; k < steps; k++) {
      const to = offsets[k * stride + c + 1];
      const j = firstAtOrAfter(days, offsets[k * stride + c], to, day, strict[k] === 1);
      if (j === to || days[j] > end) break;
      day = days[j];
      reached++;
    }
    if (reached > best) best = reached;
    // The next attempt starts at the first step-1 day after this window.
    i = firstAtOrAfter(days, i, entryEnd, end, true);
  }
  return best;
}

/** Each customer's furthest step into `reached`, and per step the customers reaching it into `counts`. A kernel. */
function walkCustomers(offsets: Int32Array, days: Int32Array, strict: Uint8Array, windowDays: number, reached: Uint8Array, counts: Int32Array): void {
  for (let c = 0; c < reached.length; c++) {
    const r = furthestStep(offsets, days, strict, c, windowDays);
    reached[c] = r;
    for (let k = 0; k < r; k++) counts[k]++;
  }
}

/** The steps' per-customer day lists end to end, as {@link furthestStep} reads them. */
function stepDayLists(steps: readonly CustomerDays[]): CustomerDays {
  const stride = steps[0].offsets.length;
  const offsets = new Int32Array(steps.length * stride);
  const days = new Int32Array(steps.reduce((total, s) => total + s.days.length, 0));
  let base = 0;
  steps.forEach((s, k) => {
    shifted(s.offsets, base, offsets, k * stride);
    days.set(s.days, base);
    base += s.days.length;
  });
  return { offsets, days };
}

/** `from[i] + by` into `to[at + i]`. A kernel. */
function shifted(from: Int32Array, by: number, to: Int32Array, at: number): void {
  for (let i = 0; i < from.length; i++) to[at + i] = from[i] + by;
}

/** A conversion funnel over customers. Each step needs its table; missing ones make the funnel unavailable. */
export function funnel(dataset: Dataset, options: FunnelOptions = {}): Maybe<FunnelResult> {
  const o = parseOptions('funnel', FunnelOptionsSchema, options);
  const sources: DaySource[] = [];
  for (const step of o.steps) {
    const source = stepSource(dataset, step);
    if ('table' in source) return unavailable('missing-table', `funnel step "${step.label}" needs ${source.table}.${source.fields.join(`, ${source.table}.`)}`, [source]);
    sources.push(source);
  }
  const asOf = o.asOf ?? lastActivityDay(dataset);
  if (asOf === NO_DAY) return unavailable('no-rows', 'no orders or events to date the funnel', [{ table: 'orders', fields: ['customer_id', 'date'] }]);
  const n = dataset.customerCount;
  const { offsets, days } = stepDayLists(sources.map((s) => customerDays(n, [s], asOf)));
  const definition = (s: FunnelStep): string => JSON.stringify({ ...s, label: '' });
  const strict = Uint8Array.from(o.steps, (s, k) => (k > 0 && definition(s) === definition(o.steps[k - 1]) ? 1 : 0));
  const reached = new Uint8Array(n);
  const counts = new Int32Array(o.steps.length);
  walkCustomers(offsets, days, strict, o.windowDays, reached, counts);
  const entered = counts[0];
  return available({
    windowDays: o.windowDays,
    asOfDate: isoDate(asOf),
    steps: o.steps.map((s, k) => ({
      label: s.label,
      customers: counts[k],
      conversion: entered > 0 ? counts[k] / entered : 0,
      fromPrevious: k === 0 ? 1 : counts[k - 1] > 0 ? counts[k] / counts[k - 1] : 0,
    })),
    reached,
  });
}
