/**
 * Date and date-time parsing from char codes (docs/feed-format.md "Dates and time zones").
 *
 * Formats: `YYYY-MM-DD`, `YYYY/MM/DD`, either with a time (`T` or blanks, `H:MM[:SS[.fff]]`, optional
 * `AM`/`PM`, optional `Z` or `±HH[:MM]`); `YYYYMMDD`; epoch milliseconds (>= 1e11); `M/D/YYYY [time]`
 * (or `D/M/YYYY` with `dayFirst`); `YYYY年M月D日 [time]`.
 *
 * The one time-zone rule: a row's day is the calendar date as written (an offset does not move it);
 * an instant (`time`) is UTC, with the offset applied when there is one and UTC assumed when not.
 */
import { dayFromCivil, dayFromEpochMs } from '../dataset/days.js';

/** Where {@link parseDate} leaves its result, so a parse allocates nothing. */
export interface ParsedDate {
  /** Day number of the calendar date as written. */
  day: number;
  /** The instant in epoch milliseconds, UTC. */
  ms: number;
}

/**
 * Dates ingest accepts: 1900-01-01 to 2199-12-31. Anything outside is a placeholder (`0001-01-01`,
 * `9999-12-31`) or a typo, and would stretch every cohort and lifecycle timeline over centuries; such
 * values are rejected as `out-of-range` (docs/feed-format.md "Dates and time zones").
 */
export const FIRST_DAY = dayFromCivil(1900, 1, 1);
export const LAST_DAY = dayFromCivil(2199, 12, 31);

/** Whether a day number lies in the accepted window. */
export function inDateWindow(day: number): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
}

/** Smallest number read as epoch milliseconds (1973-03-03): smaller bare numbers are not dates. */
export const MIN_EPOCH_MS = 1e11;

const MS_PER_DAY = 86_400_000;
const SLASH = 47;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const YEAR_CHAR = 0x5e74; // 年
const MONTH_CHAR = 0x6708; // 月
const DAY_CHAR = 0x65e5; // 日

/** Scratch state of the parser: position and the last number read. */
let pos = 0;
let digitCount = 0;

/** Reads up to `max` digits at `pos`; returns the value (digitCount says how many were read). */
function readDigits(text: string, end: number, max: number): number {
  let value = 0;
  digitCount = 0;
  while (pos < end && digitCount < max) {
    const d = text.charCodeAt(pos) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    digitCount++;
    pos++;
  }
  return value;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parses `text[start, end)` (trimmed, not empty) into `out`. Returns false for anything that is not
 * a real calendar date in a supported format (so `2023-02-30` fails).
 */
export function parseDate(text: string, start: number, end: number, out: ParsedDate, dayFirst = false): boolean {
  if (end - start === 10 && text.charCodeAt(start + 4) === DASH && text.charCodeAt(start + 7) === DASH) {
    // the common `YYYY-MM-DD`, read at fixed places
    const year = fixedDigits(text, start, 4);
    const month = fixedDigits(text, start + 5, 2);
    const day = fixedDigits(text, start + 8, 2);
    return year >= 0 && month >= 0 && day >= 0 && setDay(out, year, month, day);
  }
  pos = start;
  const first = readDigits(text, end, 16);
  const firstDigits = digitCount;
  if (pos === end) {
    if (firstDigits === 8) return setDay(out, Math.floor(first / 10000), Math.floor(first / 100) % 100, first % 100);
    if (firstDigits >= 12 || (firstDigits === 11 && first >= MIN_EPOCH_MS)) {
      out.ms = first;
      out.day = dayFromEpochMs(first);
      return first <= 8.64e15;
    }
    return false;
  }
  const sep = text.charCodeAt(pos);
  let year: number;
  let month: number;
  let day: number;
  if (firstDigits === 4 && (sep === DASH || sep === SLASH)) {
    year = first;
    pos++;
    month = readDigits(text, end, 2);
    if (digitCount === 0 || text.charCodeAt(pos) !== sep) return false;
    pos++;
    day = readDigits(text, end, 2);
    if (digitCount === 0) return false;
  } else if (firstDigits === 4 && sep === YEAR_CHAR) {
    year = first;
    pos++;
    month = readDigits(text, end, 2);
    if (digitCount === 0 || text.charCodeAt(pos) !== MONTH_CHAR) return false;
    pos++;
    day = readDigits(text, end, 2);
    if (digitCount === 0 || text.charCodeAt(pos) !== DAY_CHAR) return false;
    pos++;
  } else if (firstDigits >= 1 && firstDigits <= 2 && sep === SLASH) {
    pos++;
    const second = readDigits(text, end, 2);
    if (digitCount === 0 || text.charCodeAt(pos) !== SLASH) return false;
    pos++;
    year = readDigits(text, end, 4);
    if (digitCount !== 4) return false;
    month = dayFirst ? second : first;
    day = dayFirst ? first : second;
  } else return false;
  if (!setDay(out, year, month, day)) return false;
  return pos === end || parseTime(text, end, out);
}

/** The value of exactly `count` digits at `start`, or -1. */
function fixedDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Feeds repeat dates a lot: the last date converted is remembered. */
let lastCivil = -1;
let lastDay = 0;

function setDay(out: ParsedDate, year: number, month: number, day: number): boolean {
  const civil = year * 10000 + month * 100 + day;
  if (civil !== lastCivil) {
    if (!validDate(year, month, day)) return false;
    lastCivil = civil;
    lastDay = dayFromCivil(year, month, day);
  }
  out.day = lastDay;
  out.ms = lastDay * MS_PER_DAY;
  return true;
}

/** The time after a date, from `pos`: adds it (and any offset) to `out.ms`. */
function parseTime(text: string, end: number, out: ParsedDate): boolean {
  let c = text.charCodeAt(pos);
  if (c === 84 || c === 116) pos++; // T / t
  else if (c === SPACE) while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
  else return false;
  let hour = readDigits(text, end, 2);
  if (digitCount === 0 || text.charCodeAt(pos) !== COLON) return false;
  pos++;
  const minute = readDigits(text, end, 2);
  if (digitCount !== 2) return false;
  let second = 0;
  let millis = 0;
  if (pos < end && text.charCodeAt(pos) === COLON) {
    pos++;
    second = readDigits(text, end, 2);
    if (digitCount !== 2) return false;
    c = text.charCodeAt(pos);
    if (pos < end && (c === 46 || c === 44)) {
      pos++;
      const fraction = readDigits(text, end, 3);
      const places = digitCount as number; // set by readDigits (TypeScript keeps the narrowing above)
      if (places === 0) return false;
      millis = fraction * (places === 1 ? 100 : places === 2 ? 10 : 1);
      readDigits(text, end, 16); // finer than milliseconds: ignored
    }
  }
  let offsetMinutes = 0;
  while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
  if (pos < end) {
    c = text.charCodeAt(pos) | 0x20;
    if ((c === 97 || c === 112) && (text.charCodeAt(pos + 1) | 0x20) === 109) {
      // AM / PM: a 12-hour clock
      if (hour < 1 || hour > 12) return false;
      hour = (hour % 12) + (c === 112 ? 12 : 0);
      pos += 2;
    } else if (c === 122) {
      pos++; // Z
    } else if (text.charCodeAt(pos) === 43 || text.charCodeAt(pos) === DASH) {
      const sign = text.charCodeAt(pos) === DASH ? -1 : 1;
      pos++;
      const offsetHours = readDigits(text, end, 2);
      if (digitCount !== 2) return false;
      if (pos < end && text.charCodeAt(pos) === COLON) pos++;
      const offsetMins = pos < end ? readDigits(text, end, 2) : 0;
      if (pos < end || offsetHours > 18 || offsetMins > 59) return false;
      offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    }
  }
  if (pos !== end || hour > 23 || minute > 59 || second > 59) return false;
  out.ms += ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return true;
}
