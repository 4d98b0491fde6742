/**
 * Touchpoints and pain points by lifecycle stage and channel (METRICS.md section 6).
 *
 * Every event (except product usage: the `usageTypes`, login and feature use by default) is an
 * interaction in the cell (stage of the customer on the event's day, event channel);
 * every survey answer adds to the cell (stage on the answer's day, answer touchpoint). Interactions
 * before a customer's first purchase fall in the `prospect` stage.
 *
 * Pain point rule: a cell is a pain point when, against the overall rate r over all cells,
 * - complaints: it has >= `minInteractions` interactions, complaint rate >= `painRatio` x r, and the
 *   excess is significant: binomial z = (k - n r) / sqrt(n r (1 - r)) >= `minZ`; or
 * - dissatisfaction (share of answers with CSAT <= 2 or NPS <= 6): >= `minAnswers` answers,
 *   >= `painRatio` x the overall share, and z >= `minZ` likewise.
 */
import { z } from '../../zod.js';
import type { CategoryColumn, Dataset } from '../../dataset/types.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { calendarOf, NO_CALENDAR, NOT_A_CUSTOMER, STAGES, StageOptionsSchema, stageAt, stageContext } from './stages.js';
import { NO_FLAGS, NO_FLOATS, NO_INTS } from '../../stats/absent.js';

/** Stages of touchpoint cells: `prospect` (before the first purchase) and the lifecycle stages. */
export const TOUCHPOINT_STAGES = ['prospect', ...STAGES] as const;
/** A touchpoint stage. */
export type TouchpointStage = (typeof TOUCHPOINT_STAGES)[number];

/** Schema of {@link TouchpointOptions}. */
export const TouchpointOptionsSchema = StageOptionsSchema.extend({
  /** Event type that is a complaint. */
  complaintType: z.string().default('complaint'),
  /** Event types that are product usage rather than touchpoints; they are not interactions. */
  usageTypes: z.array(z.string()).default(['login', 'feature']),
  painRatio: z.number().min(1).default(1.5),
  minZ: z.number().min(0).default(2),
  minInteractions: z.number().int().min(1).default(30),
  minAnswers: z.number().int().min(1).default(10),
});

/** Touchpoint options (stage thresholds plus the pain-point rule), all optional. */
export type TouchpointOptions = z.input<typeof TouchpointOptionsSchema>;

/** Survey sentiment of a group of answers. */
export interface Sentiment {
  readonly npsAnswers: number;
  /** NPS (% promoters - % detractors); null without answers. */
  readonly nps: number | null;
  readonly npsMean: number | null;
  readonly csatAnswers: number;
  /** CSAT (% of 4 and 5 answers); null without answers. */
  readonly csat: number | null;
  readonly csatMean: number | null;
  /** Share of answers with CSAT <= 2 or NPS <= 6; null without answers. */
  readonly dissatisfaction: number | null;
}

/** One stage x channel cell. */
export interface TouchpointCell extends Sentiment {
  readonly stage: TouchpointStage;
  readonly channel: string;
  readonly interactions: number;
  readonly complaints: number;
  /** complaints / interactions; null without interactions. */
  readonly complaintRate: number | null;
  readonly painPoint: boolean;
  /** Why it is a pain point. */
  readonly painReasons: readonly ('complaints' | 'dissatisfaction')[];
}

/** Sentiment and complaints of one stage over every channel. */
export interface StageSentiment extends Sentiment {
  readonly stage: TouchpointStage;
  readonly interactions: number;
  readonly complaints: number;
}

/** Result of {@link touchpoints}. */
export interface TouchpointsResult {
  readonly stages: readonly TouchpointStage[];
  readonly channels: readonly string[];
  /** Non-empty cells, by stage then channel. */
  readonly cells: readonly TouchpointCell[];
  readonly sentiment: readonly StageSentiment[];
  /** Overall complaint rate and dissatisfaction the pain-point rule compares with. */
  readonly overall: { readonly complaintRate: number | null; readonly dissatisfaction: number | null };
}

/** Accumulators per tally, in this order, in the typed arrays the kernels below fill. */
const INTERACTIONS = 0;
const COMPLAINTS = 1;
const NPS_ANSWERS = 2;
const NPS_SUM = 3;
const PROMOTERS = 4;
const DETRACTORS = 5;
const CSAT_ANSWERS = 6;
const CSAT_SUM = 7;
const SATISFIED = 8;
const DISSATISFIED = 9;
const FIELDS = 10;

/** Accumulators of one cell or stage. */
class Tally {
  /** The tally at position `at` (in tallies) of accumulator arrays. */
  static of(acc: Float64Array, at: number): Tally {
    const t = new Tally();
    const o = at * FIELDS;
    t.interactions = acc[o + INTERACTIONS];
    t.complaints = acc[o + COMPLAINTS];
    t.npsAnswers = acc[o + NPS_ANSWERS];
    t.npsSum = acc[o + NPS_SUM];
    t.promoters = acc[o + PROMOTERS];
    t.detractors = acc[o + DETRACTORS];
    t.csatAnswers = acc[o + CSAT_ANSWERS];
    t.csatSum = acc[o + CSAT_SUM];
    t.satisfied = acc[o + SATISFIED];
    t.dissatisfied = acc[o + DISSATISFIED];
    return t;
  }

  interactions = 0;
  complaints = 0;
  npsAnswers = 0;
  npsSum = 0;
  promoters = 0;
  detractors = 0;
  csatAnswers = 0;
  csatSum = 0;
  satisfied = 0;
  dissatisfied = 0;

  get answers(): number {
    return this.npsAnswers + this.csatAnswers;
  }

  sentiment(): Sentiment {
    const answers = this.answers;
    return {
      npsAnswers: this.npsAnswers,
      nps: this.npsAnswers > 0 ? (100 * (this.promoters - this.detractors)) / this.npsAnswers : null,
      npsMean: this.npsAnswers > 0 ? this.npsSum / this.npsAnswers : null,
      csatAnswers: this.csatAnswers,
      csat: this.csatAnswers > 0 ? (100 * this.satisfied) / this.csatAnswers : null,
      csatMean: this.csatAnswers > 0 ? this.csatSum / this.csatAnswers : null,
      dissatisfaction: answers > 0 ? (this.dissatisfied + this.detractors) / answers : null,
    };
  }
}

/** Whether k of n against an overall rate r is a significant, large excess. */
function excess(k: number, n: number, r: number | null, ratio: number, minZ: number): boolean {
  if (r === null || n === 0) return false;
  if (r <= 0) return k > 0;
  if (r >= 1) return false;
  return k / n >= ratio * r && (k - n * r) / Math.sqrt(n * r * (1 - r)) >= minZ;
}

/** 1 for each event type listed as usage. */
function usageCodes(types: readonly string[], usageTypes: readonly string[]): Uint8Array {
  return Uint8Array.from(types, (v) => (usageTypes.includes(v) ? 1 : 0));
}

/* The row loops are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/** 1 for the events that are interactions: dated on or before `asOf`, with a type that is not usage. */
function interactionRows(day: Int32Array, type: Int32Array, usage: Uint8Array, asOf: number): Uint8Array {
  const rows = new Uint8Array(day.length);
  for (let i = 0; i < day.length; i++) rows[i] = day[i] <= asOf && type[i] >= 0 && usage[type[i]] === 0 ? 1 : 0;
  return rows;
}

/** The earliest day of the kept rows (Infinity for none). */
function earliestKept(day: Int32Array, rows: Uint8Array): number {
  let first = Infinity;
  for (let i = 0; i < rows.length; i++) if (rows[i] === 1 && day[i] < first) first = day[i];
  return first;
}

/** 1 for the rows dated on or before `asOf`. */
function rowsUpTo(day: Int32Array, asOf: number): Uint8Array {
  const rows = new Uint8Array(day.length);
  for (let i = 0; i < day.length; i++) rows[i] = day[i] <= asOf ? 1 : 0;
  return rows;
}

/**
 * Each dictionary code's channel (slot `values.length` for no value, '(none)') among `channels`,
 * appending the values the kept rows show first, in row order.
 */
function channelsOf(column: CategoryColumn | undefined, rows: Uint8Array, channels: string[]): Int32Array {
  const values = column ? column.values : [];
  const order = new Int32Array(values.length + 1);
  const seen = firstSeen(column ? column.codes : NO_INTS, rows, values.length, order);
  const channelOf = new Int32Array(values.length + 1);
  for (let k = 0; k < seen; k++) {
    const slot = order[k];
    const value = slot < values.length ? values[slot] : '(none)';
    let channel = channels.indexOf(value);
    if (channel < 0) channel = channels.push(value) - 1;
    channelOf[slot] = channel;
  }
  return channelOf;
}

/**
 * The slots (code, or `none` for a code below 0 or no column) of the kept rows in the order they first
 * appear, into `order`; returns how many.
 */
function firstSeen(codes: Int32Array, rows: Uint8Array, none: number, order: Int32Array): number {
  const seen = new Uint8Array(order.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] === 0) continue;
    const slot = slotOf(codes, none, i);
    if (seen[slot] === 1) continue;
    seen[slot] = 1;
    order[count++] = slot;
  }
  return count;
}

/** The channel slot of row i of a category column's codes (`none` for no value or no column). */
function slotOf(codes: Int32Array, none: number, i: number): number {
  return codes.length > 0 && codes[i] >= 0 ? codes[i] : none;
}

/** Adds one interaction (a complaint or not) at tally `at`. */
function addInteraction(acc: Float64Array, at: number, complaint: number): void {
  acc[at * FIELDS + INTERACTIONS]++;
  acc[at * FIELDS + COMPLAINTS] += complaint;
}

/** Adds one survey answer (NaN = not answered) at tally `at`. */
function addAnswer(acc: Float64Array, at: number, nps: number, csat: number): void {
  const o = at * FIELDS;
  if (!Number.isNaN(nps)) {
    acc[o + NPS_ANSWERS]++;
    acc[o + NPS_SUM] += nps;
    if (nps >= 9) acc[o + PROMOTERS]++;
    if (nps <= 6) acc[o + DETRACTORS]++;
  }
  if (!Number.isNaN(csat)) {
    acc[o + CSAT_ANSWERS]++;
    acc[o + CSAT_SUM] += csat;
    if (csat >= 4) acc[o + SATISFIED]++;
    if (csat <= 2) acc[o + DISSATISFIED]++;
  }
}

/**
 * Every kept row into its cell (channel x stage; `touched` marks it), its stage and the total: survey
 * answers (`nps`, `csat`; empty when the feed has no such column) when `answers` is 1, else
 * interactions, the complaints being the rows of type `complaint`.
 */
function tallyRows(
  answers: number,
  customer: Int32Array,
  day: Int32Array,
  type: Int32Array,
  complaint: number,
  nps: Float64Array,
  csat: Float64Array,
  channelCodes: Int32Array,
  channelOf: Int32Array,
  rows: Uint8Array,
  firstPurchase: Int32Array,
  firstStamp: Int32Array,
  offsets: Int32Array,
  days: Int32Array,
  w: number,
  thresholds: Float64Array,
  stamps: Int32Array,
  monthEnds: Uint8Array,
  lo: number,
  S: number,
  cells: Float64Array,
  touched: Uint8Array,
  byStage: Float64Array,
  total: Float64Array,
): void {
  const none = channelOf.length - 1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] === 0) continue;
    // Touchpoint stage: 0 `prospect` before the first purchase, else the lifecycle stage + 1.
    const s = stageAt(firstPurchase, firstStamp, offsets, days, w, thresholds, stamps, monthEnds, lo, customer[i], day[i], NaN);
    const stage = s === NOT_A_CUSTOMER ? 0 : s + 1;
    const key = channelOf[slotOf(channelCodes, none, i)] * S + stage;
    touched[key] = 1;
    if (answers === 1) {
      const npsAnswer = nps.length > 0 ? nps[i] : NaN;
      const csatAnswer = csat.length > 0 ? csat[i] : NaN;
      addAnswer(cells, key, npsAnswer, csatAnswer);
      addAnswer(byStage, stage, npsAnswer, csatAnswer);
      addAnswer(total, 0, npsAnswer, csatAnswer);
    } else {
      const isComplaint = type[i] === complaint ? 1 : 0;
      addInteraction(cells, key, isComplaint);
      addInteraction(byStage, stage, isComplaint);
      addInteraction(total, 0, isComplaint);
    }
  }
}

/** Touchpoint cells, stage sentiment and pain points. Needs orders plus events (with channel) or feedback. */
export function touchpoints(dataset: Dataset, options: TouchpointOptions = {}): Maybe<TouchpointsResult> {
  const { complaintType, usageTypes, painRatio, minZ, minInteractions, minAnswers, ...stageOptions } = parseOptions('touchpoints', TouchpointOptionsSchema, options);
  const events = dataset.events?.channel ? dataset.events : undefined;
  const feedback = dataset.feedback;
  if (!events && !feedback) {
    return unavailable('missing-table', 'needs events with a channel, or feedback', [
      { table: 'events', fields: ['customer_id', 'timestamp', 'type', 'channel'] },
      { table: 'feedback', fields: ['customer_id', 'date'] },
    ]);
  }
  const ctx = stageContext(dataset, stageOptions);
  if (!ctx) return unavailable('missing-table', 'needs the orders table to place interactions in lifecycle stages', [{ table: 'orders', fields: ['customer_id', 'date'] }]);

  const { offsets, days } = ctx.activity;
  const w = ctx.options.declineWindowDays;
  const thresholds = ctx.thresholds;
  const S = TOUCHPOINT_STAGES.length;
  // Rows that count: events on or before asOf with a type that is not usage, answers on or before asOf.
  const eventRows = events ? interactionRows(events.day, events.type.codes, usageCodes(events.type.values, usageTypes), ctx.asOf) : NO_FLAGS;
  const answerRows = feedback ? rowsUpTo(feedback.day, ctx.asOf) : NO_FLAGS;
  // Channels by value, in the order rows first show them (events, then answers); '(none)' for no value.
  const channels: string[] = [];
  const eventChannel = events ? channelsOf(events.channel, eventRows, channels) : NO_INTS;
  const answerChannel = feedback ? channelsOf(feedback.touchpoint, answerRows, channels) : NO_INTS;
  // A calendar table of the days rows fall on, when that is fewer days than rows (else rows convert their own).
  const lo = Math.min(earliestKept(events ? events.day : NO_INTS, eventRows), earliestKept(feedback ? feedback.day : NO_INTS, answerRows));
  const calendar = ctx.asOf - lo < eventRows.length + answerRows.length ? calendarOf(lo, ctx.asOf) : NO_CALENDAR;
  const stageInputs = [ctx.firstPurchase, ctx.firstStamp, offsets, days, w, thresholds, calendar.stamps, calendar.monthEnds, lo, S] as const;
  const cells = new Float64Array(channels.length * S * FIELDS);
  const touched = new Uint8Array(channels.length * S);
  const byStageAcc = new Float64Array(S * FIELDS);
  const totalAcc = new Float64Array(FIELDS);
  if (events) {
    const complaint = events.type.values.indexOf(complaintType);
    tallyRows(0, events.customer, events.day, events.type.codes, complaint, NO_FLOATS, NO_FLOATS, events.channel ? events.channel.codes : NO_INTS, eventChannel, eventRows, ...stageInputs, cells, touched, byStageAcc, totalAcc);
  }
  if (feedback) {
    tallyRows(1, feedback.customer, feedback.day, NO_INTS, -1, feedback.nps ?? NO_FLOATS, feedback.csat ?? NO_FLOATS, feedback.touchpoint ? feedback.touchpoint.codes : NO_INTS, answerChannel, answerRows, ...stageInputs, cells, touched, byStageAcc, totalAcc);
  }
  const byStage = TOUCHPOINT_STAGES.map((_, stage) => Tally.of(byStageAcc, stage));
  const total = Tally.of(totalAcc, 0);

  const overall = {
    complaintRate: total.interactions > 0 ? total.complaints / total.interactions : null,
    dissatisfaction: total.sentiment().dissatisfaction,
  };
  const result: TouchpointCell[] = [];
  for (let s = 0; s < TOUCHPOINT_STAGES.length; s++) {
    for (let ch = 0; ch < channels.length; ch++) {
      const key = ch * TOUCHPOINT_STAGES.length + s;
      if (touched[key] === 0) continue;
      const t = Tally.of(cells, key);
      const painReasons: ('complaints' | 'dissatisfaction')[] = [];
      if (t.interactions >= minInteractions && excess(t.complaints, t.interactions, overall.complaintRate, painRatio, minZ)) painReasons.push('complaints');
      if (t.answers >= minAnswers && excess(t.dissatisfied + t.detractors, t.answers, overall.dissatisfaction, painRatio, minZ)) painReasons.push('dissatisfaction');
      result.push({
        stage: TOUCHPOINT_STAGES[s],
        channel: channels[ch],
        interactions: t.interactions,
        complaints: t.complaints,
        complaintRate: t.interactions > 0 ? t.complaints / t.interactions : null,
        ...t.sentiment(),
        painPoint: painReasons.length > 0,
        painReasons,
      });
    }
  }
  return available({
    stages: TOUCHPOINT_STAGES,
    channels,
    cells: result,
    sentiment: byStage.map((t, s) => ({ stage: TOUCHPOINT_STAGES[s], interactions: t.interactions, complaints: t.complaints, ...t.sentiment() })),
    overall,
  });
}
