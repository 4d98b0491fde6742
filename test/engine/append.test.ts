import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendBytes, appendFeed, appendRecords, appendText, ingestFeed, ingestRecords, ingestText } from '../../src/engine/ingest/index.js';
import type { Dataset } from '../../src/engine/dataset/types.js';
import { dayFromCivil } from '../../src/engine/dataset/days.js';

/** A Dataset without its version, for comparing contents. */
function contents(dataset: Dataset): Omit<Dataset, 'version'> {
  const { version: _, ...rest } = dataset;
  return rest;
}

const HEADER = 'customer_id,date,amount,channel\n';

describe('appendText: new rows after a loaded feed', () => {
  const a = HEADER + 'alice,2024-01-05,10,web\nbob,2024-01-06,20,\nalice,2024-01-07,5.5,store\n';
  const b = HEADER + 'carol,2024-02-01,7,app\nbob,2024-02-02,abc,web\nalice,2024-02-03,-3,web\n,2024-02-04,1,web\n';

  it('extends ids, categories and columns as one ingest of both would', () => {
    const base = ingestText(a);
    const appended = appendText(base, b);
    const orders = appended.dataset.orders!;
    // hand-computed: the loaded three rows, then carol's and alice's refund (two of B's rows rejected)
    expect(appended.dataset.customerIds).toEqual(['alice', 'bob', 'carol']);
    expect(Array.from(orders.customer)).toEqual([0, 1, 0, 2, 0]);
    expect(Array.from(orders.day)).toEqual([5, 6, 7, 32, 34].map((d) => dayFromCivil(2024, d > 31 ? 2 : 1, d > 31 ? d - 31 : d)));
    expect(Array.from(orders.amount)).toEqual([10, 20, 5.5, 7, -3]);
    expect(orders.channel!.values).toEqual(['web', 'store', 'app']);
    expect(Array.from(orders.channel!.codes)).toEqual([0, -1, 1, 2, 0]);
    expect(contents(appended.dataset)).toEqual(contents(ingestText(a + b.slice(HEADER.length)).dataset));
  });

  it('reports only the new rows, numbered within the new source', () => {
    const { report } = appendText(ingestText(a), b);
    expect(report).toMatchObject({ rows: 4, accepted: 2, rejected: 2, reasons: { 'non-numeric-amount': 1, 'missing-customer-id': 1 } });
    expect(report.examples.map((e) => e.row)).toEqual([3, 5]);
  });

  it('gives a new version and leaves the loaded Dataset as it was', () => {
    const base = ingestText(a);
    const before = structuredClone(contents(base.dataset));
    const appended = appendText(base.dataset, b);
    expect(appended.dataset.version).toBeGreaterThan(base.dataset.version);
    expect(contents(base.dataset)).toEqual(before);
    expect(base.dataset.orders!.length).toBe(3);
  });

  it('appends to a feed that had no rows yet, and appends nothing when the new source has none', () => {
    expect(contents(appendText(ingestText(HEADER), b).dataset)).toEqual(contents(ingestText(b).dataset));
    expect(contents(appendText(ingestText(a), HEADER).dataset)).toEqual(contents(ingestText(a).dataset));
  });

  it('refuses new rows whose fields differ from the loaded ones', () => {
    expect(() => appendText(ingestText(a), 'customer_id,date,amount\ndan,2024-03-01,1\n')).toThrow(/load the whole feed again/);
  });

  it('keeps the tables the new source does not have', () => {
    const base = ingestFeed({ orders: a, customers: 'customer_id,segment\nalice,gold\nzoe,silver\n' });
    const appended = appendFeed(base, { orders: b });
    const whole = ingestFeed({ orders: a + b.slice(HEADER.length), customers: 'customer_id,segment\nalice,gold\nzoe,silver\n' });
    // ids are numbered in table order (orders first), so zoe comes after the loaded order customers
    expect(appended.dataset.customers).toEqual(base.dataset.customers);
    expect(appended.dataset.customerIds).toEqual([...base.dataset.customerIds, 'carol']);
    expect(Array.from(appended.dataset.orders!.customer)).toEqual([0, 1, 0, 3, 0]);
    expect(appended.dataset.orders!.amount).toEqual(whole.dataset.orders!.amount);
  });

  it('reads bytes and records the same way', async () => {
    const whole = contents(ingestText(a + b.slice(HEADER.length)).dataset);
    expect(contents((await appendBytes(ingestText(a), new TextEncoder().encode(b))).dataset)).toEqual(whole);
    const records = [
      { customer_id: 'x1', date: '2024-03-01', amount: 4 },
      { customer_id: 'alice', date: '2024-03-02', amount: 6 },
    ];
    const base = ingestRecords(records.slice(0, 1));
    expect(contents(appendRecords(base, records.slice(1)).dataset)).toEqual(contents(ingestRecords(records).dataset));
  });
});

describe('appendText over random splits (property)', () => {
  const row = fc.record({
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', '', ' c1 ', '"c,6"'),
    day: fc.integer({ min: 1, max: 28 }),
    amount: fc.oneof(fc.integer({ min: -50, max: 500 }).map(String), fc.constantFrom('', '1,5', '12.75', 'n/a')),
    channel: fc.constantFrom('web', 'store', '', 'app', 'phone'),
  });
  const line = (r: { id: string; day: number; amount: string; channel: string }) =>
    `${r.id},2024-05-${String(r.day).padStart(2, '0')},"${r.amount}",${r.channel}\n`;

  it('appending the rows after a split equals ingesting all rows at once', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.nat(), fc.boolean(), (rows, cut, twice) => {
        const k = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const first = HEADER + rows.slice(0, k).map(line).join('');
        const rest = rows.slice(k);
        const whole = ingestText(HEADER + rows.map(line).join(''));
        let result = ingestText(first);
        // optionally in two appends
        const parts = twice ? [rest.slice(0, rest.length >> 1), rest.slice(rest.length >> 1)] : [rest];
        let newRows = 0;
        let newAccepted = 0;
        for (const part of parts) {
          result = appendText(result, HEADER + part.map(line).join(''));
          newRows += result.report.rows;
          newAccepted += result.report.accepted;
          expect(result.report.rows).toBe(part.length);
        }
        expect(contents(result.dataset)).toEqual(contents(whole.dataset));
        expect(newRows).toBe(rest.length);
        expect(ingestText(first).report.accepted + newAccepted).toBe(whole.report.accepted);
      }),
      { numRuns: 150 },
    );
  });
});
