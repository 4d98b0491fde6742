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
