import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNumber } from '../../../src/engine/ingest/numbers.js';
import { ingestText } from '../../../src/engine/ingest/index.js';

const num = (text: string, decimalComma = false) => parseNumber(text, 0, text.length, decimalComma);

describe('number policy', () => {
  it.each([
    ['42', 42],
    ['-42', -42],
    ['+4.5', 4.5],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['5.', 5],
    ['00012', 12],
    ['1.5e3', 1500],
    ['2E-2', 0.02],
    ['$12.50', 12.5],
    ['-$12.50', -12.5],
    ['$-12.50', -12.5],
    ['¥1,200', 1200],
    ['￥88', 88],
    ['€ 3.10', 3.1],
    ['£7', 7],
    ['1,234.56', 1234.56],
    ['1,234,567', 1234567],
    ['1,234', 1234],
  ])('%s -> %d', (text, value) => {
    expect(num(text)).toBe(value);
  });

  it.each(['12,5', '1,23', '1,2345', ',5', '1,234,56', '1.234,56', '1 234,56', '1 234', 'NaN', 'Infinity', '-Infinity', '1e308', '1e309', '9007199254740992', '', '-', '$', 'e5', '1e', '12abc', '1.2.3', '0x10', '(12)'])(
    'rejects %j',
    (text) => {
      expect(num(text)).toBeNaN();
    },
  );

  it('reads a decimal comma with dot or space thousands when asked', () => {
    expect(num('1.234,56', true)).toBe(1234.56);
    expect(num('1 234,56', true)).toBe(1234.56);
    expect(num('1\u00a0234,5', true)).toBe(1234.5);
    expect(num('12,5', true)).toBe(12.5);
    expect(num('1,234.56', true)).toBeNaN();
    expect(num('1.23,4', true)).toBeNaN();
  });

  it('rounds exactly like Number() for plain decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const text = String(x);
        expect(num(text)).toBe(Number(text));
        const fixed = x.toFixed(2);
        expect(num(fixed)).toBe(Number(fixed));
      }),
    );
  });

  it('rejects non-numeric amounts and other values with their own reasons, and checks ranges', () => {
    const orders = ingestText('customer_id,date,amount\nc1,2024-01-05,"1,234.50"\nc2,2024-01-05,12abc\nc3,2024-01-05,\n');
    expect(orders.report.reasons).toEqual({ 'non-numeric-amount': 1, 'missing-amount': 1 });
    expect(orders.dataset.orders!.amount[0]).toBe(1234.5);
    const feedback = ingestText('customer_id,date,nps,csat\nc1,2024-01-05,10,5\nc2,2024-01-05,11,\nc3,2024-01-05,,0\nc4,2024-01-05,-1,3\nc5,2024-01-05,x,3\nc6,2024-01-05,,\n', { table: 'feedback' });
    expect(feedback.report.reasons).toEqual({ 'out-of-range': 3, 'non-numeric-value': 1 });
    expect(Array.from(feedback.dataset.feedback!.nps!)).toEqual([10, NaN]);
    expect(Array.from(feedback.dataset.feedback!.csat!)).toEqual([5, NaN]);
  });

  it('hints at the decimal option when rejected values look like a decimal comma', () => {
    const { report } = ingestText('customer_id;date;amount\nc1;2024-01-05;12,5\n');
    expect(report.reasons).toEqual({ 'non-numeric-amount': 1 });
    expect(report.tables[0].notes).toContain('values like "12,5" look like a decimal comma: set decimal to ","');
  });

  it('applies the decimal option to CSV input', () => {
    const { dataset } = ingestText('customer_id;date;amount\nc1;2024-01-05;"1.234,50"\n', { decimal: ',' });
    expect(dataset.orders!.amount[0]).toBe(1234.5);
  });
});
