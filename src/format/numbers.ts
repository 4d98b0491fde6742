/**
 * Intl formatting for one locale and currency: numbers, currency, percent, dates (UTC day numbers),
 * date-times. Formatter instances are cached because widgets format hundreds of values per render.
 */
import { epochMsFromDay, isoDate } from '../engine/dataset/days.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** Formats values for one locale; `–` stands for a missing (non-finite) value. */
export class Formats {
  constructor(
    /** BCP 47 locale tag. */
    readonly locale: string,
    /** ISO 4217 currency code for money values. */
    readonly currency = 'USD',
  ) {}

  /** A plain number with up to `digits` fraction digits. */
  number(value: number, digits = 2): string {
    return Number.isFinite(value) ? numberFormat(this.locale, { maximumFractionDigits: digits }).format(value) : '–';
  }

  /** A whole number with grouping. */
  integer(value: number): string {
    return this.number(Math.round(value), 0);
  }

  /** A compact number (12K, 1.2万). */
  compact(value: number): string {
    return Number.isFinite(value)
      ? numberFormat(this.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
      : '–';
  }

  /** Money in the configured currency. */
  money(value: number, compact = false): string {
    if (!Number.isFinite(value)) return '–';
    return numberFormat(this.locale, {
      style: 'currency',
      currency: this.currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2 }),
    }).format(value);
  }

  /** A fraction (0.42) as a percentage (42 %). */
  percent(fraction: number, digits = 1): string {
    return Number.isFinite(fraction)
      ? numberFormat(this.locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction)
      : '–';
  }

  /** A signed change: `+3.2` / `−1.5` (with `percent` as percentage points or percent). */
  signed(value: number, kind: 'number' | 'percent' | 'money' = 'number', digits = 1): string {
    if (!Number.isFinite(value)) return '–';
    const options: Intl.NumberFormatOptions = { signDisplay: 'exceptZero', maximumFractionDigits: digits };
    if (kind === 'percent') options.style = 'percent';
    if (kind === 'money') Object.assign(options, { style: 'currency', currency: this.currency });
    return numberFormat(this.locale, options).format(value);
  }

  /** A UTC day number as a date (`Dec 31, 2006` / `2006年12月31日`). */
  day(day: number): string {
    return Number.isFinite(day) ? dateFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(epochMsFromDay(day))) : '–';
  }

  /** An epoch-ms instant as local date and time. */
  dateTime(ms: number): string {
    return Number.isFinite(ms) ? dateFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms)) : '–';
  }

  /** A UTC day number as an ISO date (for CSV exports). */
  isoDay(day: number): string {
    return isoDate(day);
  }
}
