import { describe, expect, it } from 'vitest';
import { derived, ordersByCustomer } from '../../../src/engine/dataset/derived.js';
import { day, ordersDataset } from './fixtures.js';

describe('orders grouped by customer (shared per Dataset)', () => {
  const dataset = ordersDataset([
    ['A', '2024-03-05', 10],
    ['B', '2024-01-01', 1],
    ['A', '2024-01-20', 20],
    ['C', '2024-02-02', 5],
    ['A', '2024-03-05', 30],
    ['B', '2024-01-09', 2],
    ['A', '2024-01-20', -4],
  ]);
  const id = (name: string) => dataset.customerIds.indexOf(name);

  it("lists each customer's rows in date order, same-day rows in feed order, with their days and amounts", () => {
    const g = ordersByCustomer(dataset);
    const of = (name: string, column: Int32Array | Float64Array) => {
      const c = id(name);
      return Array.from(column.subarray(g.offsets[c], g.offsets[c + 1]));
    };
    // the amounts tell the rows apart: A's same-day rows keep their feed order (20 before -4, 10 before 30)
    expect(of('A', g.amount)).toEqual([20, -4, 10, 30]);
    expect(of('A', g.day)).toEqual([day('2024-01-20'), day('2024-01-20'), day('2024-03-05'), day('2024-03-05')]);
    expect(of('B', g.amount)).toEqual([1, 2]);
    expect(of('B', g.day)).toEqual([day('2024-01-01'), day('2024-01-09')]);
    expect(of('C', g.amount)).toEqual([5]);
    expect(g.offsets[dataset.customerIds.length]).toBe(7);
  });

  it('sorts short and long unsorted customers alike: by day, same-day rows in feed order', () => {
    // customers with ~10 to 200 rows in a scrambled day order (a small LCG), amounts = feed position
    const rows: [string, string, number][] = [];
    let seed = 7;
    for (let k = 0; k < 600; k++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const customer = `K${k % 3 === 0 ? 0 : k % 5 === 0 ? 1 : 2 + (k % 29)}`;
      rows.push([customer, `2024-0${1 + (seed % 3)}-${String(1 + (seed % 17)).padStart(2, '0')}`, k]);
    }
    const scrambled = ordersDataset(rows);
    const g = ordersByCustomer(scrambled);
    for (let c = 0; c < scrambled.customerIds.length; c++) {
      const expected = rows
        .filter((r) => r[0] === scrambled.customerIds[c])
        .sort((a, b) => day(a[1]) - day(b[1]) || a[2] - b[2]);
      expect(Array.from(g.amount.subarray(g.offsets[c], g.offsets[c + 1]))).toEqual(expected.map((r) => r[2]));
      expect(Array.from(g.day.subarray(g.offsets[c], g.offsets[c + 1]))).toEqual(expected.map((r) => day(r[1])));
    }
    const sizes = Array.from({ length: scrambled.customerIds.length }, (_, c) => g.offsets[c + 1] - g.offsets[c]);
    expect(Math.max(...sizes)).toBeGreaterThan(32);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(32);
  });

  it('is computed once per Dataset object and key', () => {
    expect(ordersByCustomer(dataset)).toBe(ordersByCustomer(dataset));
    expect(ordersByCustomer({ ...dataset })).not.toBe(ordersByCustomer(dataset));
    let calls = 0;
    const owner = {};
    derived(owner, 'k', () => ++calls);
    expect(derived(owner, 'k', () => ++calls)).toBe(1);
    expect(derived(owner, 'other', () => ++calls)).toBe(2);
  });
});
