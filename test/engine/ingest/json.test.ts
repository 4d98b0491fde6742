import { describe, expect, it } from 'vitest';
import { ingestFeed, ingestRecords, ingestText } from '../../../src/engine/ingest/index.js';

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

describe('JSON records', () => {
  it('reads objects by key, with numbers, numeric strings, Dates and epoch millis', () => {
    const { dataset, report } = ingestRecords([
      { customerId: 17850, orderDate: '2024-01-05', revenue: 12.5 },
      { customerId: 'A', orderDate: new Date(Date.UTC(2024, 0, 6, 10)), revenue: '7' },
      { customerId: 'A', orderDate: Date.UTC(2024, 0, 7), revenue: 1 },
      { customerId: 'B', orderDate: 20240108, revenue: 2 },
    ]);
    expect(report.accepted).toBe(4);
    expect(dataset.customerIds).toEqual(['17850', 'A', 'B']);
    expect(Array.from(dataset.orders!.day)).toEqual([utcDay(2024, 1, 5), utcDay(2024, 1, 6), utcDay(2024, 1, 7), utcDay(2024, 1, 8)]);
    expect(Array.from(dataset.orders!.amount)).toEqual([12.5, 7, 1, 2]);
  });

  it('rejects records that are not objects and values of the wrong type', () => {
    const { report } = ingestRecords([
      { customer_id: 'a', date: '2024-01-05', amount: 1 },
      null,
      42,
      ['a', '2024-01-05', 1],
      { customer_id: { nested: true }, date: '2024-01-05', amount: 1 },
      { customer_id: 'b', date: '2024-01-05', amount: Number.POSITIVE_INFINITY },
      { customer_id: 'c', date: true, amount: 1 },
      { customer_id: 'd', amount: 1 },
    ]);
    expect(report.rows).toBe(8);
    expect(report.accepted).toBe(1);
    expect(report.reasons).toEqual({ 'invalid-record': 4, 'non-numeric-amount': 1, 'unparseable-date': 1, 'missing-date': 1 });
    expect(report.examples.find((e) => e.row === 2)?.value).toBe('null');
  });

  it('reads arrays of arrays with a header row, and positionally without one', () => {
    const withHeader = ingestRecords([
      ['customer', 'date', 'amount'],
      ['a', '2024-01-05', 3],
      ['b', '2024-01-05'],
    ]);
    expect(withHeader.report.accepted).toBe(1);
    expect(withHeader.report.reasons).toEqual({ 'ragged-row': 1 });
    expect(withHeader.report.examples[0].row).toBe(3);
    const positional = ingestRecords([['a', '2024-01-05', 3]], { header: false, map: { customer_id: 1, date: 2, amount: 3 } });
    expect(positional.dataset.orders!.amount[0]).toBe(3);
  });

  it('reads a JSON array text and NDJSON, with a bad NDJSON line rejected', () => {
    const array = ingestText('[{"customer_id":"a","date":"2024-01-05","amount":1},{"customer_id":"b","date":"2024-01-06","amount":2}]');
    expect(array.report.tables[0].format).toBe('json');
    expect(array.report.accepted).toBe(2);
    const ndjson = ingestText('{"customer_id":"a","date":"2024-01-05","amount":1}\n\n{"customer_id":"b","date":"2024-01-06",\n{"customer_id":"c","date":"2024-01-07","amount":3}\n');
    expect(ndjson.report.tables[0].format).toBe('ndjson');
    expect(ndjson.report.accepted).toBe(2);
    expect(ndjson.report.reasons).toEqual({ 'invalid-record': 1 });
    expect(ndjson.dataset.customerIds).toEqual(['a', 'c']);
  });

  it('says what is wrong with invalid JSON', () => {
    expect(() => ingestText('[{"customer_id": }]')).toThrow(/not valid JSON/);
  });
});

describe('multi-table feeds', () => {
  const feed = {
    orders: [
      { customer_id: 'c1', date: '2024-01-05', amount: 10 },
      { customer_id: 'c2', date: '2024-01-06', amount: -4 },
    ],
    customers: 'customer_id,signup_date,industry,referred,seats\nc2,2023-12-01,retail,yes,12\nc3,2023-11-01,tech,no,3\n',
    feedback: [{ customer_id: 'c1', date: '2024-02-01', nps: 9 }],
  };

  it('shares one customer dictionary across tables and reports per table and in total', () => {
    const { dataset, report } = ingestFeed(feed);
    expect(dataset.customerIds).toEqual(['c1', 'c2', 'c3']);
    expect(Array.from(dataset.customers!.customer)).toEqual([1, 2]);
    expect(Array.from(dataset.feedback!.customer)).toEqual([0]);
    expect(Array.from(dataset.customers!.referred!)).toEqual([1, 0]);
    expect(Array.from(dataset.customers!.attributes!.seats)).toEqual([12, 3]);
    expect(report.tables.map((t) => [t.table, t.rows])).toEqual([
      ['orders', 2],
      ['customers', 2],
      ['feedback', 1],
    ]);
    expect(report.rows).toBe(5);
    expect(report.accepted).toBe(5);
  });

  it('applies the refund policy and per-table options', () => {
    const { report } = ingestFeed(feed, { refunds: 'drop', tables: { customers: { attributes: [] } } });
    expect(report.reasons).toEqual({ refund: 1 });
    expect(report.examples[0]).toMatchObject({ table: 'orders', field: 'amount', value: '-4', reason: 'refund' });
  });

  it('is read from a JSON text whose top level is the feed object', () => {
    const { dataset, report } = ingestText(JSON.stringify(feed, null, 2));
    expect(report.tables).toHaveLength(3);
    expect(dataset.customerIds).toEqual(['c1', 'c2', 'c3']);
  });

  it('names an unknown table', () => {
    expect(() => ingestFeed({ order: [] } as never)).toThrow('unknown table "order" in the feed; tables are orders, customers, events, feedback, spend, summary');
  });
});

describe('empty sources', () => {
  it('give an empty table of the required fields, not an error', async () => {
    for (const result of [ingestRecords([]), ingestText(''), ingestText('[]'), ingestText('  \n'), ingestFeed({ orders: [], events: '' })]) {
      expect(result.report.rows).toBe(0);
      expect(result.dataset.orders!.length).toBe(0);
      expect(result.dataset.orders!.amount).toHaveLength(0);
      expect(result.report.tables[0].notes).toContain('the source has no data');
    }
    expect(ingestFeed({ events: '' }).dataset.events!.type.values).toEqual([]);
  });

  it('with a header only, map the header and have no rows', () => {
    const { dataset, report } = ingestText('customer_id,date,amount\n');
    expect(report.tables[0].mapping).toEqual({ customer_id: 'customer_id', date: 'date', amount: 'amount' });
    expect(dataset.orders!.length).toBe(0);
  });
});
