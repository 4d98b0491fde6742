import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDay, dayFromIsoDate, dayFromCivil, isoDate, monthIndexOfDay, monthLabel, weekIndexOfDay, dayOfWeekIndex } from '../../../src/engine/dataset/days.js';

describe('day numbers', () => {
  it('match Date.UTC for known dates', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1997, 1, 1], [2000, 2, 29], [2006, 12, 31], [1969, 12, 31], [2100, 3, 1]]) {
      expect(dayFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });
  it('round-trip every day of 1900..2100', () => {
    for (let n = dayFromCivil(1900, 1, 1); n <= dayFromCivil(2100, 12, 31); n += 1) {
      const { year, month, day } = civilFromDay(n);
      if (dayFromCivil(year, month, day) !== n) throw new Error(`round trip failed at ${n}`);
    }
    expect(isoDate(dayFromCivil(1997, 9, 30))).toBe('1997-09-30');
  });
  it('month and week periods', () => {
    expect(monthIndexOfDay(dayFromCivil(1997, 1, 31))).toBe(27 * 12);
    expect(monthLabel(monthIndexOfDay(dayFromCivil(1998, 6, 30)))).toBe('1998-06');
    const monday = dayFromCivil(2026, 11, 16);
    expect(weekIndexOfDay(monday)).toBe(weekIndexOfDay(monday + 6));
    expect(weekIndexOfDay(monday)).toBe(weekIndexOfDay(monday - 1) + 1);
    expect(dayOfWeekIndex(weekIndexOfDay(monday + 3))).toBe(monday);
  });
});

describe('addMonths', () => {
  const day = (iso: string) => dayFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
  it('keeps the day of the month, clamped to the target month', () => {
    expect(isoDate(addMonths(day('2024-01-15'), 1))).toBe('2024-02-15');
    expect(isoDate(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoDate(addMonths(day('2023-01-31'), 1))).toBe('2023-02-28');
    expect(isoDate(addMonths(day('2024-03-31'), -1))).toBe('2024-02-29');
    expect(isoDate(addMonths(day('2024-08-31'), 1))).toBe('2024-09-30');
  });
  it('crosses year boundaries both ways and is the identity at 0', () => {
    expect(isoDate(addMonths(day('2024-11-30'), 2))).toBe('2025-01-30');
    expect(isoDate(addMonths(day('2024-12-31'), 1))).toBe('2025-01-31');
    expect(isoDate(addMonths(day('2025-01-10'), -13))).toBe('2023-12-10');
    expect(isoDate(addMonths(day('2024-02-29'), 12))).toBe('2025-02-28');
    expect(addMonths(day('1969-12-31'), 0)).toBe(day('1969-12-31'));
  });
  it('agrees with Date.UTC month arithmetic where no clamping is needed', () => {
    for (let k = -30; k <= 30; k++) {
      const d = new Date(Date.UTC(2022, 5, 28));
      d.setUTCMonth(d.getUTCMonth() + k);
      expect(addMonths(day('2022-06-28'), k)).toBe(d.getTime() / 86_400_000);
    }
  });
  it('parses strict YYYY-MM-DD and refuses impossible or loose dates', () => {
    expect(dayFromIsoDate('2006-12-31')).toBe(Date.UTC(2006, 11, 31) / 86_400_000);
    for (const bad of ['2023-02-30', '2024-13-01', '2024-1-05', '20240105', ' 2024-01-05', '']) expect(dayFromIsoDate(bad), bad).toBeUndefined();
  });
});
