import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateSampleCompany, sampleJsonChunks, sampleRows } from '../../../src/engine/sample/generate.js';
import { SAMPLE_DEFAULTS } from '../../../src/engine/sample/options.js';
import { Random } from '../../../src/engine/sample/random.js';
import { TABLES } from '../../../src/engine/dataset/schema.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import { customerDays, lastActivityDay, lastOnOrBefore } from '../../../src/engine/analyses/lifecycle/index.js';

const DEMO = resolve(import.meta.dirname, '../../../demo/data/sample-company.json');

describe('seeded random streams', () => {
  it('repeat under a seed and have the moments of their distributions', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    const r = new Random(7);
    const counts = Array.from({ length: 20000 }, () => r.poisson(2.5));
    expect(counts.reduce((s, x) => s + x, 0) / counts.length).toBeCloseTo(2.5, 1);
    const normals = Array.from({ length: 20000 }, () => r.normal(3, 2));
    const m = normals.reduce((s, x) => s + x, 0) / normals.length;
    expect(m).toBeCloseTo(3, 1);
    expect(Math.sqrt(normals.reduce((s, x) => s + (x - m) ** 2, 0) / normals.length)).toBeCloseTo(2, 1);
  });
});

describe('sample company', () => {
  const company = generateSampleCompany({ customers: 300, seed: 5 });

  it('is deterministic under the seed and never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    const again = Array.from(sampleJsonChunks({ customers: 300, seed: 5 })).join('');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(again).toBe(Array.from(sampleJsonChunks({ customers: 300, seed: 5 })).join(''));
    expect(JSON.parse(again)).toEqual(JSON.parse(JSON.stringify(company)));
    expect(Array.from(sampleJsonChunks({ customers: 300, seed: 6 })).join('')).not.toBe(again);
  });

  it('the pre-generated default regenerates byte for byte with the documented options', () => {
    const file = readFileSync(DEMO, 'utf8');
    expect(Buffer.byteLength(file)).toBeLessThan(1.5e6);
    expect(Array.from(sampleJsonChunks({ customers: 200, seed: 20240101, start: '2024-01', months: 18 })).join('')).toBe(file);
    expect(SAMPLE_DEFAULTS).toEqual({ customers: 200, seed: 20240101, start: '2024-01', months: 18 });
  });

  it('uses canonical field names and ingests with no rejected row', () => {
    for (const table of ['orders', 'customers', 'events', 'feedback', 'spend'] as const) {
      const canonical = new Set(TABLES[table].fields.map((f) => f.name));
      const fields = new Set(company[table].flatMap((row) => Object.keys(row)));
      const extra = [...fields].filter((f) => !canonical.has(f));
      expect(extra).toEqual({ orders: ['item'], customers: ['name', 'employees'], events: [], feedback: [], spend: [] }[table]);
      expect(company[table].length).toBeGreaterThan(0);
    }
    const { dataset, report } = ingestFeed(company as never);
    expect(report.rejected).toBe(0);
    expect(dataset.customerIds.length).toBe(300);
    expect(dataset.events!.type.values.slice().sort()).toEqual(['complaint', 'feature', 'login', 'ticket', 'visit']);
  });

  it('streams each table in the same order as the whole company', () => {
    expect(Array.from(sampleRows('events', { customers: 300, seed: 5 }))).toEqual(company.events);
    expect(Array.from(sampleRows('spend', { customers: 300, seed: 5 }))).toEqual(company.spend);
  });

  it('has believable, distinct company names, some Chinese', () => {
    const names = company.customers.map((c) => c.name);
    expect(new Set(names).size).toBeGreaterThan(names.length * 0.97);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(names.filter((n) => /^[A-Z][a-z]+ [A-Z]/.test(n)).length).toBeGreaterThan(names.length * 0.8);
  });

  it('stays inside its calendar and option ranges', () => {
    const first = '2024-01-01';
    const last = '2025-06-30';
    for (const o of company.orders) expect(o.date >= first && o.date <= last).toBe(true);
    for (const e of company.events) expect(e.timestamp >= first && e.timestamp <= `${last}T23:59:59Z`).toBe(true);
    for (const f of company.feedback) {
      if (f.nps !== undefined) expect(Number.isInteger(f.nps) && f.nps >= 0 && f.nps <= 10).toBe(true);
      if (f.csat !== undefined) expect(Number.isInteger(f.csat) && f.csat >= 1 && f.csat <= 5).toBe(true);
    }
    expect(() => generateSampleCompany({ months: 0 })).toThrow();
    expect(() => generateSampleCompany({ start: '2024-13' })).toThrow();
  });
});

describe('sample company behaviour is causal', () => {
  const company = generateSampleCompany({ customers: 2000, months: 24, start: '2023-01', seed: 3 });
  const { dataset } = ingestFeed(company as never);
  const end = lastActivityDay(dataset);
  const activity = customerDays(dataset.customerIds.length, [dataset.orders!, dataset.events!].map((t) => ({ customer: t.customer, day: t.day })), end);
  const firstOrder = new Map<string, string>();
  for (const o of company.orders) if (!firstOrder.has(o.customer_id) || o.date < firstOrder.get(o.customer_id)!) firstOrder.set(o.customer_id, o.date);

  it('referred customers retain better', () => {
    // Among buyers of the first year, the share still active in the last 90 days.
    const retained = { true: [0, 0], false: [0, 0] };
    for (const c of company.customers) {
      const first = firstOrder.get(c.customer_id);
      if (!first || first >= '2024-01-01') continue;
      const active = end - lastOnOrBefore(activity, dataset.customerIds.indexOf(c.customer_id), end) < 90;
      const bucket = retained[String(c.referred) as 'true' | 'false'];
      bucket[0] += active ? 1 : 0;
      bucket[1]++;
    }
    const referred = retained.true[0] / retained.true[1];
    const others = retained.false[0] / retained.false[1];
    expect(retained.true[1]).toBeGreaterThan(50);
    expect(referred).toBeGreaterThan(others + 0.1);
  });

  it('strategic accounts (high potential) grow: their seats at the last charge exceed the first', () => {
    const seats = new Map<string, number[]>();
    for (const o of company.orders) if (o.item.startsWith('subscription')) (seats.get(o.customer_id) ?? seats.set(o.customer_id, []).get(o.customer_id)!).push(o.quantity);
    const growth = (high: boolean) => {
      const ratios = company.customers
        .filter((c) => (c.potential >= 60) === high && (seats.get(c.customer_id)?.length ?? 0) >= 2)
        .map((c) => seats.get(c.customer_id)!.at(-1)! / seats.get(c.customer_id)![0]);
      return ratios.reduce((a, b) => a + b, 0) / ratios.length;
    };
    expect(growth(true)).toBeGreaterThan(growth(false) + 0.1);
  });

  it('customers who stop log in less in their last 60 days than four months earlier', () => {
    // Customers gone for 120+ days after 240+ days of tenure: logins in (last - 60, last] against (last - 180, last - 120].
    const logins = customerDays(
      dataset.customerIds.length,
      [{ customer: dataset.events!.customer, day: dataset.events!.day, include: (r) => dataset.events!.type.values[dataset.events!.type.codes[r]] === 'login' }],
      end,
    );
    let falling = 0;
    let gone = 0;
    const cutoff = end - 120;
    for (let c = 0; c < dataset.customerIds.length; c++) {
      const last = lastOnOrBefore(activity, c, end);
      const first = firstOrder.get(dataset.customerIds[c]);
      if (!first || last > cutoff || last - dayFromCivil(+first.slice(0, 4), +first.slice(5, 7), +first.slice(8, 10)) < 240) continue;
      gone++;
      const count = (from: number, to: number) => {
        let n = 0;
        for (let i = logins.offsets[c]; i < logins.offsets[c + 1]; i++) if (logins.days[i] > from && logins.days[i] <= to) n++;
        return n;
      };
      if (count(last - 60, last) < count(last - 180, last - 120)) falling++;
    }
    expect(gone).toBeGreaterThan(40);
    expect(falling / gone).toBeGreaterThan(0.7);
  });
});
