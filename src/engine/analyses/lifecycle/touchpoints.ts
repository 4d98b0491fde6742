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
import { NOT_A_CUSTOMER, STAGES, StageOptionsSchema, stageContext, stageOn } from './stages.js';

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

/** Accumulators of one cell or stage. */
class Tally {
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

  answer(nps: number, csat: number): void {
    if (!Number.isNaN(nps)) {
      this.npsAnswers++;
      this.npsSum += nps;
      if (nps >= 9) this.promoters++;
      if (nps <= 6) this.detractors++;
    }
    if (!Number.isNaN(csat)) {
      this.csatAnswers++;
      this.csatSum += csat;
      if (csat >= 4) this.satisfied++;
      if (csat <= 2) this.dissatisfied++;
    }
  }

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

  const channelCodes = new Map<string, number>();
  const channels: string[] = [];
  const codeOf = (column: CategoryColumn | undefined, row: number): number => {
    const value = column && column.codes[row] >= 0 ? column.values[column.codes[row]] : '(none)';
    let code = channelCodes.get(value);
    if (code === undefined) {
      code = channels.length;
      channels.push(value);
      channelCodes.set(value, code);
    }
    return code;
  };
  const cells = new Map<number, Tally>();
  const byStage = TOUCHPOINT_STAGES.map(() => new Tally());
  const total = new Tally();
  const tally = (stage: number, channel: number): Tally => {
    const key = channel * TOUCHPOINT_STAGES.length + stage;
    let t = cells.get(key);
    if (!t) cells.set(key, (t = new Tally()));
    return t;
  };
  const stageIndex = (c: number, day: number): number => {
    const s = stageOn(ctx, c, day);
    return s === NOT_A_CUSTOMER ? 0 : s + 1;
  };
  if (events) {
    const complaint = events.type.values.indexOf(complaintType);
    const usage = new Uint8Array(events.type.values.length);
    events.type.values.forEach((v, code) => (usage[code] = usageTypes.includes(v) ? 1 : 0));
    for (let i = 0; i < events.length; i++) {
      if (events.day[i] > ctx.asOf || events.type.codes[i] < 0 || usage[events.type.codes[i]]) continue;
      const stage = stageIndex(events.customer[i], events.day[i]);
      const isComplaint = events.type.codes[i] === complaint ? 1 : 0;
      for (const t of [tally(stage, codeOf(events.channel, i)), byStage[stage], total]) {
        t.interactions++;
        t.complaints += isComplaint;
      }
    }
  }
  if (feedback) {
    for (let i = 0; i < feedback.length; i++) {
      if (feedback.day[i] > ctx.asOf) continue;
      const stage = stageIndex(feedback.customer[i], feedback.day[i]);
      for (const t of [tally(stage, codeOf(feedback.touchpoint, i)), byStage[stage], total]) t.answer(feedback.nps[i], feedback.csat[i]);
    }
  }

  const overall = {
    complaintRate: total.interactions > 0 ? total.complaints / total.interactions : null,
    dissatisfaction: total.sentiment().dissatisfaction,
  };
  const result: TouchpointCell[] = [];
  for (let s = 0; s < TOUCHPOINT_STAGES.length; s++) {
    for (let ch = 0; ch < channels.length; ch++) {
      const t = cells.get(ch * TOUCHPOINT_STAGES.length + s);
      if (!t) continue;
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
