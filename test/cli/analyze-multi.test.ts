/**
 * `crm-lens analyze` on multi-table feeds, end to end: a sample company generated here, written as one
 * JSON feed and as a folder of CSV files, through the real bin. The multi-table sections (tiers,
 * lifecycle, risk, clusters) must carry the contract fields, satisfy their invariants, equal the
 * engine functions called directly, and say what is not available on an orders-only file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFormat } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { ingestFeed } from '../../src/engine/ingest/index.js';
import { resolveAsOf } from '../../src/engine/stats/as-of.js';
import { valueTiers, TIER_IDS } from '../../src/engine/analyses/tiers/index.js';
import { lifecycleStages, STAGES } from '../../src/engine/analyses/lifecycle/index.js';
import { churnRisk, SIGNALS, signalsOf } from '../../src/engine/analyses/churn-risk/index.js';
import { rfmClusters } from '../../src/engine/analyses/clusters/index.js';
import { referenceFile } from '../support/data.js';
import { analyze } from './analyze-bin.js';
import type { AnalyzeJson, ClustersJson, LifecycleJson, RiskJson, TiersJson } from '../../src/cli/output/contract.js';

async function analyzeJson(...args: string[]): Promise<AnalyzeJson> {
  const out = await analyze(...args, '--format', 'json');
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as AnalyzeJson;
}

/** Narrows a section to its available form, failing the test with the reason otherwise. */
function ok<T extends { available: boolean }>(value: T): Extract<T, { available: true }> {
  if (!value.available) throw new Error(`section not available: ${(value as unknown as { message: string }).message}`);
  return value as Extract<T, { available: true }>;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

const company = generateSampleCompany({ customers: 240, months: 20, seed: 31 });
const dir = mkdtempSync(join(tmpdir(), 'crm-lens-multi-'));
const feedFile = join(dir, 'company.json');
const folder = join(dir, 'tables');
const ordersOnly = join(dir, 'orders.csv');

beforeAll(() => {
  writeFileSync(feedFile, JSON.stringify(company));
  mkdirSync(folder);
  for (const [table, rows] of Object.entries(company)) writeFileSync(join(folder, `${table}.csv`), csvFormat(rows as object[] as never));
  writeFileSync(ordersOnly, csvFormat(company.orders as object[] as never));
});

describe('a multi-table JSON feed', () => {
  let doc: AnalyzeJson;
  beforeAll(async () => {
    doc = await analyzeJson(feedFile);
  });

  it('keeps the existing sections and adds tiers, lifecycle, risk and clusters with the contract fields', () => {
    expect(doc.ingest.tables.map((t) => t.table)).toEqual(['orders', 'customers', 'events', 'feedback', 'spend']);
    expect(doc.rfm.available && doc.cohorts.available).toBe(true);
    expect(doc.kpis.kpis.find((k) => k.id === 'nps')?.available).toBe(true);
    const tiers = ok(doc.tiers);
    expect(Object.keys(tiers.customers[0]).sort()).toEqual(['composite', 'current', 'currentValue', 'id', 'potential', 'potentialValue', 'tier']);
    expect(tiers.summary.map((s) => s.tier)).toEqual([...TIER_IDS]);
    for (const s of tiers.summary) expect(s).toHaveProperty('valueShare');
    const lifecycle = ok(doc.lifecycle);
    expect(lifecycle.snapshots.at(-1)!.counts).toEqual(Object.fromEntries(STAGES.map((s) => [s, expect.any(Number)])));
    expect(Object.keys(lifecycle.flows[0]).sort()).toEqual(['customers', 'from', 'period', 'to']);
    expect(lifecycle.touchpoints.available && lifecycle.funnel.available).toBe(true);
    const risk = ok(doc.risk);
    expect(risk.signals.map((s) => s.signal)).toEqual([...SIGNALS]);
    expect(Object.keys(risk.customers[0]).sort()).toEqual(['id', 'score', 'signals']);
    const clusters = ok(doc.clusters);
    expect(clusters.clusters.length).toBe(clusters.k);
  });

  it('tiers: summary customers add up to the tiered customers, value shares to 1, composite = weighted scores', () => {
    const tiers = ok(doc.tiers);
    expect(sum(tiers.summary.map((s) => s.customers))).toBe(tiers.customers.length);
    expect(tiers.totals.customers).toBe(tiers.customers.length);
    expect(sum(tiers.summary.map((s) => s.valueShare!))).toBeCloseTo(1, 12);
    for (const c of tiers.customers) {
      expect(c.composite).toBeCloseTo(tiers.weights.current * c.current + tiers.weights.potential * c.potential, 9);
      expect(c.current >= 0 && c.current <= 100 && c.potential >= 0 && c.potential <= 100).toBe(true);
      // High on an axis = at or above its threshold (the axis minimum never counts as high).
      const highCurrent = c.tier === 'strategic' || c.tier === 'profit';
      if (c.current < tiers.thresholds.current) expect(highCurrent).toBe(false);
    }
    for (const t of TIER_IDS) expect(tiers.summary.find((s) => s.tier === t)!.customers).toBe(tiers.customers.filter((c) => c.tier === t).length);
  });

  it('lifecycle: flows into a period and out of the one before both equal the snapshot counts', () => {
    const lifecycle = ok(doc.lifecycle);
    for (let t = 1; t < lifecycle.snapshots.length; t++) {
      const { period, counts } = lifecycle.snapshots[t];
      const into = lifecycle.flows.filter((f) => f.period === period);
      for (const s of STAGES) {
        expect(sum(into.filter((f) => f.to === s).map((f) => f.customers))).toBe(counts[s]);
        expect(sum(into.filter((f) => f.from === s).map((f) => f.customers))).toBe(lifecycle.snapshots[t - 1].counts[s]);
      }
    }
    const last = lifecycle.snapshots.at(-1)!;
    expect(sum(STAGES.map((s) => last.counts[s]))).toBe(last.customers);
    expect(lifecycle.customers.length).toBe(last.customers);
    for (const s of STAGES) expect(lifecycle.customers.filter((c) => c.stage === s).length).toBe(last.counts[s]);
  });

  it('risk: scores within 0..100, each the weighted share of the available signals the customer trips', () => {
    const risk = ok(doc.risk);
    const weights = risk.signals.filter((s) => s.available);
    const total = sum(weights.map((s) => s.weight));
    for (const c of risk.customers) {
      expect(c.score >= 0 && c.score <= 100).toBe(true);
      expect(c.signals.every((s) => weights.some((w) => w.signal === s))).toBe(true);
      expect(c.score).toBeCloseTo((100 * sum(c.signals.map((s) => weights.find((w) => w.signal === s)!.weight))) / total, 9);
    }
    for (const s of risk.signals) if (s.available) expect(s.customers).toBe(risk.customers.filter((c) => c.signals.includes(s.signal)).length);
    expect(risk.pAlive).toMatchObject({ source: 'model', available: true });
  });

  it('clusters: cluster sizes add up to the clustered customers, one cluster each', () => {
    const clusters = ok(doc.clusters);
    expect(sum(clusters.clusters.map((c) => c.customers))).toBe(clusters.customers.length);
    for (const c of clusters.clusters) expect(clusters.customers.filter((x) => x.cluster === c.id).length).toBe(c.customers);
    expect(clusters.customers.length).toBe(ok(doc.rfm).customers.length);
  });

  it('gives the same numbers as the engine functions called directly', () => {
    const { dataset } = ingestFeed(company as never);
    const ids = dataset.customerIds;
    const asOf = resolveAsOf(dataset.orders!, undefined);
    const tiersDoc = ok(doc.tiers);
    const tiers = valueTiers(dataset, { asOf, potential: { source: tiersDoc.potentialSource as 'model' | 'field' } });
    if (!tiers.available) throw new Error(tiers.message);
    const byId = new Map(tiersDoc.customers.map((c) => [c.id, c]));
    for (let c = 0; c < ids.length; c++) {
      if (tiers.customers.tier[c] < 0) expect(byId.has(ids[c])).toBe(false);
      else expect(byId.get(ids[c])).toMatchObject({ composite: tiers.customers.composite[c], tier: TIER_IDS[tiers.customers.tier[c]] });
    }
    expect(tiersDoc.summary).toEqual(tiers.tiers);

    const stages = lifecycleStages(dataset);
    if (!stages.available) throw new Error(stages.message);
    expect(ok(doc.lifecycle).snapshots).toEqual(stages.snapshots);
    expect(ok(doc.lifecycle).flows).toEqual(stages.flows);

    const risk = churnRisk(dataset);
    if (!risk.available) throw new Error(risk.message);
    expect(ok(doc.risk).customers).toEqual(Array.from(risk.customers, (c, i) => ({ id: ids[c], signals: signalsOf(risk.flags[i]), score: risk.score[i] })));

    const clusters = rfmClusters(dataset, { asOf });
    if (!clusters.available) throw new Error(clusters.message);
    expect(ok(doc.clusters).customers).toEqual(Array.from(clusters.index, (c, i) => ({ id: ids[c], cluster: clusters.assignments[i] })));
  });

  it('prints each section as a table', async () => {
    const out = await analyze(feedFile);
    expect(out.code).toBe(0);
    for (const title of ['Value tiers as of', 'Lifecycle stages by month as of', 'Churn risk as of', 'RFM clusters as of']) expect(out.stdout).toContain(title);
    expect(out.stdout).toMatch(/^ {2}strategic +\d+/m);
    expect(out.stdout).toMatch(/^ {2}lowPAlive +1\.5 +\d+/m);
    expect(out.stdout).not.toContain('not available');
  });

  it('--p-alive none: lowPAlive and the lifecycle P(alive) say they were not requested', async () => {
    const none = await analyzeJson(feedFile, '--p-alive', 'none');
    const risk: RiskJson = ok(none.risk);
    expect(risk.signals.find((s) => s.signal === 'lowPAlive')).toMatchObject({ available: false, reason: 'not-requested' });
    expect(risk.pAlive).toMatchObject({ source: 'none', available: false, reason: 'not-requested' });
    const lifecycle: LifecycleJson = ok(none.lifecycle);
    expect(lifecycle.pAlive.available).toBe(false);
    // Without P(alive) only the last snapshot can differ, and only by fewer declining customers.
    const withModel = ok(doc.lifecycle);
    expect(lifecycle.snapshots.slice(0, -1)).toEqual(withModel.snapshots.slice(0, -1));
    expect(lifecycle.snapshots.at(-1)!.counts.declining).toBeLessThanOrEqual(withModel.snapshots.at(-1)!.counts.declining);
    expect(lifecycle.snapshots.at(-1)!.counts.churned).toBe(withModel.snapshots.at(-1)!.counts.churned);
  });
});

describe('a folder with one CSV per table', () => {
  it('gives the same sections as the JSON feed', async () => {
    const [fromFolder, fromFeed] = await Promise.all([analyzeJson(folder), analyzeJson(feedFile)]);
    expect(fromFolder.ingest.tables.map((t) => [t.table, t.format])).toEqual(['orders', 'customers', 'events', 'feedback', 'spend'].map((t) => [t, 'csv']));
    expect(fromFolder.ingest.rejected).toBe(0);
    const sections = (d: AnalyzeJson) => ({ rfm: d.rfm, cohorts: d.cohorts, kpis: d.kpis, tiers: d.tiers, lifecycle: d.lifecycle, risk: d.risk, clusters: d.clusters });
    expect(sections(fromFolder)).toEqual(sections(fromFeed));
  });

  it('maps a column per table with --map TABLE.FIELD=COL', async () => {
    const renamed = join(dir, 'renamed');
    mkdirSync(renamed);
    writeFileSync(join(renamed, 'orders.csv'), csvFormat(company.orders as object[] as never));
    const events = company.events.map(({ type, ...rest }) => ({ ...rest, what_happened: type }));
    writeFileSync(join(renamed, 'events.csv'), csvFormat(events as object[] as never));
    const mapped = await analyzeJson(renamed, '--map', 'events.type=what_happened');
    expect(mapped.ingest.tables.find((t) => t.table === 'events')!.mapping.type).toBe('what_happened');
    expect(ok(mapped.risk).signals.find((s) => s.signal === 'noLogin')!.available).toBe(true);
  });
});

describe('an orders-only CSV', () => {
  let doc: AnalyzeJson;
  beforeAll(async () => {
    doc = await analyzeJson(ordersOnly);
  });

  it('still gives lifecycle stages and risk, and says touchpoints and event/feedback signals need those tables', () => {
    const lifecycle: LifecycleJson = ok(doc.lifecycle);
    expect(lifecycle.snapshots.length).toBeGreaterThan(1);
    expect(lifecycle.touchpoints).toEqual({ available: false, reason: 'missing-table', message: expect.stringMatching(/events.*feedback/) });
    expect(lifecycle.funnel).toMatchObject({ available: false, reason: 'missing-table' });
    const risk: RiskJson = ok(doc.risk);
    const signal = (s: string) => risk.signals.find((x) => x.signal === s)!;
    for (const s of ['noLogin', 'complaintsUp']) expect(signal(s)).toMatchObject({ available: false, reason: 'missing-table', message: expect.stringMatching(/events/) });
    expect(signal('npsFalling')).toMatchObject({ available: false, reason: 'missing-table', message: expect.stringMatching(/feedback/) });
    expect(signal('purchasesDown').available).toBe(true);
    for (const c of risk.customers) expect(c.signals.every((s) => s === 'purchasesDown' || s === 'lowPAlive')).toBe(true);
  });

  it('tiers and clusters are computed or say why not, never zeros', () => {
    const tiers = doc.tiers as TiersJson | { available: false; reason: string; message: string };
    if (tiers.available) expect(tiers.potentialSource).toBe('model');
    else expect(tiers.message).toMatch(/potential/);
    const clusters: ClustersJson = ok(doc.clusters);
    expect(clusters.customers.length).toBeGreaterThan(0);
  });

  it('the table output says "not available" with the reason on one line', async () => {
    const out = await analyze(ordersOnly);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('  touchpoints not available: needs events with a channel, or feedback');
    expect(out.stdout).toMatch(/^ {2}noLogin +1 +– +– +not available: needs the events table/m);
  });
});

const cdnow = referenceFile('cdnow/CDNOW_master.txt');

describe.skipIf(!cdnow)('CDNOW master (orders only, 23,570 customers)', () => {
  it('tiers take the model-predicted potential; lifecycle and risk carry the BG/NBD P(alive)', async () => {
    const doc = await analyzeJson(cdnow!);
    const tiers = ok(doc.tiers);
    expect(tiers.potentialSource).toBe('model');
    expect(tiers.potentialFallback).toBeUndefined();
    expect(sum(tiers.summary.map((s) => s.customers))).toBe(23570);
    expect(sum(tiers.summary.map((s) => s.valueShare!))).toBeCloseTo(1, 12);
    const lifecycle = ok(doc.lifecycle);
    expect(lifecycle.asOf).toBe('1998-06-30');
    expect(lifecycle.pAlive).toMatchObject({ source: 'model', available: true, customers: 23570, calibrationEnd: '1998-06-30' });
    expect(lifecycle.snapshots.at(-1)!.customers).toBe(23570);
    const risk = ok(doc.risk);
    expect(risk.signals.filter((s) => s.available).map((s) => s.signal)).toEqual(['purchasesDown', 'lowPAlive']);
    expect(sum(ok(doc.clusters).clusters.map((c) => c.customers))).toBe(23570);
  });
});

describe('bad multi-table input: one line, non-zero exit', () => {
  it('a folder without table files, an unknown table in --map', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'crm-lens-empty-'));
    writeFileSync(join(empty, 'notes.txt'), 'nothing here');
    const a = await analyze(empty);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^crm-lens: no table files in .*: expected orders\.csv, customers\.csv/);
    const b = await analyze(feedFile, '--map', 'invoices.amount=Total');
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe('crm-lens: unknown table "invoices" in --map; tables are orders, customers, events, feedback, spend, summary');
  });
});
