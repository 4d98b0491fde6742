/**
 * `crm-lens analyze`: read one orders file (or the sample company), print the ingest report, RFM
 * segments, the cohort matrix and the KPIs, as aligned tables or as the JSON contract of docs/cli.md.
 *
 * The output is a list of sections; each is one small {@link Section} (compute the JSON value, render
 * it as text). New analyses join by adding a section to {@link SECTIONS}.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../errors.js';
import { TABLES } from '../../engine/dataset/schema.js';
import { dayFromCivil, isoDate } from '../../engine/dataset/days.js';
import type { Dataset } from '../../engine/dataset/types.js';
import { ingestBytes, ingestFeed } from '../../engine/ingest/index.js';
import type { IngestReport, IngestResult, RefundPolicy } from '../../engine/ingest/types.js';
import { generateSampleCompany } from '../../engine/sample/generate.js';
import { rfm, RULE_SETS, type RuleSetName } from '../../engine/analyses/rfm/index.js';
import { rfmCustomerRows } from '../../engine/analyses/rfm/rows.js';
import { cohorts } from '../../engine/analyses/cohorts/index.js';
import { kpis } from '../../engine/analyses/kpis/index.js';
import { resolveAsOf } from '../../engine/stats/as-of.js';
import type { Unavailable } from '../../engine/analyses/availability.js';
import { Formats } from '../../format/numbers.js';
import type { CohortsJson, IngestJson, KpisJson, RfmJson, UnavailableJson } from '../output/contract.js';
import { renderIngest } from '../output/ingest-text.js';
import { renderRfm } from '../output/rfm-text.js';
import { renderCohorts } from '../output/cohorts-text.js';
import { renderKpis } from '../output/kpis-text.js';
import { progressFor } from '../output/progress.js';

export const help = `crm-lens analyze — ingest report, RFM segments, cohorts and KPIs of an orders file

Usage: crm-lens analyze FILE [options]
       crm-lens analyze --sample [options]

FILE is CSV (any separator), JSON or NDJSON, optionally gzip-compressed (.gz or gzip bytes).

Options:
  --map F=COL,...      map canonical fields to source columns, e.g.
                       customer_id=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice
                       (fields: ${TABLES.orders.fields.map((f) => f.name).join(', ')}; COL is a header
                       name, or a 1-based position with --no-header; amount may be A*B)
  --no-header          the file has no header row
  --delimiter X        CSV separator: a character, "tab" or "whitespace" (default: sniffed)
  --refunds keep|drop  keep negative amounts as refunds (default) or reject them
  --as-of YYYY-MM-DD   analysis date (default: the day after the last order date)
  --period month|quarter|year   KPI period (default month)
  --cohort month|week  cohort period (default month)
  --rules vignette|test|rfgrid  RFM segment rules (default vignette, the R rfm vignette's)
  --frequency rows|orders  RFM frequency: order rows (default, as R rfm) or distinct order_id values
                       (for line-item files such as invoices; needs order_id mapped)
  --format table|json  output format (default table; json is described in docs/cli.md)
  --out FILE           write the output to FILE instead of stdout
  --locale en|zh-CN    number formatting of the table output (default en)
  --progress           show reading progress on stderr (default: only on a terminal, large files)
  --sample             analyze the seeded sample company (all five tables) instead of a FILE

Exit status: 0 on success; 2 with a one-line reason for bad input (missing file, unknown option or
mapping field, no usable rows).`;

const RULE_NAMES = Object.keys(RULE_SETS) as RuleSetName[];

/** Parsed command line. */
interface Args {
  readonly file?: string;
  readonly sample: boolean;
  readonly map: Record<string, string | number>;
  readonly derive: Record<string, [string | number, string | number]>;
  readonly header: boolean;
  readonly delimiter?: string;
  readonly refunds: RefundPolicy;
  readonly asOf?: number;
  readonly period: 'month' | 'quarter' | 'year';
  readonly cohort: 'month' | 'week';
  readonly rules: RuleSetName;
  readonly frequency: 'rows' | 'orders';
  readonly format: 'table' | 'json';
  readonly out?: string;
  readonly locale: 'en' | 'zh-CN';
  readonly progress: boolean;
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** A source column: a 1-based position when the file has no header, else a header name. */
function sourceColumn(text: string, header: boolean): string | number {
  return !header && /^\d+$/.test(text) ? Number(text) : text;
}

/** `customer_id=CustomerID,amount=Quantity*UnitPrice` into a mapping and derived products. */
export function parseMapping(spec: string | undefined, header: boolean): Pick<Args, 'map' | 'derive'> {
  const map: Args['map'] = {};
  const derive: Args['derive'] = {};
  if (!spec) return { map, derive };
  const fields = TABLES.orders.fields.map((f) => f.name);
  for (const pair of spec.split(',')) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 0 || !field || !column) throw new CliError(`--map entries look like field=column (got "${pair}")`);
    if (!fields.includes(field)) throw new CliError(`unknown mapping field "${field}"; orders fields are ${fields.join(', ')}`);
    const product = column.split('*').map((c) => c.trim());
    if (product.length === 2 && product[0] && product[1]) {
      derive[field] = [sourceColumn(product[0], header), sourceColumn(product[1], header)];
    } else map[field] = sourceColumn(column, header);
  }
  return { map, derive };
}

/** A `YYYY-MM-DD` date as a day number. */
function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? dayFromCivil(Number(match[1]), Number(match[2]), Number(match[3])) : NaN;
  if (!match || isoDate(day) !== text) throw new CliError(`--as-of must be a date YYYY-MM-DD (got "${text}")`);
  return day;
}

function parseCli(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        map: { type: 'string' },
        'no-header': { type: 'boolean', default: false },
        delimiter: { type: 'string' },
        refunds: { type: 'string' },
        'as-of': { type: 'string' },
        period: { type: 'string' },
        cohort: { type: 'string' },
        rules: { type: 'string' },
        frequency: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        locale: { type: 'string' },
        progress: { type: 'boolean', default: false },
        sample: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]} (see crm-lens analyze --help)`);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new CliError(`analyze takes one FILE (got ${positionals.length})`);
  if (positionals.length === 0 && !v.sample) throw new CliError('analyze needs a FILE (or --sample); see crm-lens analyze --help');
  const header = !v['no-header'];
  return {
    file: positionals[0],
    sample: v.sample,
    ...parseMapping(v.map, header),
    header,
    delimiter: v.delimiter,
    refunds: oneOf('refunds', v.refunds, ['keep', 'drop'], 'keep'),
    asOf: v['as-of'] === undefined ? undefined : parseDay(v['as-of']),
    period: oneOf('period', v.period, ['month', 'quarter', 'year'], 'month'),
    cohort: oneOf('cohort', v.cohort, ['month', 'week'], 'month'),
    rules: oneOf('rules', v.rules, RULE_NAMES, 'vignette'),
    frequency: oneOf('frequency', v.frequency, ['rows', 'orders'], 'rows'),
    format: oneOf('format', v.format, ['table', 'json'], 'table'),
    out: v.out,
    locale: oneOf('locale', v.locale, ['en', 'zh-CN'], 'en'),
    progress: v.progress,
  };
}

async function readSource(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/** Ingests the FILE (or the sample company) with the command-line options. */
async function load(args: Args): Promise<{ source: string; result: IngestResult }> {
  if (args.sample) return { source: 'sample company', result: ingestFeed(generateSampleCompany()) };
  const file = args.file!;
  const bytes = await readSource(file);
  const progress = progressFor(basename(file), bytes.length, args.progress);
  try {
    const result = await ingestBytes(bytes, {
      fileName: file,
      map: args.map,
      derive: args.derive,
      header: args.header,
      refunds: args.refunds,
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
    return { source: file, result };
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  } finally {
    progress.done();
  }
}

/** What every section sees. */
interface Context {
  readonly dataset: Dataset;
  readonly report: IngestReport;
  readonly source: string;
  /** The one analysis date of every section (given, or the day after the last order). */
  readonly asOf?: number;
  readonly args: Args;
}

/** One block of the output: its JSON key, how to compute its JSON value, how to render that as text. */
interface Section<T> {
  readonly key: string;
  compute(ctx: Context): T;
  render(value: T, formats: Formats, ctx: Context): string;
}

const section = <T>(s: Section<T>): Section<unknown> => s as Section<unknown>;

const unavailableJson = (u: Unavailable): UnavailableJson => ({ available: false, reason: u.reason, message: u.message });

const ingestSection = section<IngestJson>({
  key: 'ingest',
  compute: ({ report }) => ({
    rows: report.rows,
    accepted: report.accepted,
    rejected: report.rejected,
    reasons: { ...report.reasons } as Record<string, number>,
    examples: report.examples,
    tables: report.tables,
  }),
  render: (value, f, ctx) => renderIngest(ctx.source, value, f),
});

const rfmSection = section<RfmJson | UnavailableJson>({
  key: 'rfm',
  compute: ({ dataset, asOf, args }) => {
    const result = rfm(dataset, { asOf, rules: [...RULE_SETS[args.rules]], frequency: args.frequency });
    if (!result.available) return unavailableJson(result);
    return {
      available: true,
      asOf: result.asOfDate,
      rules: args.rules,
      frequency: args.frequency,
      thresholds: result.thresholds,
      customers: rfmCustomerRows(result, dataset.customerIds),
      segments: result.segments,
      grid: result.grid,
    };
  },
  render: renderRfm,
});

const cohortsSection = section<CohortsJson | UnavailableJson>({
  key: 'cohorts',
  compute: ({ dataset, asOf, args }) => {
    const result = cohorts(dataset, { asOf, period: args.cohort });
    if (!result.available) return unavailableJson(result);
    return {
      available: true,
      period: result.period,
      asOf: result.asOfDate,
      cohorts: result.cohorts.map(({ start: _start, ...row }) => row),
    };
  },
  render: renderCohorts,
});

const kpisSection = section<KpisJson>({
  key: 'kpis',
  compute: ({ dataset, asOf, args }) => {
    const { asOf: _day, asOfDate, kpis: tiles, ...rest } = kpis(dataset, { asOf, period: args.period });
    return {
      ...rest,
      asOf: asOfDate,
      kpis: tiles.map((k) => (k.available ? { ...k, series: k.series.map(({ start: _start, ...point }) => point) } : k)),
    };
  },
  render: renderKpis,
});

/** The output, in order. Multi-table analyses (tiers, lifecycle, risk, clusters) add theirs here. */
const SECTIONS: readonly Section<unknown>[] = [ingestSection, rfmSection, cohortsSection, kpisSection];

/** Runs `crm-lens analyze`. */
export async function run(argv: string[]): Promise<void> {
  const args = parseCli(argv);
  const { source, result } = await load(args);
  const { dataset, report } = result;
  if (report.accepted === 0) {
    const reasons = Object.entries(report.reasons)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    throw new CliError(`no usable rows in ${source} (${report.rows} rows read${reasons ? `; rejected: ${reasons}` : ''})`);
  }
  const asOf = args.asOf ?? (dataset.orders && dataset.orders.length > 0 ? resolveAsOf(dataset.orders, undefined) : undefined);
  const ctx: Context = { dataset, report, source, asOf, args };
  const formats = new Formats(args.locale);
  const document: Record<string, unknown> = { source };
  const texts: string[] = [];
  for (const s of SECTIONS) {
    const value = s.compute(ctx);
    document[s.key] = value;
    if (args.format === 'table') texts.push(s.render(value, formats, ctx));
  }
  const output = args.format === 'json' ? `${JSON.stringify(document)}\n` : texts.join('\n');
  if (args.out) {
    try {
      await writeFile(args.out, output);
    } catch (error) {
      throw new CliError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else process.stdout.write(output);
}
