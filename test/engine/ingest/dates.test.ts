import { describe, expect, it } from 'vitest';
import { parseDate, type ParsedDate } from '../../../src/engine/ingest/dates.js';
import { ingestText } from '../../../src/engine/ingest/index.js';

const DAY_MS = 86_400_000;

function parse(text: string, dayFirst = false): ParsedDate | undefined {
  const out = { day: 0, ms: 0 };
  return parseDate(text, 0, text.length, out, dayFirst) ? out : undefined;
}

/** Day number of a UTC calendar date, independently of the code under test. */
const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

describe('date formats', () => {
  it.each([
    ['2024-01-05', 2024, 1, 5],
    ['2024/01/05', 2024, 1, 5],
    ['2024/1/5', 2024, 1, 5],
    ['20240105', 2024, 1, 5],
    ['1/5/2024', 2024, 1, 5],
    ['12/1/2010 8:26', 2010, 12, 1],
    ['2024年1月5日', 2024, 1, 5],
    ['2024年12月31日 23:59', 2024, 12, 31],
    ['2000-02-29', 2000, 2, 29],
    ['1997-01-01', 1997, 1, 1],
  ])('%s', (text, y, m, d) => {
    expect(parse(text)?.day).toBe(utcDay(y, m, d));
  });

  it('reads ISO date-times with T or a space, seconds, millis, Z and offsets', () => {
    expect(parse('2024-01-05T10:30')?.ms).toBe(Date.UTC(2024, 0, 5, 10, 30));
    expect(parse('2024-01-05 10:30:15')?.ms).toBe(Date.UTC(2024, 0, 5, 10, 30, 15));
    expect(parse('2024-01-05T10:30:15.123Z')?.ms).toBe(Date.UTC(2024, 0, 5, 10, 30, 15, 123));
    expect(parse('2024-01-05T10:30:15.5Z')?.ms).toBe(Date.UTC(2024, 0, 5, 10, 30, 15, 500));
    expect(parse('2024-01-05T10:30:00+08:00')?.ms).toBe(Date.parse('2024-01-05T10:30:00+08:00'));
    expect(parse('2024-01-05T10:30:00-0530')?.ms).toBe(Date.parse('2024-01-05T10:30:00-05:30'));
    expect(parse('2010-12-01 08:26:00')?.ms).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parse('1/5/2024 1:05 PM')?.ms).toBe(Date.UTC(2024, 0, 5, 13, 5));
    expect(parse('1/5/2024 12:05 am')?.ms).toBe(Date.UTC(2024, 0, 5, 0, 5));
  });

  it('keeps the day as written while the instant applies the offset', () => {
    const late = parse('2024-01-05T23:30:00-05:00')!;
    expect(late.day).toBe(utcDay(2024, 1, 5));
    expect(late.ms).toBe(Date.UTC(2024, 0, 6, 4, 30));
    const early = parse('2024-01-05T01:00:00+08:00')!;
    expect(early.day).toBe(utcDay(2024, 1, 5));
    expect(early.ms).toBe(Date.UTC(2024, 0, 4, 17, 0));
  });

  it('reads epoch milliseconds from 1e11 up', () => {
    const ms = Date.UTC(2024, 0, 5, 12);
    expect(parse(String(ms))).toEqual({ day: utcDay(2024, 1, 5), ms });
    expect(parse('99999999999')).toBeUndefined(); // 10^11 - 1: too small to be millis, not a date
  });

  it('reads slash dates day-first when asked', () => {
    expect(parse('5/1/2024', true)?.day).toBe(utcDay(2024, 1, 5));
    expect(parse('13/1/2024')).toBeUndefined();
    expect(parse('13/1/2024', true)?.day).toBe(utcDay(2024, 1, 13));
  });

  it.each([
    '2023-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '20230230',
    '2/30/2024',
    '2024年2月30日',
    '2024-01-05T24:00',
    '2024-01-05T10:60',
    '2024-01-05T10:30:61',
    '2024-01-05T',
    '2024-01-05x',
    '24-01-05',
    '1/5/24',
    'yesterday',
    '2024-1',
    '1234567890',
  ])('rejects %s', (text) => {
    expect(parse(text)).toBeUndefined();
  });

  it('counts impossible dates as unparseable-date with the raw value', () => {
    const { report } = ingestText('customer_id,date,amount\nc1,2023-02-30,1\nc2,2023-02-28,1\n');
    expect(report.reasons).toEqual({ 'unparseable-date': 1 });
    expect(report.examples[0]).toMatchObject({ row: 2, field: 'date', column: 'date', value: '2023-02-30' });
  });

  it('stores event times as UTC instants and days as written', () => {
    const { dataset } = ingestText('customer_id,timestamp,type\nc1,2024-01-05T23:30:00-05:00,login\nc1,2024-01-06 08:00,visit\n', { table: 'events' });
    const events = dataset.events!;
    expect(Array.from(events.time)).toEqual([Date.UTC(2024, 0, 6, 4, 30), Date.UTC(2024, 0, 6, 8)]);
    expect(Array.from(events.day)).toEqual([utcDay(2024, 1, 5), utcDay(2024, 1, 6)]);
    expect(events.type.values).toEqual(['login', 'visit']);
  });
});
