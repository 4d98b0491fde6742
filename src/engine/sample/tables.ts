/**
 * Per-customer record generators of the sample company. Each reads only the customer's profile and its
 * own seeded stream, so tables can be streamed one at a time in bounded memory.
 */
import { addMonths, epochMsFromDay, isoDate, monthIndexOfDay } from '../dataset/days.js';
import { NO_DAY } from '../dataset/types.js';
import { COMMENTS, CORE_FEATURES, OTHER_FEATURES } from './names.js';
import {
  ACQUISITION_CHANNELS,
  ANNUAL_DISCOUNT,
  customerStream,
  healthOn,
  seatsOn,
  SIZES,
  type Calendar,
  type Profile,
} from './profile.js';
import type { Random } from './random.js';
import type { SampleCustomer, SampleEvent, SampleFeedback, SampleOrder } from './records.js';

const SUPPORT_CHANNELS = ['email', 'chat', 'phone'] as const;
const LOGIN_DAYS_PER_WEEK = [1.1, 1.8, 2.4];
const TICKET_SIZE_FACTOR = [1, 1.6, 2.5];

/** The customers row of a profile. */
export function customerRecord(p: Profile, calendar: Calendar): SampleCustomer {
  let renewal: number | undefined;
  if (p.firstPurchaseDay !== NO_DAY) {
    if (p.churnDay !== NO_DAY && p.churnDay <= calendar.endDay) renewal = p.churnDay;
    else {
      const step = p.plan.annual ? 12 : 1;
      let k = step;
      while (addMonths(p.firstPurchaseDay, k) <= calendar.endDay) k += step;
      renewal = addMonths(p.firstPurchaseDay, k);
    }
  }
  return {
    customer_id: p.id,
    name: p.name,
    signup_date: isoDate(p.signupDay),
    channel: ACQUISITION_CHANNELS[p.channel],
    acquisition_cost: p.acquisitionCost,
    referred: p.referred,
    segment: SIZES[p.size],
    industry: p.industry,
    potential: p.potential,
    plan: p.plan.name,
    ...(renewal === undefined ? {} : { renewal_date: isoDate(renewal) }),
    employees: p.employees,
  };
}

/**
 * The orders of one customer in date order (without order ids, which the table stream numbers):
 * subscription charges at every renewal until churn, seat expansions of growing annual accounts,
 * add-on packs, onboarding services for enterprises, and occasional credit notes.
 */
export function customerOrders(p: Profile, seed: number): Omit<SampleOrder, 'order_id'>[] {
  if (p.firstPurchaseDay === NO_DAY) return [];
  const rng = customerStream(seed, p.index, 1);
  const rows: Omit<SampleOrder, 'order_id'>[] = [];
  const salesChannel = p.channel === 3 ? 'partner' : p.plan.annual ? 'sales' : 'self-serve';
  const add = (day: number, amount: number, marginRate: number, quantity: number, item: string): void => {
    if (day > p.lastDay) return;
    const value = round2(amount);
    rows.push({ customer_id: p.id, date: isoDate(day), amount: value, margin: round2(value * marginRate), channel: salesChannel, quantity, item });
  };
  const step = p.plan.annual ? 12 : 1;
  let billedSeats = 0;
  let nextRenewal = p.firstPurchaseDay;
  for (let k = 0; ; k += step) {
    const day = addMonths(p.firstPurchaseDay, k);
    if (day > p.lastDay) break;
    billedSeats = seatsOn(p, day);
    nextRenewal = addMonths(p.firstPurchaseDay, k + step);
    const amount = billedSeats * p.plan.seatPrice * (p.plan.annual ? 12 * ANNUAL_DISCOUNT : 1);
    add(day, amount, 0.82, billedSeats, `subscription: ${p.plan.name}`);
    if (!p.plan.annual && rng.chance(0.01 + 0.05 * (1 - healthOn(p, day)))) {
      add(day + rng.int(3, 12), -0.3 * amount, 1, 0, 'credit note');
    }
  }
  if (p.size === 2) add(p.firstPurchaseDay + rng.int(0, 20), rng.uniform(5000, 15000), 0.35, 1, 'services: onboarding');
  for (let q = 3; ; q += 3) {
    const day = addMonths(p.firstPurchaseDay, q) + rng.int(0, 20);
    if (day > p.lastDay) break;
    const h = healthOn(p, day);
    const seats = seatsOn(p, day);
    if (p.plan.annual && seats > billedSeats * 1.1) {
      const monthsLeft = Math.max(1, Math.round((renewalAfter(p, day, nextRenewal) - day) / 30.4));
      add(day, (seats - billedSeats) * p.plan.seatPrice * monthsLeft * ANNUAL_DISCOUNT, 0.82, seats - billedSeats, 'add-on: seats');
      billedSeats = seats;
    }
    if (rng.chance((0.04 + 0.3 * Math.max(0, p.growth)) * h)) add(day, 990 * (1 + p.size), 0.7, 1, 'add-on: analytics pack');
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return rows;
}

/** The first renewal day after `day` (annual plans), starting the search at a known renewal. */
function renewalAfter(p: Profile, day: number, known: number): number {
  let renewal = known;
  for (let k = 12; renewal <= day; k += 12) renewal = addMonths(p.firstPurchaseDay, k);
  return renewal;
}

/** Events and survey answers of one customer, each in time order. */
export interface CustomerActivity {
  readonly events: SampleEvent[];
  readonly feedback: SampleFeedback[];
}

/**
 * Simulates one customer's activity week by week from its health: login days, feature use (core
 * features less often as health falls), support tickets (phone tickets in the first 90 days are the
 * planted pain point: more complaints, lower CSAT), complaints (rising sharply as health falls),
 * website/webinar visits, quarterly account reviews for enterprises, onboarding and ticket CSAT, and
 * quarterly NPS waves (several respondents at larger accounts).
 */
export function customerActivity(p: Profile, calendar: Calendar, seed: number): CustomerActivity {
  const rng = customerStream(seed, p.index, 2);
  const timed: { time: number; row: SampleEvent }[] = [];
  const feedback: SampleFeedback[] = [];
  const event = (day: number, minute: number, type: string, channel: string, feature?: string): void => {
    if (day < calendar.startDay || day > p.lastDay) return;
    const time = epochMsFromDay(day) + minute * 60_000;
    const row: SampleEvent = { customer_id: p.id, timestamp: new Date(time).toISOString().replace('.000Z', 'Z'), type, channel };
    if (feature) row.feature = feature;
    timed.push({ time, row });
  };
  const answer = (day: number, touchpoint: string, score: { nps?: number; csat?: number }, comment?: string): void => {
    if (day < calendar.startDay || day > p.lastDay) return;
    feedback.push({ customer_id: p.id, date: isoDate(day), ...score, touchpoint, stage: crmStage(p, day), ...(comment ? { comment } : {}) });
  };

  for (let n = rng.int(0, 2); n > 0; n--) event(p.signupDay - rng.int(1, 30), workMinute(rng), 'visit', rng.chance(0.7) ? 'website' : 'webinar');
  for (let week = p.signupDay; week <= p.lastDay; week += 7) {
    const h = healthOn(p, week + 3);
    const logins = Math.min(7, rng.poisson(LOGIN_DAYS_PER_WEEK[p.size] * h));
    for (const offset of distinctOffsets(rng, logins)) {
      const day = week + offset;
      const minute = workMinute(rng);
      const channel = rng.chance(0.2) ? 'mobile app' : 'web app';
      event(day, minute, 'login', channel);
      if (rng.chance(0.65)) {
        const feature = rng.chance(0.1 + 0.85 * h) ? rng.pick(CORE_FEATURES) : rng.pick(OTHER_FEATURES);
        event(day, minute + rng.int(1, 40), 'feature', channel, feature);
      }
    }
    for (let n = rng.poisson((0.05 + 0.15 * (1 - h)) * TICKET_SIZE_FACTOR[p.size]); n > 0; n--) {
      const day = week + rng.int(0, 6);
      const minute = workMinute(rng);
      const channel = SUPPORT_CHANNELS[rng.weighted([45, 35, 20])];
      const painful = channel === 'phone' && p.firstPurchaseDay !== NO_DAY && day - p.firstPurchaseDay < 90;
      event(day, minute, 'ticket', channel);
      if (painful && rng.chance(0.35)) event(day, minute + rng.int(30, 240), 'complaint', channel);
      if (rng.chance(0.45)) {
        const csat = clampRound(rng.normal(1.4 + 3.4 * h - (painful ? 1.3 : 0), 0.8), 1, 5);
        answer(day + rng.int(0, 3), channel, { csat }, undefined);
      }
    }
    for (let n = rng.poisson(0.004 + 0.15 * (1 - h) * (1 - h)); n > 0; n--) {
      const channel = p.size === 2 && rng.chance(0.4) ? 'account manager' : SUPPORT_CHANNELS[rng.weighted([50, 20, 30])];
      event(week + rng.int(0, 6), workMinute(rng), 'complaint', channel);
    }
    for (let n = rng.poisson(0.05); n > 0; n--) event(week + rng.int(0, 6), workMinute(rng), 'visit', rng.chance(0.7) ? 'website' : 'webinar');
    if (p.size === 2 && p.firstPurchaseDay !== NO_DAY && (week - p.firstPurchaseDay) % 91 < 7 && week > p.firstPurchaseDay) {
      event(week + rng.int(0, 4), workMinute(rng), 'visit', 'account manager');
    }
  }

  if (p.firstPurchaseDay !== NO_DAY && rng.chance(0.7)) {
    const day = p.firstPurchaseDay + rng.int(20, 40);
    answer(day, 'onboarding', { csat: clampRound(rng.normal(1.8 + 3 * healthOn(p, day), 0.8), 1, 5) });
  }
  for (let m = 0; m < calendar.months; m++) {
    if ((calendar.startMonth - 1 + m) % 3 !== 2) continue;
    const day = addMonths(calendar.startDay, m) + 9 + rng.int(0, 9);
    if (p.firstPurchaseDay === NO_DAY || day < p.firstPurchaseDay + 30 || day > p.lastDay || !rng.chance(0.5)) continue;
    const respondents = p.size === 0 ? 1 : rng.int(1, p.size + 1);
    for (let r = 0; r < respondents; r++) {
      const nps = clampRound(rng.normal(1.5 + 8.5 * healthOn(p, day), 1.2), 0, 10);
      answer(day, 'email', { nps }, surveyComment(rng, p, nps));
    }
  }
  timed.sort((a, b) => a.time - b.time);
  feedback.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { events: timed.map((t) => t.row), feedback };
}

/** Stage label the vendor's CRM would give on a day (tenure and the visible decline). */
function crmStage(p: Profile, day: number): string {
  if (p.firstPurchaseDay === NO_DAY || day < p.firstPurchaseDay) return 'trial';
  if (p.declineDay !== NO_DAY && day >= p.declineDay) return 'declining';
  const months = monthIndexOfDay(day) - monthIndexOfDay(p.firstPurchaseDay);
  return months < 3 ? 'new' : months < 12 ? 'growth' : 'mature';
}

function surveyComment(rng: Random, p: Profile, nps: number): string | undefined {
  if (nps <= 4 && rng.chance(0.4)) return rng.pick(p.chinese ? COMMENTS.negativeZh : COMMENTS.negative);
  if (nps >= 9 && rng.chance(0.2)) return rng.pick(p.chinese ? COMMENTS.positiveZh : COMMENTS.positive);
  return undefined;
}

/** `count` distinct day offsets 0..6 of a week (a partial shuffle). */
function distinctOffsets(rng: Random, count: number): number[] {
  const offsets = [0, 1, 2, 3, 4, 5, 6];
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, 6);
    [offsets[i], offsets[j]] = [offsets[j], offsets[i]];
  }
  return offsets.slice(0, count).sort((a, b) => a - b);
}

/** A minute of the UTC day inside office hours (07:00-19:00). */
function workMinute(rng: Random): number {
  return rng.int(7 * 60, 19 * 60 - 1);
}

function clampRound(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.round(x)));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
