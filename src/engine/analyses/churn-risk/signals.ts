/**
 * The churn-risk signals, one evaluator each. An evaluator returns, per Dataset customer, 1 when the
 * signal trips at the as-of day; or why it cannot be evaluated (a missing table or field, or a feed
 * that never records the thing the signal watches: no login events is "unknown", not "no logins").
 */
import type { Dataset, EventsTable } from '../../dataset/types.js';
import { NO_DAY } from '../../dataset/types.js';
import { unavailable, type Unavailable } from '../availability.js';
import { activityDays, countWithin, customerDays, lastWithin } from '../lifecycle/activity.js';
import type { PAliveReason, ResolvedPAlive } from '../lifecycle/p-alive.js';
import type { ResolvedChurnRiskOptions, Signal } from './options.js';
import { NO_FLOATS, NO_INTS } from '../../stats/absent.js';

/** Why a signal cannot be evaluated: as {@link Unavailable}, plus `not-requested` for P(alive) turned off. */
export type SignalUnavailable = Omit<Unavailable, 'reason'> & { readonly reason: PAliveReason };

/** One signal's verdict for every Dataset customer, or why it is unavailable. */
export type SignalOutcome = { readonly trips: Uint8Array } | SignalUnavailable;

/** What an evaluator reads. */
export interface SignalInput {
  readonly dataset: Dataset;
  readonly options: ResolvedChurnRiskOptions;
  readonly asOf: number;
  /** P(alive) per Dataset customer, resolved at `asOf` (absent with the reason in its status). */
  readonly pAlive: ResolvedPAlive;
}

const EVENTS_TYPE = { table: 'events', fields: ['customer_id', 'timestamp', 'type'] } as const;

/** Code of `value` in a category column's dictionary, or -1. */
function codeOf(values: readonly string[], value: string): number {
  return values.indexOf(value);
}

/** The events table and the code of an event type it must record, or why the signal cannot run. */
function eventsWithType(dataset: Dataset, type: string): { events: EventsTable; code: number } | Unavailable {
  const events = dataset.events;
  if (!events) return unavailable('missing-table', `needs the events table with "${type}" events`, [EVENTS_TYPE]);
  const code = codeOf(events.type.values, type);
  if (code < 0) return unavailable('invalid-data', `the events table has no "${type}" events`, [EVENTS_TYPE]);
  return { events, code };
}

/**
 * 1 for the rows of type `a` or `b`, or with any feature (`feature` code >= 0; none when `feature` is
 * empty). A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function rowsOfType(type: Int32Array, a: number, b: number, feature: Int32Array): Uint8Array {
  const mask = new Uint8Array(type.length);
  const byFeature = feature.length > 0;
  for (let r = 0; r < type.length; r++) mask[r] = type[r] === a || type[r] === b || (byFeature && feature[r] >= 0) ? 1 : 0;
  return mask;
}

/** 1 for the rows whose feature is a core one (`core[code]` 1). */
function coreRows(feature: Int32Array, core: Uint8Array): Uint8Array {
  const mask = new Uint8Array(feature.length);
  for (let r = 0; r < feature.length; r++) mask[r] = feature[r] >= 0 && core[feature[r]] === 1 ? 1 : 0;
  return mask;
}

function noLogin({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const found = eventsWithType(dataset, options.loginType);
  if (!('code' in found)) return found;
  const { events, code: login } = found;
  const n = dataset.customerCount;
  const logins = customerDays(n, [{ customer: events.customer, day: events.day, mask: rowsOfType(events.type.codes, login, login, NO_INTS) }], asOf);
  const trips = new Uint8Array(n);
  quietFor(logins.offsets, logins.days, asOf, options.noLoginDays, trips);
  return { trips };
}

/**
 * 1 in `trips[c]` where customer c's last day (of `days[offsets[c] .. offsets[c + 1])`) on or before
 * `asOf` is `quiet` days back or more, or there is none. A kernel (see "Hot loops are kernels" in
 * docs/architecture.md).
 */
function quietFor(offsets: Int32Array, days: Int32Array, asOf: number, quiet: number, trips: Uint8Array): void {
  for (let c = 0; c < trips.length; c++) {
    const last = lastWithin(days, offsets[c], offsets[c + 1], asOf);
    trips[c] = last === NO_DAY || asOf - last >= quiet ? 1 : 0;
  }
}

function lowCoreUsage({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const events = dataset.events;
  const needs = [{ table: 'events', fields: ['customer_id', 'timestamp', 'type', 'feature'] }] as const;
  if (!events?.feature) return unavailable(events ? 'missing-field' : 'missing-table', 'needs events.feature to measure core-feature use', needs);
  const feature = events.feature;
  const core = new Uint8Array(feature.values.length);
  feature.values.forEach((v, code) => {
    core[code] = (options.coreFeatures ? options.coreFeatures.includes(v) : /^core/i.test(v)) ? 1 : 0;
  });
  if (!core.includes(1)) return unavailable('invalid-data', 'no core features among events.feature (name them with the coreFeatures option)', needs);
  const login = codeOf(events.type.values, options.loginType);
  const featureType = codeOf(events.type.values, options.featureType);
  const n = dataset.customerCount;
  const from = asOf - options.usageWindowDays;
  const usage = customerDays(n, [{ customer: events.customer, day: events.day, mask: rowsOfType(events.type.codes, login, featureType, feature.codes) }], asOf);
  const coreDays = customerDays(n, [{ customer: events.customer, day: events.day, mask: coreRows(feature.codes, core) }], asOf);
  const trips = new Uint8Array(n);
  coreShareBelow(usage.offsets, usage.days, coreDays.offsets, coreDays.days, from, asOf, options.coreUsageBelow, trips);
  return { trips };
}

/**
 * 1 in `trips[c]` where the share of customer c's active days in (from, to] (from `active`) that are
 * core days (from `core`) is below `bound`; no active day is a share of 0. A kernel (see "Hot loops
 * are kernels" in docs/architecture.md).
 */
function coreShareBelow(activeOffsets: Int32Array, active: Int32Array, coreOffsets: Int32Array, core: Int32Array, from: number, to: number, bound: number, trips: Uint8Array): void {
  for (let c = 0; c < trips.length; c++) {
    const days = countWithin(active, activeOffsets[c], activeOffsets[c + 1], from, to);
    const share = days === 0 ? 0 : countWithin(core, coreOffsets[c], coreOffsets[c + 1], from, to) / days;
    trips[c] = share < bound ? 1 : 0;
  }
}

function renewalLate({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const customers = dataset.customers;
  const orders = dataset.orders;
  const needs = [
    { table: 'customers', fields: ['customer_id', 'renewal_date'] },
    { table: 'orders', fields: ['customer_id', 'date'] },
  ] as const;
  if (!customers?.renewalDay || !orders) return unavailable(customers ? 'missing-field' : 'missing-table', 'needs customers.renewal_date and orders', needs);
  const n = dataset.customerCount;
  const renewal = new Int32Array(n).fill(NO_DAY);
  knownDays(customers.customer, customers.renewalDay, renewal);
  const orderDays = activityDays(dataset, asOf, false);
  const trips = new Uint8Array(n);
  lateRenewals(renewal, orderDays.offsets, orderDays.days, asOf, options.renewalLateDays, trips);
  return { trips };
}

/** Each row's day into `out[customer[row]]`, but for NO_DAY (a later row wins). A kernel. */
function knownDays(customer: Int32Array, day: Int32Array, out: Int32Array): void {
  for (let i = 0; i < customer.length; i++) if (day[i] !== NO_DAY) out[customer[i]] = day[i];
}

/**
 * 1 in `trips[c]` where customer c's renewal was due more than `late` days before `asOf` and no day
 * of `days[offsets[c] .. offsets[c + 1])` falls from the day before it through `asOf`. A kernel.
 */
function lateRenewals(due: Int32Array, offsets: Int32Array, days: Int32Array, asOf: number, late: number, trips: Uint8Array): void {
  for (let c = 0; c < trips.length; c++) {
    const d = due[c];
    trips[c] = d !== NO_DAY && asOf - d > late && countWithin(days, offsets[c], offsets[c + 1], d - 1, asOf) === 0 ? 1 : 0;
  }
}

/**
 * Per-customer sums of a row value over the last window and the one before it. A row's value is
 * `amount[row]` (1 when `amount` is empty), and 0 unless `type[row]` is `code` (any type when `type`
 * is empty). A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function twoWindows(
  customer: Int32Array,
  day: Int32Array,
  amount: Float64Array,
  type: Int32Array,
  code: number,
  asOf: number,
  window: number,
  recent: Float64Array,
  before: Float64Array,
): void {
  const byAmount = amount.length > 0;
  const byType = type.length > 0;
  for (let r = 0; r < customer.length; r++) {
    const d = day[r];
    if (d > asOf || d <= asOf - 2 * window) continue;
    const v = byType && type[r] !== code ? 0 : byAmount ? amount[r] : 1;
    if (v === 0) continue;
    if (d > asOf - window) recent[customer[r]] += v;
    else before[customer[r]] += v;
  }
}

/** 1 where the recent sum fell by `drop` or more from a positive earlier one. */
function fellBy(recent: Float64Array, before: Float64Array, drop: number): Uint8Array {
  const trips = new Uint8Array(recent.length);
  for (let c = 0; c < recent.length; c++) trips[c] = before[c] > 0 && recent[c] <= (1 - drop) * before[c] ? 1 : 0;
  return trips;
}

/** 1 where the recent count is at least 1 and rose by `rise` or more from the earlier one. */
function roseBy(recent: Float64Array, before: Float64Array, rise: number): Uint8Array {
  const trips = new Uint8Array(recent.length);
  for (let c = 0; c < recent.length; c++) trips[c] = recent[c] >= 1 && recent[c] >= (1 + rise) * before[c] ? 1 : 0;
  return trips;
}

function purchasesDown({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const orders = dataset.orders;
  if (!orders) return unavailable('missing-table', 'needs the orders table', [{ table: 'orders', fields: ['customer_id', 'date', 'amount'] }]);
  const n = dataset.customerCount;
  const recent = new Float64Array(n);
  const before = new Float64Array(n);
  twoWindows(orders.customer, orders.day, options.purchaseMeasure === 'revenue' ? orders.amount : NO_FLOATS, NO_INTS, 0, asOf, options.purchaseWindowDays, recent, before);
  return { trips: fellBy(recent, before, options.purchaseDrop) };
}

function complaintsUp({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const found = eventsWithType(dataset, options.complaintType);
  if (!('code' in found)) return found;
  const { events, code: complaint } = found;
  const n = dataset.customerCount;
  const recent = new Float64Array(n);
  const before = new Float64Array(n);
  twoWindows(events.customer, events.day, NO_FLOATS, events.type.codes, complaint, asOf, options.complaintWindowDays, recent, before);
  return { trips: roseBy(recent, before, options.complaintRise) };
}

function npsFalling({ dataset, options, asOf }: SignalInput): SignalOutcome {
  const feedback = dataset.feedback;
  const needs = [{ table: 'feedback', fields: ['customer_id', 'date', 'nps'] }] as const;
  if (!feedback?.nps) return unavailable(feedback ? 'missing-field' : 'missing-table', 'needs the feedback table with NPS answers', needs);
  const n = dataset.customerCount;
  // Per customer: the latest and the previous survey day, with the sum and count of answers on each.
  const lastDay = new Int32Array(n).fill(NO_DAY);
  const prevDay = new Int32Array(n).fill(NO_DAY);
  latestTwoDays(feedback.customer, feedback.day, feedback.nps, asOf, lastDay, prevDay);
  const sums = new Float64Array(4 * n);
  const answers = sumLatestTwo(feedback.customer, feedback.day, feedback.nps, asOf, lastDay, prevDay, sums);
  if (answers === 0) return unavailable('invalid-data', 'no NPS answers on or before the as-of date', needs);
  const trips = new Uint8Array(n);
  meanFell(sums, options.npsDrop, trips);
  return { trips };
}

/*
 * The three loops of npsFalling, kernels (see "Hot loops are kernels" in docs/architecture.md). Rows
 * count when dated on or before `asOf` with an answer (`score` not NaN).
 */

/** Per customer, the latest answer day into `lastDay` and the one before it into `prevDay` (NO_DAY: none). */
function latestTwoDays(customer: Int32Array, day: Int32Array, score: Float64Array, asOf: number, lastDay: Int32Array, prevDay: Int32Array): void {
  for (let r = 0; r < customer.length; r++) {
    const d = day[r];
    const c = customer[r];
    if (d > asOf || Number.isNaN(score[r]) || d === lastDay[c]) continue;
    if (lastDay[c] === NO_DAY || d > lastDay[c]) {
      prevDay[c] = lastDay[c];
      lastDay[c] = d;
    } else if (d !== prevDay[c] && (prevDay[c] === NO_DAY || d > prevDay[c])) prevDay[c] = d;
  }
}

/**
 * Sums and counts of customer c's answers on its latest day into `sums[4c]`, `sums[4c + 1]` and on the
 * previous one into `sums[4c + 2]`, `sums[4c + 3]`; returns how many rows count at all.
 */
function sumLatestTwo(customer: Int32Array, day: Int32Array, score: Float64Array, asOf: number, lastDay: Int32Array, prevDay: Int32Array, sums: Float64Array): number {
  let answers = 0;
  for (let r = 0; r < customer.length; r++) {
    const c = customer[r];
    const d = day[r];
    if (d > asOf || Number.isNaN(score[r])) continue;
    answers++;
    const slot = d === lastDay[c] ? 0 : d === prevDay[c] ? 2 : -1;
    if (slot < 0) continue;
    sums[4 * c + slot] += score[r];
    sums[4 * c + slot + 1]++;
  }
  return answers;
}

/** 1 in `trips[c]` where the mean on the latest day is `drop` or more below the previous day's. */
function meanFell(sums: Float64Array, drop: number, trips: Uint8Array): void {
  for (let c = 0; c < trips.length; c++) {
    if (sums[4 * c + 3] === 0) continue;
    const latest = sums[4 * c] / sums[4 * c + 1];
    const previous = sums[4 * c + 2] / sums[4 * c + 3];
    trips[c] = previous - latest >= drop ? 1 : 0;
  }
}

/** Trips below `pAliveBelow`; a customer without a value (NaN: no order by the as-of day) does not trip. */
function lowPAlive({ options, pAlive }: SignalInput): SignalOutcome {
  if (pAlive.values === undefined) return pAlive.status;
  return { trips: below(pAlive.values, options.pAliveBelow) };
}

/** 1 where a value is below `bound` (NaN is not). */
function below(values: Float64Array, bound: number): Uint8Array {
  const trips = new Uint8Array(values.length);
  for (let c = 0; c < values.length; c++) trips[c] = values[c] < bound ? 1 : 0;
  return trips;
}

/** Every signal's evaluator. */
export const EVALUATORS: Readonly<Record<Signal, (input: SignalInput) => SignalOutcome>> = {
  noLogin,
  lowCoreUsage,
  renewalLate,
  purchasesDown,
  complaintsUp,
  npsFalling,
  lowPAlive,
};
