/**
 * `crm-lens clv` end to end: the real bin, spawned with execFile, on the CDNOW and sBG reference files
 * and on bad input.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { referenceFile } from '../support/data.js';

const BIN = resolve(import.meta.dirname, '../../bin/crm-lens.mjs');
const run = promisify(execFile);

async function clv(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'clv', ...args], { maxBuffer: 256 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const rel = (value: number, expected: number) => Math.abs(value / expected - 1);
const summaryCsv = referenceFile('cdnow/cdnow_summary.csv');
const sample = referenceFile('cdnow/CDNOW_sample.txt');
const survival = referenceFile('sbg_survival_fader_hardie_2007.csv');

describe.skipIf(!summaryCsv)('clv on cdnow_summary.csv (ID,x,t_x,T,zbar detected)', () => {
  it('fits BG/NBD and lists every customer with P(alive), purchases, spend and CLV', async () => {
    const out = await clv(summaryCsv!, '--model', 'bgnbd', '--format', 'json', '--horizon', '12');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.model).toBe('bgnbd');
    expect(doc.input).toBe('summary');
    expect(rel(doc.params.r, 0.2426)).toBeLessThan(1e-3);
    expect(rel(doc.params.alpha, 4.4136)).toBeLessThan(1e-3);
    expect(rel(doc.params.a, 0.7929)).toBeLessThan(1e-3);
    expect(rel(doc.params.b, 2.4259)).toBeLessThan(1e-3);
    expect(doc.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(doc.converged).toBe(true);
    expect(doc.customers).toHaveLength(2357);
    const first = doc.customers[0];
    expect(first).toMatchObject({ id: '1', x: 2, t_x: 30.43, T: 38.86 });
    expect(first.pAlive).toBeCloseTo(0.7266, 3);
    expect(first.expectedSpend).toBeCloseTo(24.66, 2);
    expect(first.clv).toBeGreaterThan(0);
    expect(first.clv).toBeLessThan(first.expectedPurchases * first.expectedSpend);
  });

  it('reads lifetimes-style frequency,recency,T,monetary_value columns for Gamma-Gamma', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-clv-'));
    const file = join(dir, 'lifetimes.csv');
    const rows = readFileSync(summaryCsv!, 'utf8').trim().split('\n').slice(1);
    writeFileSync(file, ['customer_id,frequency,recency,T,monetary_value', ...rows].join('\n'));
    const out = await clv(file, '--model', 'gamma-gamma', '--format', 'json');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.params.p).toBeCloseTo(6.25, 2);
    expect(doc.params.q).toBeCloseTo(3.74, 2);
    expect(doc.params.gamma).toBeCloseTo(15.44, 1);
    expect(doc.logLikelihood).toBeCloseTo(-4055.92, 2);
    expect(doc.customers.slice(0, 3).map((c: { expectedSpend: number }) => Math.round(c.expectedSpend * 100) / 100)).toEqual([24.66, 18.91, 35.17]);
  });
});

describe.skipIf(!sample)('clv on the CDNOW sample transactions', () => {
  it('summarises in weeks at the calibration end, fits Pareto/NBD and checks the holdout', async () => {
    const out = await clv(
      sample!,
      '--no-header',
      '--delimiter',
      'whitespace',
      '--map',
      'customer_id=2,date=3,amount=5',
      '--calibration-end',
      '1997-09-30',
      '--holdout-end',
      '1998-06-30',
      '--model',
      'pareto-nbd',
      '--format',
      'json',
    );
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.input).toBe('orders');
    expect(doc.calibrationEnd).toBe('1997-09-30');
    expect(rel(doc.params.r, 0.553)).toBeLessThan(2e-3);
    expect(rel(doc.params.s, 0.606)).toBeLessThan(2e-3);
    expect(Math.abs(doc.logLikelihood - -9595.0)).toBeLessThan(0.05);
    expect(doc.holdout.length).toBeCloseTo(39, 10);
    expect(doc.holdout.actual).toBeGreaterThan(doc.holdout.predicted * 0.9);
    expect(doc.customers).toHaveLength(2357);
    expect(doc.customers[0]).toMatchObject({ id: '0001', x: 2 });
    expect(doc.customers[0].t_x).toBeCloseTo(30.43, 2);
  });
});

describe.skipIf(!survival)('clv --model sbg on the Fader & Hardie (2007) survivors', () => {
  it('fits both cohorts on years 1-7 and projects the rest', async () => {
    const out = await clv(survival!, '--model', 'sbg', '--periods', '7', '--format', 'json');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    const [regular, highend] = doc.cohorts;
    expect(regular.params.alpha).toBeCloseTo(0.704, 3);
    expect(regular.params.beta).toBeCloseTo(1.182, 3);
    expect(regular.logLikelihood).toBeCloseTo(-1680.27, 2);
    expect(highend.params.alpha).toBeCloseTo(0.668, 3);
    expect(highend.params.beta).toBeCloseTo(3.806, 3);
    expect(regular.projection).toHaveLength(13);
    expect(regular.projection[12].actual).toBe(173);
  });
});

describe('clv on bad input', () => {
  it.each([
    [['/no/such/file.csv'], /cannot read .*no such file/],
    [['x.csv', '--model', 'cox'], /--model must be one of/],
    [['x.csv', '--discount', 'abc'], /--discount must be a rate/],
    [['x.csv', '--calibration-end', '1997-02-30'], /--calibration-end must be a date/],
  ])('%j: one line on stderr, exit 2, no stack trace', async (args, message) => {
    const out = await clv(...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says why a model cannot be fitted (too few repeat buyers)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-clv-'));
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, 'customer_id,date,amount\na,2024-01-01,5\na,2024-01-05,5\nb,2024-01-02,3\n');
    const out = await clv(file);
    expect(out.code).toBe(2);
    expect(out.stderr.trim()).toMatch(/^crm-lens: cannot fit BG\/NBD: too few repeat buyers to fit: 1 customer/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
