import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayPeriods, orderDayPeriods, periodIn, periodLabel, periodOfDay, periodOfLabel, type PeriodUnit } from '../../../src/engine/stats/periods.js';
import { day, ordersDataset } from './fixtures.js';
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

  it('of the orders is made once per Dataset, unit and last day, and matches a fresh table', () => {
    const dataset = ordersDataset([
      ['a', '2024-01-31', 1],
      ['b', '2024-03-02', 2],
    ]);
    const asOf = day('2024-03-01');
    const table = orderDayPeriods(dataset, 'month', asOf);
    expect(orderDayPeriods(dataset, 'month', asOf)).toBe(table);
    expect(table).toEqual(dayPeriods('month', dataset.orders!.day, asOf));
    expect(orderDayPeriods(dataset, 'week', asOf)).not.toBe(table);
    expect(orderDayPeriods(dataset, 'month', asOf + 1)).not.toBe(table);
  });
});

describe('period labels', () => {
  it('periodOfLabel inverts periodLabel for every unit', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.integer({ min: dayFromCivil(1990, 1, 1), max: dayFromCivil(2060, 12, 31) }), (unit, d) => {
        const period = periodOfDay(unit, d);
        expect(periodOfLabel(unit, periodLabel(unit, period))).toBe(period);
      }),
    );
  });
  it('names the labels it knows and no others', () => {
    expect(periodLabel('quarter', periodOfLabel('quarter', '2024-Q3')!)).toBe('2024-Q3');
    expect(periodLabel('week', periodOfLabel('week', '2024-01-01')!)).toBe('2024-01-01');
    // 2024-01-02 is a Tuesday: no week starts then
    for (const [unit, label] of [['week', '2024-01-02'], ['month', '2024-13'], ['quarter', '2024-Q5'], ['year', '24'], ['month', 'nonsense']] as const) {
      expect(periodOfLabel(unit, label), `${unit} ${label}`).toBeUndefined();
    }
  });
});
