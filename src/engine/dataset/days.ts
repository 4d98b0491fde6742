/**
 * UTC day numbers (days since 1970-01-01). All engine dates are day numbers: one Int32 per row, exact
 * calendar arithmetic, and no time-zone drift. Civil-date conversion after Howard Hinnant's algorithm.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a proleptic Gregorian calendar date (month 1..12). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of a day number. */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of an epoch-milliseconds instant (its UTC date). */
export function dayFromEpochMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Epoch milliseconds of the start (00:00 UTC) of a day. */
export function epochMsFromDay(dayNumber: number): number {
  return dayNumber * MS_PER_DAY;
}

/**
 * The same day of the month `k` calendar months later (earlier for negative `k`), clamped to that
 * month's last day: 31 January + 1 month is 28 or 29 February.
 */
export function addMonths(day: number, k: number): number {
  const { year, month, day: dom } = civilFromDay(day);
  const m0 = year * 12 + month - 1 + k;
  const y = Math.floor(m0 / 12);
  const m = m0 - y * 12 + 1;
  const length = dayFromCivil(y + (m === 12 ? 1 : 0), m === 12 ? 1 : m + 1, 1) - dayFromCivil(y, m, 1);
  return dayFromCivil(y, m, Math.min(dom, length));
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day number of a strict `YYYY-MM-DD` text (a real calendar date), or undefined. */
export function dayFromIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const day = dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  return isoDate(day) === text ? day : undefined;
}

/** Months since 1970-01 (0 = January 1970) of a day number: the calendar-month period index. */
export function monthIndexOfDay(dayNumber: number): number {
  const { year, month } = civilFromDay(dayNumber);
  return (year - 1970) * 12 + (month - 1);
}

/** First day number of a month index. */
export function dayOfMonthIndex(monthIndex: number): number {
  const year = 1970 + Math.floor(monthIndex / 12);
  return dayFromCivil(year, monthIndex - (year - 1970) * 12 + 1, 1);
}

/** `YYYY-MM` label of a month index. */
export function monthLabel(monthIndex: number): string {
  return isoDate(dayOfMonthIndex(monthIndex)).slice(0, 7);
}

/** ISO-week period index: weeks since Monday 1969-12-29 (so weeks start on Monday). */
export function weekIndexOfDay(dayNumber: number): number {
  return Math.floor((dayNumber + 3) / 7);
}

/** First day (a Monday) of a week index. */
export function dayOfWeekIndex(weekIndex: number): number {
  return weekIndex * 7 - 3;
}
