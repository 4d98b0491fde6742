/**
 * `crm-lens analyze`: read an orders file, a multi-table feed (one JSON object, or a folder with one
 * file per table) or the sample company; print the ingest report, RFM segments, the cohort matrix,
 * the KPIs and the multi-table analyses (value tiers, lifecycle, churn risk, RFM clusters), as aligned
 * tables or as the JSON contract of docs/cli.md.
 *
 * The output is a list of sections; each is one small {@link Section} (compute the JSON value, render
 * it as text). New analyses join by adding a section to {@link SECTIONS}.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../errors.js';
import { dayOption, oneOf, parseMapping, readSource, type TableMapping } from '../args.js';
import { readFolder } from '../input/folder.js';
import { TABLE_NAMES, TABLES } from '../../engine/dataset/schema.js';
import type { Dataset, TableName } from '../../engine/dataset/types.js';
import { ingestBytes, ingestFeed } from '../../engine/ingest/index.js';
import type { IngestReport, IngestResult, RefundPolicy, TableIngestOptions } from '../../engine/ingest/types.js';
import { generateSampleCompany } from '../../engine/sample/generate.js';
import { rfm, RULE_SETS, type RuleSetName } from '../../engine/analyses/rfm/index.js';
import { rfmCustomerRows } from '../../engine/analyses/rfm/rows.js';
import { cohorts } from '../../engine/analyses/cohorts/index.js';
import { kpis } from '../../engine/analyses/kpis/index.js';
import { valueTiers, type PotentialSource } from '../../engine/analyses/tiers/index.js';
import { journeyMap } from '../../engine/analyses/lifecycle/index.js';
import { churnRisk } from '../../engine/analyses/churn-risk/index.js';
import { rfmClusters } from '../../engine/analyses/clusters/index.js';
import { resolveAsOf } from '../../engine/stats/as-of.js';
import { Formats } from '../../format/numbers.js';
import { Translator } from '../../format/i18n.js';
import type { ClustersJson, CohortsJson, IngestJson, KpisJson, LifecycleJson, RfmJson, RiskJson, TiersJson, UnavailableJson } from '../output/contract.js';
import { clustersJson, lifecycleJson, riskJson, tiersJson, unavailableJson } from '../output/multi-table-json.js';
import { renderIngest } from '../output/ingest-text.js';
import { renderRfm } from '../output/rfm-text.js';
import { renderCohorts } from '../output/cohorts-text.js';
import { renderKpis } from '../output/kpis-text.js';
import { renderTiers } from '../output/tiers-text.js';
import { renderLifecycle } from '../output/lifecycle-text.js';
import { renderRisk } from '../output/risk-text.js';
import { renderClusters } from '../output/clusters-text.js';
import { progressFor } from '../output/progress.js';

export const help = `crm-lens analyze — ingest report, RFM, cohorts, KPIs, value tiers, lifecycle, churn risk
and RFM clusters of a feed

Usage: crm-lens analyze FILE [options]
       crm-lens analyze FOLDER [options]
       crm-lens analyze --sample [options]

FILE is CSV (any separator), JSON or NDJSON, optionally gzip-compressed (.gz or gzip bytes): an
orders table, or a JSON object with one array per table (orders, customers, events, feedback, spend).
FOLDER holds one file per table named after it: orders.csv, customers.csv, events.csv, feedback.csv,
spend.csv (any subset; .tsv, .txt, .ndjson, .jsonl, .json and .gz work too). Each table's columns are
detected from its headers.

Options:
  --map F=COL,...      map canonical fields to source columns, e.g.
                       customer_id=CustomerID,date=InvoiceDate,amount=Quantity*UnitPrice
                       (orders fields: ${TABLES.orders.fields.map((f) => f.name).join(', ')};
                       other tables as TABLE.F=COL, e.g. events.type=Kind,customers.signup_date=Joined;
                       COL is a header name, or a 1-based position with --no-header; a number may be A*B)
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
  --potential auto|model|field  potential value of the value tiers: model-predicted future value
                       (BG/NBD x Gamma-Gamma), customers.potential, or auto (default: the model,
                       the field when the model cannot be fitted)
  --stages month|week|quarter   lifecycle snapshot period (default month)
  --p-alive model|none  P(alive) of lifecycle (declining) and churn risk (lowPAlive): a BG/NBD fit
                       at their analysis date (default) or none
  --sample             analyze the seeded sample company (all five tables) instead of a FILE

Lifecycle and churn risk are dated at --as-of, by default the last order, event or survey day.
A section that cannot be computed says "not available" and why (in JSON: available false, reason,
message), never zeros.

Exit status: 0 on success; 2 with a one-line reason for bad input (missing file, unknown option or
mapping field, no usable rows).`;

const RULE_NAMES = Object.keys(RULE_SETS) as RuleSetName[];

/** Parsed command line. */
interface Args {
  readonly file?: string;
  readonly sample: boolean;
  /** `--map` by table. */
  readonly mappings: Partial<Record<TableName, TableMapping>>;
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
  readonly potential: 'auto' | 'model' | 'field';
  readonly stages: 'month' | 'week' | 'quarter';
  readonly pAlive: 'model' | 'none';
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
        potential: { type: 'string' },
        stages: { type: 'string' },
        'p-alive': { type: 'string' },
        sample: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]} (see crm-lens analyze --help)`);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new CliError(`analyze takes one FILE or FOLDER (got ${positionals.length})`);
  if (positionals.length === 0 && !v.sample) throw new CliError('analyze needs a FILE or FOLDER (or --sample); see crm-lens analyze --help');
  const header = !v['no-header'];
  return {
    file: positionals[0],
    sample: v.sample,
    mappings: parseMapping(v.map, header),
    header,
    delimiter: v.delimiter,
    refunds: oneOf('refunds', v.refunds, ['keep', 'drop'], 'keep'),
    asOf: dayOption('as-of', v['as-of']),
    period: oneOf('period', v.period, ['month', 'quarter', 'year'], 'month'),
    cohort: oneOf('cohort', v.cohort, ['month', 'week'], 'month'),
    rules: oneOf('rules', v.rules, RULE_NAMES, 'vignette'),
    frequency: oneOf('frequency', v.frequency, ['rows', 'orders'], 'rows'),
    format: oneOf('format', v.format, ['table', 'json'], 'table'),
    out: v.out,
    locale: oneOf('locale', v.locale, ['en', 'zh-CN'], 'en'),
    progress: v.progress,
    potential: oneOf('potential', v.potential, ['auto', 'model', 'field'], 'auto'),
    stages: oneOf('stages', v.stages, ['month', 'week', 'quarter'], 'month'),
    pAlive: oneOf('p-alive', v['p-alive'], ['model', 'none'], 'model'),
  };
}

/** The reading options of one table: its `--map` entries plus header and separator. */
function tableOptions(args: Args, table: TableName): TableIngestOptions {
  return {
    map: args.mappings[table]?.map ?? {},
    derive: args.mappings[table]?.derive ?? {},
    header: args.header,
    ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
  };
}

/** Per-table options of a multi-table feed. */
function feedTableOptions(args: Args, fileNames: Partial<Record<TableName, string>> = {}): Partial<Record<TableName, TableIngestOptions>> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, { ...tableOptions(args, t), ...(fileNames[t] ? { fileName: fileNames[t] } : {}) }]));
}

/** Ingests the FILE, FOLDER or the sample company with the command-line options. */
async function load(args: Args): Promise<{ source: string; result: IngestResult }> {
  if (args.sample) return { source: 'sample company', result: ingestFeed(generateSampleCompany()) };
  const file = args.file!;
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    const { feed, fileNames } = await readFolder(file);
    try {
      return { source: file, result: ingestFeed(feed, { refunds: args.refunds, tables: feedTableOptions(args, fileNames) }) };
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const bytes = await readSource(file);
  const progress = progressFor(basename(file), bytes.length, args.progress);
  try {
    const result = await ingestBytes(bytes, {
      fileName: file,
      ...tableOptions(args, 'orders'),
      refunds: args.refunds,
      tables: feedTableOptions(args),
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
  render: (value, f, ctx) => renderIngest(ctx.source, value, f, new Translator(ctx.args.locale)),
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

/**
 * Value tiers at the order analysis date. Potential `auto`: the model-predicted value, or the
 * customers' `potential` field when the models cannot be fitted (the JSON says why in `potentialFallback`).
 */
const tiersSection = section<TiersJson | UnavailableJson>({
  key: 'tiers',
  compute: ({ dataset, asOf, args }) => {
    const tiersWith = (source: PotentialSource['source'] & ('model' | 'field')) => valueTiers(dataset, { asOf, potential: { source } });
    const model = args.potential === 'field' ? undefined : tiersWith('model');
    if (model?.available) return tiersJson(model, dataset.customerIds);
    const useField = args.potential === 'field' || (args.potential === 'auto' && dataset.orders !== undefined && dataset.customers?.potential !== undefined);
    if (!useField) {
      const u = model!;
      const hint = dataset.orders && args.potential === 'auto' ? '; a customers table with a potential field would stand in' : '';
      return unavailableJson({ reason: u.reason, message: dataset.orders ? `no model-predicted potential value: ${u.message}${hint}` : u.message });
    }
    const field = tiersWith('field');
    return field.available ? tiersJson(field, dataset.customerIds, model) : unavailableJson(field);
  },
  render: renderTiers,
});

/** Lifecycle snapshots, flows, touchpoints and funnel (the journey map), dated at --as-of or the last activity. */
const lifecycleSection = section<LifecycleJson | UnavailableJson>({
  key: 'lifecycle',
  compute: ({ dataset, args }) => {
    const result = journeyMap(dataset, { stages: { asOf: args.asOf, unit: args.stages, pAlive: args.pAlive } });
    return result.available ? lifecycleJson(result, dataset.customerIds) : unavailableJson(result);
  },
  render: renderLifecycle,
});

/** Churn-risk signals and scores, dated at --as-of or the last activity. */
const riskSection = section<RiskJson | UnavailableJson>({
  key: 'risk',
  compute: ({ dataset, args }) => {
    const result = churnRisk(dataset, { asOf: args.asOf, pAlive: args.pAlive });
    return result.available ? riskJson(result, dataset.customerIds) : unavailableJson(result);
  },
  render: renderRisk,
});

/** k-means clusters on RFM at the order analysis date. */
const clustersSection = section<ClustersJson | UnavailableJson>({
  key: 'clusters',
  compute: ({ dataset, asOf }) => {
    const result = rfmClusters(dataset, { asOf });
    return result.available ? clustersJson(result, dataset.customerIds) : unavailableJson(result);
  },
  render: renderClusters,
});

/** The output, in order. */
const SECTIONS: readonly Section<unknown>[] = [
  ingestSection,
  rfmSection,
  cohortsSection,
  kpisSection,
  tiersSection,
  lifecycleSection,
  riskSection,
  clustersSection,
];

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
