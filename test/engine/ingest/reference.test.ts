import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBytes, ingestText } from '../../../src/engine/ingest/index.js';
import { referenceFile } from '../../support/data.js';

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

const rfm = referenceFile('rfm/rfm_data_orders.csv');
describe.skipIf(!rfm)('rfm package orders', () => {
  it('loads 4,906 orders of 995 customers', () => {
    const { dataset, report } = ingestText(readFileSync(rfm!, 'utf8'));
    expect(report).toMatchObject({ rows: 4906, accepted: 4906, rejected: 0 });
    expect(dataset.customerIds).toHaveLength(995);
    expect(report.tables[0].mapping).toEqual({ customer_id: 'customer_id', date: 'order_date', amount: 'revenue' });
  });
});

const master = referenceFile('cdnow/CDNOW_master.txt');
describe.skipIf(!master)('CDNOW master', () => {
  it('loads 69,659 transactions of 23,570 customers, ids kept zero-padded', () => {
    const { dataset, report } = ingestText(readFileSync(master!, 'utf8'));
    expect(report).toMatchObject({ rows: 69659, accepted: 69659 });
    expect(report.tables[0].delimiter).toBe('whitespace');
    expect(dataset.customerIds).toHaveLength(23570);
    expect(dataset.customerIds[0]).toBe('00001');
    const days = dataset.orders!.day;
    expect(Math.min(...days)).toBe(utcDay(1997, 1, 1));
    expect(Math.max(...days)).toBe(utcDay(1998, 6, 30));
    expect(dataset.orders!.amount.filter((a) => a === 0)).toHaveLength(80);
  });
});

const sample = referenceFile('cdnow/CDNOW_sample.txt');
describe.skipIf(!sample)('CDNOW 1/10 sample (headerless)', () => {
  it('loads 6,919 transactions of 2,357 customers by column position', () => {
    const { dataset, report } = ingestText(readFileSync(sample!, 'utf8'), { header: false, map: { customer_id: 2, date: 3, amount: 5 } });
    expect(report).toMatchObject({ rows: 6919, accepted: 6919 });
    expect(dataset.customerIds).toHaveLength(2357);
    const customerDays = new Set(Array.from(dataset.orders!.customer, (c, i) => `${c}:${dataset.orders!.day[i]}`));
    expect(customerDays.size).toBe(6696);
  });
});

const summary = referenceFile('cdnow/cdnow_summary.csv');
describe.skipIf(!summary)('CDNOW summary feed', () => {
  it('maps ID,x,t_x,T,zbar onto the summary table', () => {
    const { dataset, report } = ingestText(readFileSync(summary!, 'utf8'), { table: 'summary' });
    expect(report.accepted).toBe(2357);
    expect(dataset.summary!.x.filter((x) => x > 0)).toHaveLength(946); // the Gamma-Gamma repeat buyers
    expect(dataset.summary!.T[0]).toBe(38.86);
  });
});

const uci = referenceFile('uci/online_retail.csv.gz');
// UCI "Online Retail", Daqing Chen (2015), UCI Machine Learning Repository, doi:10.24432/C5BW33, CC BY 4.0
describe.skipIf(!uci)('UCI Online Retail (gzip)', () => {
  it('loads 541,909 lines, reports 135,080 missing customer ids, keeps cancellations negative', async () => {
    const { dataset, report } = await ingestBytes(new Uint8Array(readFileSync(uci!)));
    expect(report.rows).toBe(541909);
    expect(report.reasons).toEqual({ 'missing-customer-id': 135080 });
    expect(report.accepted + report.rejected).toBe(report.rows);
    expect(report.tables[0].mapping.amount).toBe('Quantity * UnitPrice');
    const orders = dataset.orders!;
    const invoices = orders.orderId!;
    let cancellations = 0;
    let negativeCancellations = 0;
    for (let i = 0; i < orders.length; i++) {
      if (!invoices.values[invoices.codes[i]].startsWith('C')) continue;
      cancellations++;
      if (orders.amount[i] < 0) negativeCancellations++;
    }
    // 9,288 cancellation lines in all (data README), 8,905 of them with a customer id (counted by Python's csv module)
    expect(cancellations).toBe(8905);
    expect(negativeCancellations).toBe(cancellations);
    expect(orders.amount[0]).toBe(6 * 2.55);
    expect(orders.day[0]).toBe(utcDay(2010, 12, 1));
  });

  it('rejects cancellations as refunds under refunds: drop', async () => {
    const { dataset, report } = await ingestBytes(new Uint8Array(readFileSync(uci!)), { refunds: 'drop' });
    expect(report.reasons).toEqual({ 'missing-customer-id': 135080, refund: 8905 });
    expect(report.accepted + report.rejected).toBe(541909);
    expect(dataset.orders!.amount.every((a) => a >= 0)).toBe(true);
  });
});
