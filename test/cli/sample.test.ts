import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSampleArgs, run } from '../../src/cli/commands/sample.js';
import { CliError } from '../../src/cli/errors.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'crm-lens-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crm-lens sample', () => {
  it('writes one JSON object with one array per table, equal to the in-memory company', async () => {
    const out = join(dir, 'company.json');
    await run(['--customers', '120', '--seed', '9', '--start', '2023-06', '--months', '12', '--out', out]);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(written)).toEqual(['orders', 'customers', 'events', 'feedback', 'spend']);
    expect(written).toEqual(JSON.parse(JSON.stringify(generateSampleCompany({ customers: 120, seed: 9, start: '2023-06', months: 12 }))));
  });
  it('turns bad options into one-line CLI errors', () => {
    expect(() => parseSampleArgs(['--customers', '10'])).toThrow(CliError);
    expect(() => parseSampleArgs(['--customers', 'ten', '--out', 'x.json'])).toThrow(/--customers must be a whole number/);
    expect(() => parseSampleArgs(['--months', '0', '--out', 'x.json'])).toThrow(/--months/);
    expect(() => parseSampleArgs(['--start', '2024-13', '--out', 'x.json'])).toThrow(/--start: start must be YYYY-MM/);
    expect(() => parseSampleArgs(['--bogus', '--out', 'x.json'])).toThrow(CliError);
  });
  it('reports an unwritable output as a CLI error', async () => {
    await expect(run(['--customers', '5', '--out', join(dir, 'missing', 'x.json')])).rejects.toThrow(/cannot write/);
  });
});
