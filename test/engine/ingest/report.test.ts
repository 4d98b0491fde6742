import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ingestText } from '../../../src/engine/ingest/index.js';

describe('ingest report', () => {
  it('counts every rejection by reason and keeps the first examples with row, field, column and value', () => {
    const lines = ['Customer,Date,Revenue'];
    for (let i = 0; i < 8; i++) lines.push(`,2024-01-05,${i}`);
    lines.push('c1,someday,1', 'c2,2024-01-05,ten', 'c3,2024-01-05,');
    lines.push(`c4,2024-01-05,${'9'.repeat(300)}x`);
    const { report } = ingestText(lines.join('\n'), { examplesPerReason: 3 });
    expect(report.reasons).toEqual({ 'missing-customer-id': 8, 'unparseable-date': 1, 'non-numeric-amount': 2, 'missing-amount': 1 });
    const missing = report.examples.filter((e) => e.reason === 'missing-customer-id');
    expect(missing.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(missing[0]).toEqual({ table: 'orders', row: 2, field: 'customer_id', column: 'Customer', value: '', reason: 'missing-customer-id' });
    expect(report.examples.find((e) => e.reason === 'unparseable-date')).toMatchObject({ row: 10, field: 'date', column: 'Date', value: 'someday' });
    const long = report.examples.find((e) => e.row === 13)!;
    expect(long.value.length).toBe(200);
    expect(report.tables[0].rejected).toBe(12);
  });

  it('names the other reasons: missing-value, invalid-flag', () => {
    const events = ingestText('customer_id,timestamp,type\nc1,2024-01-05T10:00Z,\nc1,2024-01-05T11:00Z,login\n', { table: 'events' });
    expect(events.report.reasons).toEqual({ 'missing-value': 1 });
    expect(events.report.examples[0]).toMatchObject({ field: 'type', column: 'type', row: 2 });
    const customers = ingestText('customer_id,referred\nc1,maybe\nc2,是\nc3,\n', { table: 'customers' });
    expect(customers.report.reasons).toEqual({ 'invalid-flag': 1 });
    expect(Array.from(customers.dataset.customers!.referred!)).toEqual([1, -1]);
  });

  it('keeps accepted rows exactly as the source wrote them', () => {
    const { dataset } = ingestText('customer_id,date,amount\n  x1 ,2024-02-29,-0.10\nx2,1999-12-31,1e3\n');
    expect(dataset.customerIds).toEqual(['x1', 'x2']);
    expect(Array.from(dataset.orders!.amount)).toEqual([-0.1, 1000]);
  });

  it('always has accepted + rejected = rows, and one stored row per accepted row', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'c1', ' c2 ', '2024-01-05', '2023-02-30', '12.5', '-3', 'abc', '"q,uoted"', '"a""b"', '1,234.5'),
      fc.string({ maxLength: 6 }).map((s) => s.replace(/[\r\n",]/g, '')),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom('keep', 'drop') as fc.Arbitrary<'keep' | 'drop'>, (rows, refunds) => {
        const text = ['customer_id,date,amount,channel', ...rows.map((r) => r.join(','))].join('\n');
        const { dataset, report } = ingestText(text, { refunds });
        expect(report.accepted + report.rejected).toBe(report.rows);
        expect(Object.values(report.reasons).reduce((a, b) => a + b, 0)).toBe(report.rejected);
        expect(dataset.orders!.length).toBe(report.accepted);
        expect(dataset.orders!.customer.length).toBe(report.accepted);
        expect(dataset.orders!.channel!.codes.length).toBe(report.accepted);
        // a customer exists only if an accepted row names it
        expect(new Set(dataset.orders!.customer).size).toBe(dataset.customerIds.length);
        if (refunds === 'drop') expect(dataset.orders!.amount.every((a) => a >= 0)).toBe(true);
      }),
    );
  });
});
