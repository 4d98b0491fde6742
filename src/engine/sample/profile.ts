/**
 * The latent side of the sample company: who each customer is, and a health trajectory that drives
 * everything they later do. Churners decline BEFORE they stop paying (fewer logins, less core use,
 * more complaints, lower scores); referred customers and growing strategic accounts churn less.
 * Each customer's profile comes from its own seeded stream, so any table can be generated alone.
 */
import { addMonths, dayFromCivil } from '../dataset/days.js';
import { NO_DAY } from '../dataset/types.js';
import { companyName, INDUSTRIES } from './names.js';
import type { ResolvedSampleOptions } from './options.js';
import { mixSeed, Random } from './random.js';

/** Company sizes; the `segment` column of the customers table. */
export const SIZES = ['SMB', 'Mid-market', 'Enterprise'] as const;
/** Acquisition channels (customers.channel, spend.channel). */
export const ACQUISITION_CHANNELS = ['Organic search', 'Paid search', 'Referral', 'Partner', 'Events', 'Outbound sales'] as const;
const CHANNEL_WEIGHTS_BY_SIZE = [
  [30, 30, 15, 10, 10, 5],
  [15, 20, 15, 20, 15, 15],
  [5, 5, 12, 20, 18, 40],
] as const;
/** Cost range of one acquisition per channel, before the size multiplier. */
const CHANNEL_COST: readonly (readonly [number, number])[] = [
  [100, 400],
  [600, 1800],
  [200, 500],
  [1000, 3000],
  [2000, 5000],
  [4000, 15000],
];
const SIZE_COST = [1, 1.5, 2.5];
const SEATS: readonly (readonly [number, number])[] = [
  [3, 15],
  [15, 80],
  [80, 400],
];

/** Plans: name, list price per seat-month, annual billing. */
export const PLANS = [
  { name: 'Starter monthly', seatPrice: 19, annual: false },
  { name: 'Growth monthly', seatPrice: 39, annual: false },
  { name: 'Growth annual', seatPrice: 39, annual: true },
  { name: 'Enterprise annual', seatPrice: 69, annual: true },
] as const;
/** Annual prepayment discount. */
export const ANNUAL_DISCOUNT = 0.85;

/** Everything latent about one sample customer. */
export interface Profile {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly chinese: boolean;
  readonly industry: string;
  readonly size: number;
  readonly channel: number;
  readonly referred: boolean;
  readonly acquisitionCost: number;
  readonly plan: (typeof PLANS)[number];
  readonly employees: number;
  readonly seats: number;
  /** Seat growth per year (strategic accounts grow 20-60 %). */
  readonly growth: number;
  /** Feed-visible potential-value score 0..100, driven by growth and size. */
  readonly potential: number;
  readonly signupDay: number;
  /** Day of the first paid order; NO_DAY for a trial that never converts. */
  readonly firstPurchaseDay: number;
  /** Baseline health 0..1. */
  readonly health: number;
  /** The renewal the customer does not pay (activity stops); NO_DAY when it stays to the end. */
  readonly churnDay: number;
  /** Start of the decline that precedes churn. */
  readonly declineDay: number;
  /** Temporary dips [start, end) that recover (false alarms for the risk signals). */
  readonly dips: readonly (readonly [number, number])[];
  /** Last day of activity: the day before churn, or the end of the history. */
  readonly lastDay: number;
}

/** The history window in day numbers, and the month weights new signups follow. */
export interface Calendar {
  readonly startDay: number;
  readonly endDay: number;
  readonly months: number;
  readonly startYear: number;
  readonly startMonth: number;
}

/** The calendar of a resolved option set. */
export function calendarOf(options: ResolvedSampleOptions): Calendar {
  const startYear = Number(options.start.slice(0, 4));
  const startMonth = Number(options.start.slice(5, 7));
  return {
    startDay: dayFromCivil(startYear, startMonth, 1),
    endDay: addMonths(dayFromCivil(startYear, startMonth, 1), options.months) - 1,
    months: options.months,
    startYear,
    startMonth,
  };
}

/** The customer id of an index: `C10001`, `C10002`, ... */
export function customerId(index: number): string {
  return `C${10001 + index}`;
}

/** Seeded stream of one customer for one purpose (0 profile, 1 orders, 2 activity). */
export function customerStream(seed: number, index: number, purpose: number): Random {
  return new Random(mixSeed(seed, index, purpose));
}

/** Draws the latent profile of customer `index`. */
export function drawProfile(options: ResolvedSampleOptions, calendar: Calendar, index: number): Profile {
  const rng = customerStream(options.seed, index, 0);
  const size = rng.weighted([60, 30, 10]);
  const channel = rng.weighted(CHANNEL_WEIGHTS_BY_SIZE[size]);
  const referred = channel === 2;
  const [costLow, costHigh] = CHANNEL_COST[channel];
  const acquisitionCost = Math.round(rng.uniform(costLow, costHigh) * SIZE_COST[size] * 100) / 100;
  const plan = PLANS[size === 0 ? (rng.chance(0.7) ? 0 : 1) : size === 1 ? (rng.chance(0.4) ? 1 : 2) : 3];
  const seats = rng.int(SEATS[size][0], SEATS[size][1]);
  const employees = Math.round(seats * rng.uniform(2, 6));
  const strategic = size > 0 && rng.chance(0.35);
  const growth = strategic ? rng.uniform(0.2, 0.6) : rng.uniform(-0.05, 0.1);
  const potential = Math.round(clamp(25 + 100 * growth + 12 * size + rng.normal(0, 8), 0, 100));
  const industry = INDUSTRIES[rng.weighted(INDUSTRIES.map((i) => i[1]))][0];
  const chinese = rng.chance(0.06);

  // Signups grow over the history: month m has weight 1 + 0.05 m.
  const month = rng.weighted(Array.from({ length: calendar.months }, (_, m) => 1 + 0.05 * m));
  const monthStart = addMonths(calendar.startDay, month);
  const signupDay = monthStart + rng.int(0, addMonths(monthStart, 1) - monthStart - 1);
  const selfServe = !plan.annual;
  const converts = rng.chance(selfServe ? (referred ? 0.92 : 0.8) : 0.9);
  const firstPurchase = signupDay + (selfServe ? 14 : rng.int(7, 45));
  const firstPurchaseDay = converts && firstPurchase <= calendar.endDay ? firstPurchase : NO_DAY;

  const health = clamp(rng.normal(0.78, 0.1) + (referred ? 0.06 : 0), 0.45, 1);
  // Churn hazard per renewal: monthly plans renew monthly, annual plans yearly.
  const multiplier =
    [1, 0.75, 0.5][size] * (referred ? 0.4 : 1) * (strategic ? 0.6 : 1) * (channel === 1 ? 1.25 : 1) * (1.8 - health);
  const hazard = (plan.annual ? 0.2 : 0.035) * multiplier;
  const step = plan.annual ? 12 : 1;

  let churnDay = NO_DAY;
  if (firstPurchaseDay === NO_DAY) {
    churnDay = firstPurchase;
  } else {
    for (let k = step; ; k += step) {
      const renewal = addMonths(firstPurchaseDay, k);
      if (renewal > calendar.endDay + 400) break;
      if (rng.chance(hazard)) {
        churnDay = renewal;
        break;
      }
    }
  }
  const decline = rng.int(45, 150);
  const declineDay = churnDay === NO_DAY ? NO_DAY : Math.max(churnDay - decline, firstPurchaseDay === NO_DAY ? signupDay : firstPurchaseDay + 10);
  const dips: [number, number][] = [];
  for (let day = signupDay + 60; day < calendar.endDay; day += 365) {
    if (rng.chance(0.35)) {
      const start = day + rng.int(0, 300);
      dips.push([start, start + rng.int(30, 75)]);
    }
  }
  const lastDay = churnDay === NO_DAY || churnDay > calendar.endDay ? calendar.endDay : churnDay - 1;
  return {
    index,
    id: customerId(index),
    name: companyName(index, chinese),
    chinese,
    industry,
    size,
    channel,
    referred,
    acquisitionCost,
    plan,
    employees,
    seats,
    growth,
    potential,
    signupDay,
    firstPurchaseDay,
    health,
    churnDay,
    declineDay,
    dips,
    lastDay,
  };
}

/** Health 0..1 of a customer on a day: baseline, lowered in dips, falling to 0.2x before churn. */
export function healthOn(profile: Profile, day: number): number {
  let h = profile.health;
  for (const [start, end] of profile.dips) if (day >= start && day < end) h *= 0.45;
  if (profile.declineDay !== NO_DAY && day >= profile.declineDay) {
    const span = Math.max(1, profile.churnDay - profile.declineDay);
    h *= 1 - 0.8 * Math.min(1, (day - profile.declineDay) / span);
  }
  return h;
}

/** Seats in use on a day: grows (or shrinks) continuously at the profile's yearly rate. */
export function seatsOn(profile: Profile, day: number): number {
  const years = Math.max(0, day - profile.firstPurchaseDay) / 365;
  return Math.max(1, Math.round(profile.seats * Math.pow(1 + profile.growth, years)));
}

function clamp(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}
