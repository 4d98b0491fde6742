import { describe, expect, it } from 'vitest';
import { detectMapping, ingestText, normalizeHeader } from '../../../src/engine/ingest/index.js';

describe('header detection', () => {
  it('matches case-, blank- and underscore-insensitively', () => {
    expect(normalizeHeader('Customer ID')).toBe(normalizeHeader('customer_id'));
    expect(normalizeHeader('CustomerID')).toBe(normalizeHeader('customer-id'));
    for (const header of ['CustomerID', 'customer_id', 'Customer ID', 'cust_id', 'user_id', 'CUSTOMER ID']) {
      expect(detectMapping('orders', [header, 'date', 'amount']).customer_id).toBe(header);
    }
  });

  it.each([
    [['CustomerID', 'InvoiceDate', 'revenue'], { customer_id: 'CustomerID', date: 'InvoiceDate', amount: 'revenue' }],
    [['customer_id', 'order_date', 'sales'], { customer_id: 'customer_id', date: 'order_date', amount: 'sales' }],
    [['user_id', 'date', 'total'], { customer_id: 'user_id', date: 'date', amount: 'total' }],
    [['客户ID', '订单日期', '实付金额', '数量', '渠道'], { customer_id: '客户ID', date: '订单日期', amount: '实付金额', quantity: '数量', channel: '渠道' }],
    [['客户编号', '日期', '金额'], { customer_id: '客户编号', date: '日期', amount: '金额' }],
    [['会员ID', '下单时间', '订单金额'], { customer_id: '会员ID', date: '下单时间', amount: '订单金额' }],
  ])('orders %j', (headers, expected) => {
    expect(detectMapping('orders', headers)).toEqual(expected);
  });

  it('derives the amount from quantity x unit price when there is no amount column', () => {
    expect(detectMapping('orders', ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'])).toEqual({
      customer_id: 'CustomerID',
      date: 'InvoiceDate',
      amount: 'Quantity * UnitPrice',
      order_id: 'InvoiceNo',
      quantity: 'Quantity',
    });
    expect(detectMapping('orders', ['客户ID', '日期', '数量', '单价']).amount).toBe('数量 * 单价');
    const { dataset } = ingestText('CustomerID,InvoiceDate,Quantity,UnitPrice\n1,2010-12-01 08:26:00,6,2.55\n2,2010-12-01,-2,1.5\n');
    expect(Array.from(dataset.orders!.amount)).toEqual([6 * 2.55, -3]);
    expect(Array.from(dataset.orders!.quantity!)).toEqual([6, -2]);
  });

  it('detects the other tables in English and Chinese', () => {
    expect(detectMapping('feedback', ['客户ID', '日期', '推荐值', '满意度', '触点'])).toEqual({
      customer_id: '客户ID',
      date: '日期',
      nps: '推荐值',
      csat: '满意度',
      touchpoint: '触点',
    });
    expect(detectMapping('customers', ['Customer ID', 'Signup Date', 'Industry', '渠道', 'Referred'])).toEqual({
      customer_id: 'Customer ID',
      signup_date: 'Signup Date',
      channel: '渠道',
      referred: 'Referred',
      industry: 'Industry',
    });
    expect(detectMapping('customers', ['会员ID', '行业']).industry).toBe('行业');
    expect(detectMapping('events', ['user_id', 'timestamp', 'event_type', 'feature'])).toEqual({
      customer_id: 'user_id',
      timestamp: 'timestamp',
      type: 'event_type',
      feature: 'feature',
    });
    expect(detectMapping('spend', ['month', 'channel', 'spend'])).toEqual({ date: 'month', channel: 'channel', amount: 'spend' });
  });

  it('reads summary feeds in the CDNOW and lifetimes naming', () => {
    expect(detectMapping('summary', ['ID', 'x', 't_x', 'T', 'zbar'])).toEqual({ customer_id: 'ID', x: 'x', t_x: 't_x', T: 'T', monetary: 'zbar' });
    expect(detectMapping('summary', ['customer_id', 'frequency', 'recency', 'T', 'monetary_value'])).toEqual({
      customer_id: 'customer_id',
      x: 'frequency',
      t_x: 'recency',
      T: 'T',
      monetary: 'monetary_value',
    });
  });
});

describe('explicit mapping', () => {
  const text = 'who,when,paid,how\nc1,2024-01-05,10,web\n';

  it('wins over detection, by header name (exact or normalized) or position', () => {
    const byName = ingestText(text, { map: { customer_id: 'who', date: 'When', amount: 'paid', channel: 'how' } });
    expect(byName.report.tables[0].mapping).toEqual({ customer_id: 'who', date: 'when', amount: 'paid', channel: 'how' });
    expect(byName.dataset.orders!.channel!.values).toEqual(['web']);
    const byPosition = ingestText(text, { map: { customer_id: 1, date: 2, amount: 3 } });
    expect(byPosition.report.accepted).toBe(1);
    expect(byPosition.report.tables[0].unmapped).toEqual(['how']);
  });

  it('derives a product from two named columns', () => {
    const { dataset } = ingestText('c,d,q,p\nc1,2024-01-05,3,2.5\n', { map: { customer_id: 'c', date: 'd' }, derive: { amount: ['q', 'p'] } });
    expect(dataset.orders!.amount[0]).toBe(7.5);
  });

  it('throws a clear error for an unknown field, a missing column and an unfound required field', () => {
    expect(() => ingestText(text, { map: { customer_id: 'who', date: 'when', amount: 'paid', colour: 'how' } })).toThrow(/unknown field "colour" in the orders mapping; its fields are customer_id, date, amount/);
    expect(() => ingestText(text, { map: { customer_id: 'nobody' } })).toThrow(/no column "nobody" \(columns seen: who, when, paid, how\)/);
    expect(() => ingestText('customer_id,amount\nc1,3\n')).toThrow('orders needs a date column; map one with date=<column> (columns seen: customer_id, amount)');
    expect(() => ingestText('a b c\n', { header: false })).toThrow(/orders needs a customer_id column.*no header row/);
  });
});
