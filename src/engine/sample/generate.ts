/**
 * The sample company: a fictional B2B software vendor with all five canonical tables, generated
 * deterministically from a seed. Output is plain records with canonical field names, so it goes
 * through ingest like any feed. Tables can be streamed one at a time ({@link sampleRows}) for large
 * sizes, or built whole in memory ({@link generateSampleCompany}).
 */
import { addMonths, isoDate, monthIndexOfDay } from '../dataset/days.js';
import { sampleOptionsSchema, type ResolvedSampleOptions, type SampleOptions } from './options.js';
import { ACQUISITION_CHANNELS, calendarOf, drawProfile, type Calendar } from './profile.js';
import { mixSeed, Random } from './random.js';
import { SAMPLE_TABLES, type SampleCompany, type SampleSpend, type SampleTableName } from './records.js';
import { customerActivity, customerOrders, customerRecord } from './tables.js';

/** Validates options and applies the defaults. Throws a zod error on invalid options. */
export function resolveSampleOptions(options: SampleOptions = {}): ResolvedSampleOptions {
  return sampleOptionsSchema.parse(options);
}

/** The rows of one table of the sample company, in a stable order, generated lazily. */
export function sampleRows<T extends SampleTableName>(table: T, options: SampleOptions = {}): Generator<SampleCompany[T][number]> {
  const resolved = resolveSampleOptions(options);
  return rowsOf(table, resolved, calendarOf(resolved)) as Generator<SampleCompany[T][number]>;
}

function* rowsOf(table: SampleTableName, options: ResolvedSampleOptions, calendar: Calendar): Generator<object> {
  if (table === 'spend') {
    yield* spendRows(options, calendar);
    return;
  }
  let orderNumber = 0;
  for (let index = 0; index < options.customers; index++) {
    const profile = drawProfile(options, calendar, index);
    switch (table) {
      case 'customers':
        yield customerRecord(profile, calendar);
        break;
      case 'orders':
        for (const row of customerOrders(profile, options.seed)) {
          yield { order_id: `SO-${String(++orderNumber).padStart(7, '0')}`, ...row };
        }
        break;
      case 'events':
        yield* customerActivity(profile, calendar, options.seed).events;
        break;
      case 'feedback':
        yield* customerActivity(profile, calendar, options.seed).feedback;
        break;
    }
  }
}

/**
 * Marketing spend per acquisition channel and month: what the month's new customers of the channel
 * cost to acquire, plus overhead and a standing budget (a big event every quarter).
 */
function* spendRows(options: ResolvedSampleOptions, calendar: Calendar): Generator<SampleSpend> {
  const channels = ACQUISITION_CHANNELS.length;
  const acquired = new Float64Array(calendar.months * channels);
  for (let index = 0; index < options.customers; index++) {
    const p = drawProfile(options, calendar, index);
    acquired[monthOffset(calendar, p.signupDay) * channels + p.channel] += p.acquisitionCost;
  }
  const base = [1200, 1500, 0, 500, 0, 3000];
  const rng = new Random(mixSeed(options.seed, 0x5eed, 3));
  for (let m = 0; m < calendar.months; m++) {
    const date = isoDate(addMonths(calendar.startDay, m));
    for (let c = 0; c < channels; c++) {
      const event = c === 4 && m % 3 === 1 ? 12000 : 0;
      const amount = acquired[m * channels + c] * rng.uniform(1.05, 1.25) + base[c] + event;
      if (amount > 0) yield { date, channel: ACQUISITION_CHANNELS[c], amount: Math.round(amount * 100) / 100 };
    }
  }
}

/** Month of the history (0-based) a day falls in. */
function monthOffset(calendar: Calendar, day: number): number {
  return monthIndexOfDay(day) - monthIndexOfDay(calendar.startDay);
}

/** The whole sample company in memory. Fine up to a few thousand customers; stream larger ones. */
export function generateSampleCompany(options: SampleOptions = {}): SampleCompany {
  const resolved = resolveSampleOptions(options);
  const calendar = calendarOf(resolved);
  const company = {} as Record<SampleTableName, object[]>;
  for (const table of SAMPLE_TABLES) company[table] = Array.from(rowsOf(table, resolved, calendar));
  return company as unknown as SampleCompany;
}

/**
 * The sample company as JSON text — one object with one array per table, one record per line — in
 * chunks of about `chunkSize` characters, so a writer can stream millions of rows in bounded memory.
 */
export function* sampleJsonChunks(options: SampleOptions = {}, chunkSize = 1 << 16): Generator<string> {
  const resolved = resolveSampleOptions(options);
  const calendar = calendarOf(resolved);
  let buffer = '{';
  for (let t = 0; t < SAMPLE_TABLES.length; t++) {
    const table = SAMPLE_TABLES[t];
    buffer += `${t === 0 ? '' : '],'}\n${JSON.stringify(table)}:[`;
    let first = true;
    for (const row of rowsOf(table, resolved, calendar)) {
      buffer += `${first ? '' : ','}\n${JSON.stringify(row)}`;
      first = false;
      if (buffer.length >= chunkSize) {
        yield buffer;
        buffer = '';
      }
    }
  }
  yield `${buffer}]\n}\n`;
}
