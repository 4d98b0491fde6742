import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayPeriods, periodIn, periodOfDay, type PeriodUnit } from '../../../src/engine/stats/periods.js';
import { dayFromCivil, monthIndexOfDay, weekIndexOfDay } from '../../../src/engine/dataset/days.js';
import { NO_DAY } from '../../../src/engine/dataset/types.js';

const UNITS: PeriodUnit[] = ['week', 'month', 'quarter', 'year'];

describe('day -> period lookup table', () => {
  it('answers as the calendar does, inside the tabulated range and outside it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UNITS),
        fc.array(fc.integer({ min: -40_000, max: 60_000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: -40_000, max: 60_000 }),
        fc.array(fc.integer({ min: -50_000, max: 70_000 }), { maxLength: 50 }),
        (unit, days, lastDay, probes) => {
          const table = dayPeriods(unit, Int32Array.from(days), lastDay);
          for (const d of [...days, ...probes]) expect(periodIn(table, d)).toBe(periodOfDay(unit, d));
        },
      ),
    );
  });

  it('ignores NO_DAY and days after the last day when choosing the range, and matches the calendar helpers', () => {
    const jan31 = dayFromCivil(2024, 1, 31);
    const table = dayPeriods('month', Int32Array.from([NO_DAY, jan31, jan31 + 1, jan31 + 400]), jan31 + 1);
    expect(table.lo).toBe(jan31);
    expect(table.periods.length).toBe(2);
    expect(periodIn(table, jan31)).toBe(monthIndexOfDay(jan31));
    expect(periodIn(table, jan31 + 1)).toBe(monthIndexOfDay(jan31) + 1);
    expect(periodIn(table, jan31 + 400)).toBe(monthIndexOfDay(jan31 + 400));
    expect(periodIn(dayPeriods('week', Int32Array.from([jan31]), jan31), jan31)).toBe(weekIndexOfDay(jan31));
  });
});
