import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromCivil, isoDate, monthIndexOfDay, monthLabel, weekIndexOfDay, dayOfWeekIndex } from '../../../src/engine/dataset/days.js';

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
