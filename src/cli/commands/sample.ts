/**
 * `crm-lens sample`: write the seeded sample company (all five tables) as one JSON object with one
 * array per table, streamed in chunks so a million orders never sit in memory as one string.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { CliError } from '../errors.js';
import { sampleJsonChunks, resolveSampleOptions } from '../../engine/sample/generate.js';
import { SAMPLE_DEFAULTS, type ResolvedSampleOptions } from '../../engine/sample/options.js';

export const help = `crm-lens sample — write the seeded sample company as one JSON feed

Usage: crm-lens sample --out FILE.json [options]

A fictional B2B software vendor: customers (industry, size, acquisition channel and cost, referral,
plan, renewal date, potential value), orders (subscriptions, add-ons, credit notes), events (logins,
feature use, tickets, complaints, visits), NPS/CSAT feedback and marketing spend. The same options
always give the same bytes.

Options:
  --customers N      customers to simulate (default ${SAMPLE_DEFAULTS.customers})
  --seed S           random seed, 0..4294967295 (default ${SAMPLE_DEFAULTS.seed})
  --start YYYY-MM    first month of the history (default ${SAMPLE_DEFAULTS.start})
  --months M         months of history (default ${SAMPLE_DEFAULTS.months})
  --out FILE         where to write the JSON ("-" for stdout)

Exit status: 0 on success; 2 with a one-line reason for bad options.`;

/** Parses the command line into validated sample options and an output path. */
export function parseSampleArgs(argv: string[]): { options: ResolvedSampleOptions; out: string } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        customers: { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        months: { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]);
  }
  if (!values.out) throw new CliError('--out FILE is required (use "-" for stdout)');
  const integer = (name: string): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new CliError(`--${name} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  const input = { customers: integer('customers'), seed: integer('seed'), months: integer('months'), start: values.start };
  try {
    return { options: resolveSampleOptions(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))), out: values.out };
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    throw new CliError(issue ? `--${String(issue.path[0])}: ${issue.message}` : (error as Error).message);
  }
}

export async function run(argv: string[]): Promise<void> {
  const { options, out } = parseSampleArgs(argv);
  const stream = out === '-' ? process.stdout : createWriteStream(out);
  const failed = once(stream, 'error').then(([error]) => {
    throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
  });
  const write = async (): Promise<void> => {
    for (const chunk of sampleJsonChunks(options)) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    if (stream !== process.stdout) {
      stream.end();
      await once(stream, 'finish');
    }
  };
  await Promise.race([write(), failed]);
}
