/**
 * `crm-lens clv`: fit a customer-lifetime model to a transactions file, a per-customer summary file
 * (`ID,x,t_x,T[,zbar]` or lifetimes' `frequency,recency,T[,monetary_value]`) or, for sBG, a survivors
 * file, and report the parameters, the fit and per-customer predictions as a table or as JSON.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliError } from '../errors.js';
import { isoDate } from '../../engine/dataset/days.js';
import { dayOption, numberOption, oneOf, parseMapping, readSource, type TableMapping } from '../args.js';
import type { Dataset } from '../../engine/dataset/types.js';
import { ingestBytes } from '../../engine/ingest/index.js';
import { isUnavailable, type Unavailable } from '../../engine/analyses/availability.js';
import {
  bgnbdModel,
  compareHoldout,
  customerSummary,
  customerValues,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  fitSbg,
  paretoNbdModel,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgRetention,
  sbgSurvival,
  type CustomerSummary,
  type FitDiagnostics,
  type RepeatModel,
  type TimeUnit,
} from '../../engine/analyses/clv/index.js';
import { renderTable } from '../output/table.js';

export const help = `crm-lens clv — fit BG/NBD, Pareto/NBD, Gamma-Gamma or sBG and report per-customer CLV

Usage: crm-lens clv FILE --model bgnbd|pareto-nbd|gamma-gamma|sbg [options]

FILE is one of
  - transactions (orders): customer_id, date, amount — any CSV/JSON/NDJSON that crm-lens ingests;
  - a per-customer summary: ID,x,t_x,T[,zbar] or lifetimes' frequency,recency,T[,monetary_value]
    (detected from the header, or chosen by mapping x, t_x, T with --map);
  - for --model sbg: survivors per period, a CSV whose first column is the period (0, 1, 2, ...) and
    whose other columns are cohorts (the number still active at the start of each period).

Options:
  --model M            bgnbd (default), pareto-nbd, gamma-gamma or sbg
  --unit week|day      time unit of the models, and of t_x and T in a summary file (default week)
  --calibration-end D  last day (YYYY-MM-DD) of the calibration period (default: the last order date)
  --holdout-end D      also compare predicted and actual purchases up to D (transactions only)
  --horizon N          months of CLV (default 12); sBG: periods to project (default: the file's)
  --discount d         monthly discount rate of CLV (default 0.01); sBG: per period (default 0.1)
  --periods N          sBG: calibrate on periods 1..N (default: all)
  --map F=COL,...      map fields to source columns (orders: customer_id, date, amount, ...;
                       summary: customer_id, x, t_x, T, monetary); COL is a 1-based position with --no-header
  --no-header          the file has no header row
  --delimiter X        CSV separator: a character, "tab" or "whitespace" (default: sniffed)
  --format table|json  output format (default table)
  --out FILE           write the output to FILE instead of stdout

Exit status: 0 on success; 2 with a one-line reason for bad input (unreadable file, unknown option,
data the model cannot be fitted to).`;

type ModelName = 'bgnbd' | 'pareto-nbd' | 'gamma-gamma' | 'sbg';

interface Args {
  readonly file: string;
  readonly model: ModelName;
  readonly unit: TimeUnit;
  readonly calibrationEnd?: number;
  readonly holdoutEnd?: number;
  readonly horizon?: number;
  readonly discount?: number;
  readonly periods?: number;
  readonly mappings: Partial<Record<'orders' | 'summary', TableMapping>>;
  readonly header: boolean;
  readonly delimiter?: string;
  readonly format: 'table' | 'json';
  readonly out?: string;
}

const SUMMARY_FIELDS = ['x', 't_x', 'T'];

/** Whether `--map` names a field only summary rows have: then all its entries map the summary table. */
function mapsSummaryFields(spec: string | undefined): boolean {
  const fields = (spec ?? '').split(',').map((pair) => pair.split('=')[0].trim());
  return fields.some((f) => [...SUMMARY_FIELDS, 'monetary', 'recency', 'frequency'].includes(f));
}

function parseCli(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        unit: { type: 'string' },
        'calibration-end': { type: 'string' },
        'holdout-end': { type: 'string' },
        horizon: { type: 'string' },
        discount: { type: 'string' },
        periods: { type: 'string' },
        map: { type: 'string' },
        'no-header': { type: 'boolean', default: false },
        delimiter: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('. ')[0]} (see crm-lens clv --help)`);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError('clv takes one FILE; see crm-lens clv --help');
  const header = !v['no-header'];
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  return {
    file: positionals[0],
    model: oneOf('model', v.model, ['bgnbd', 'pareto-nbd', 'gamma-gamma', 'sbg'], 'bgnbd'),
    unit: oneOf('unit', v.unit, ['week', 'day'], 'week'),
    calibrationEnd: dayOption('calibration-end', v['calibration-end']),
    holdoutEnd: dayOption('holdout-end', v['holdout-end']),
    horizon: numberOption('horizon', v.horizon, positiveInt, 'a whole number >= 1'),
    discount: numberOption('discount', v.discount, (d) => d >= 0 && d <= 1, 'a rate between 0 and 1'),
    periods: numberOption('periods', v.periods, positiveInt, 'a whole number >= 1'),
    mappings: parseMapping(v.map, header, () => (mapsSummaryFields(v.map) ? 'summary' : 'orders')),
    header,
    delimiter: v.delimiter,
    format: oneOf('format', v.format, ['table', 'json'], 'table'),
    out: v.out,
  };
}

/** Reads FILE as a summary table when mapped or detected as one, else as orders. */
async function loadDataset(args: Args, bytes: Uint8Array): Promise<{ dataset: Dataset; kind: 'summary' | 'orders' }> {
  const ingest = (table: 'summary' | 'orders') =>
    ingestBytes(bytes, {
      table,
      fileName: args.file,
      header: args.header,
      map: args.mappings[table]?.map ?? {},
      derive: args.mappings[table]?.derive ?? {},
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
    });
  const mapsSummary = args.mappings.summary !== undefined;
  let summaryProblem = '';
  if (mapsSummary || (args.header && !args.mappings.orders?.map.date)) {
    try {
      const { dataset, report } = await ingest('summary');
      if (report.accepted === 0) throw new Error(`no usable rows (${report.rows} read)`);
      return { dataset, kind: 'summary' };
    } catch (error) {
      if (mapsSummary) throw new CliError(`cannot read ${args.file} as summary rows: ${(error as Error).message}`);
      summaryProblem = (error as Error).message;
    }
  }
  try {
    const { dataset, report } = await ingest('orders');
    if (report.accepted === 0) throw new Error(`no usable rows (${report.rows} read)`);
    return { dataset, kind: 'orders' };
  } catch (error) {
    const asSummary = summaryProblem ? `; as summary rows: ${summaryProblem}` : '';
    throw new CliError(`cannot read ${args.file} as transactions: ${(error as Error).message}${asSummary}`);
  }
}

/** Turns an unavailable engine result into the one-line CLI error. */
function orFail<T>(result: T | Unavailable, what: string): T {
  if (isUnavailable(result)) throw new CliError(`${what}: ${result.message}`);
  return result as T;
}

function fitJson(fit: FitDiagnostics) {
  const { logLikelihood, converged, iterations, evaluations, customers, standardErrors, note } = fit;
  return { logLikelihood, converged, iterations, evaluations, fittedCustomers: customers, standardErrors, ...(note ? { note } : {}) };
}

/** The per-customer model run: purchases (BG/NBD or Pareto/NBD) and/or spend (Gamma-Gamma). */
function purchaseDocument(args: Args, dataset: Dataset, summary: CustomerSummary): Record<string, unknown> {
  const spendFit = fitGammaGamma(summary);
  if (args.model === 'gamma-gamma') {
    const gg = orFail(spendFit, 'cannot fit Gamma-Gamma');
    const spend = expectedSpend(gg.params, summary);
    return {
      params: gg.params,
      ...fitJson(gg),
      populationMean: gg.populationMean,
      customers: customerRows(dataset, summary, (i) => ({ expectedSpend: spend[i] })),
    };
  }
  let model: RepeatModel;
  let fit: FitDiagnostics & { params: object };
  if (args.model === 'bgnbd') {
    const bg = orFail(fitBgNbd(summary), 'cannot fit BG/NBD');
    [model, fit] = [bgnbdModel(bg.params), bg];
  } else {
    const pareto = orFail(fitParetoNbd(summary), 'cannot fit Pareto/NBD');
    [model, fit] = [paretoNbdModel(pareto.params), pareto];
  }
  // Without a spend fit (no amounts, too few repeat buyers) purchases and P(alive) still stand.
  const spend = spendFit.available ? expectedSpend(spendFit.params, summary) : new Float64Array(summary.length).fill(NaN);
  const values = customerValues(model, summary, spend, { horizonMonths: args.horizon ?? 12, discountRate: args.discount ?? 0.01 });
  const holdout = summary.holdout ? orFail(compareHoldout(model, summary), 'holdout') : undefined;
  return {
    params: fit.params,
    ...fitJson(fit),
    spendModel: spendFit.available
      ? { model: 'gamma-gamma', params: spendFit.params, logLikelihood: spendFit.logLikelihood, converged: spendFit.converged }
      : { available: false, message: spendFit.message },
    horizonMonths: values.horizonMonths,
    discountRate: values.discountRate,
    unitsPerMonth: values.unitsPerMonth,
    ...(holdout
      ? { holdout: { length: holdout.length, predicted: holdout.totalPredicted, actual: holdout.totalActual } }
      : {}),
    customers: customerRows(dataset, summary, (i) => ({
      pAlive: values.pAlive[i],
      expectedPurchases: values.expectedPurchases[i],
      ...(spendFit.available ? { expectedSpend: spend[i], clv: values.clv[i] } : {}),
    })),
  };
}

function customerRows(dataset: Dataset, summary: CustomerSummary, extra: (i: number) => Record<string, number>) {
  return Array.from({ length: summary.length }, (_, i) => ({
    id: dataset.customerIds[summary.customer[i]],
    x: summary.x[i],
    t_x: summary.tx[i],
    T: summary.T[i],
    ...extra(i),
  }));
}

/** Survivors per period: the first column numbers the periods, every other column is a cohort. */
function parseSurvivors(text: string, header: boolean, delimiter: string | undefined): { name: string; survivors: number[] }[] {
  const separator = delimiter === undefined ? /[,;\t]|\s+/ : delimiter === 'tab' ? '\t' : delimiter === 'whitespace' ? /\s+/ : delimiter;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const names = header ? lines.shift()!.split(separator).slice(1) : [];
  const rows = lines.map((line, r) => {
    const cells = line.split(separator).map(Number);
    if (cells.some((v) => !Number.isFinite(v))) throw new CliError(`survivors row ${r + (header ? 2 : 1)} is not all numbers: "${line}"`);
    if (cells[0] !== r) throw new CliError(`survivors rows must be periods 0, 1, 2, ... (row ${r + (header ? 2 : 1)} is period ${cells[0]})`);
    return cells;
  });
  const cohorts = (rows[0]?.length ?? 0) - 1;
  if (cohorts < 1) throw new CliError('the survivors file needs a period column and at least one cohort column');
  return Array.from({ length: cohorts }, (_, c) => ({
    name: names[c]?.trim() || `cohort ${c + 1}`,
    survivors: rows.map((row) => row[c + 1]),
  }));
}

function sbgDocument(args: Args, bytes: Uint8Array): Record<string, unknown> {
  const discount = args.discount ?? 0.1;
  const cohorts = parseSurvivors(new TextDecoder().decode(bytes), args.header, args.delimiter).map(({ name, survivors }) => {
    const periods = args.periods ?? survivors.length - 1;
    if (periods > survivors.length - 1) throw new CliError(`--periods ${periods} is more than the file's ${survivors.length - 1}`);
    const fit = orFail(fitSbg(survivors.slice(0, periods + 1)), `cannot fit sBG to ${name}`);
    const horizon = args.horizon ?? survivors.length - 1;
    const survival = sbgSurvival(fit.params, horizon);
    return {
      cohort: name,
      params: fit.params,
      ...fitJson(fit),
      calibrationPeriods: periods,
      discountRate: discount,
      discountedExpectedLifetime: sbgDiscountedExpectedLifetime(fit.params, discount),
      projection: Array.from(survival, (s, t) => ({
        period: t,
        expected: survivors[0] * s,
        ...(t < survivors.length ? { actual: survivors[t] } : {}),
        retention: t > 0 ? sbgRetention(fit.params, t) : null,
        discountedExpectedResidualLifetime: sbgDiscountedExpectedResidualLifetime(fit.params, discount, t),
      })),
    };
  });
  return { cohorts, ...(cohorts.length === 1 ? { params: cohorts[0].params, logLikelihood: cohorts[0].logLikelihood } : {}) };
}

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const paramsText = (params: object) =>
  Object.entries(params)
    .map(([k, v]) => `${k} ${fixed(v as number, 4)}`)
    .join(', ');
const fitText = (d: Record<string, unknown>) =>
  `log-likelihood ${fixed(d.logLikelihood as number, 2)}, ${d.converged ? 'converged' : 'NOT converged'} after ${d.iterations} iterations${d.note ? `\n${d.note}` : ''}`;

/** How many customers the table output lists (JSON has all). */
const TABLE_CUSTOMERS = 20;

function renderText(doc: Record<string, unknown>): string {
  const out: string[] = [`${doc.model} on ${doc.source}`];
  if (doc.model === 'sbg') {
    for (const c of doc.cohorts as Record<string, unknown>[]) {
      out.push('', `${c.cohort}: ${paramsText(c.params as object)}`, `  ${fitText(c)}`);
      out.push(`  discounted expected lifetime at ${c.discountRate}: ${fixed(c.discountedExpectedLifetime as number, 3)} payments`);
      const rows = (c.projection as Record<string, number | null>[]).map((p) => [
        String(p.period),
        p.actual === undefined ? '' : String(p.actual),
        fixed(p.expected as number, 1),
        p.retention === null ? '' : fixed(p.retention as number, 3),
      ]);
      out.push(renderTable([{ header: 'period', align: 'right' }, { header: 'actual', align: 'right' }, { header: 'expected', align: 'right' }, { header: 'retention', align: 'right' }], rows));
    }
    return `${out.join('\n')}\n`;
  }
  out.push(`${paramsText(doc.params as object)}`, fitText(doc));
  const spendModel = doc.spendModel as Record<string, unknown> | undefined;
  if (spendModel) {
    out.push(spendModel.available === false ? `spend: not modelled (${spendModel.message})` : `spend (Gamma-Gamma): ${paramsText(spendModel.params as object)}`);
  }
  const holdout = doc.holdout as Record<string, number> | undefined;
  if (holdout) out.push(`holdout (${fixed(holdout.length, 2)} ${doc.unit}s): predicted ${fixed(holdout.predicted, 1)}, actual ${holdout.actual}`);
  const customers = doc.customers as Record<string, number | string>[];
  const key = customers[0] && 'clv' in customers[0] ? 'clv' : customers[0] && 'expectedPurchases' in customers[0] ? 'expectedPurchases' : 'expectedSpend';
  const top = [...customers].sort((a, b) => (b[key] as number) - (a[key] as number)).slice(0, TABLE_CUSTOMERS);
  const columns = ['x', 't_x', 'T', 'pAlive', 'expectedPurchases', 'expectedSpend', 'clv'].filter((c) => customers[0] && c in customers[0]);
  out.push('', `top ${top.length} of ${customers.length} customers by ${key}${doc.horizonMonths ? ` (${doc.horizonMonths} months)` : ''}; --format json lists all`);
  out.push(
    renderTable(
      [{ header: 'id' }, ...columns.map((c) => ({ header: c, align: 'right' as const }))],
      top.map((c) => [String(c.id), ...columns.map((k) => fixed(c[k] as number, k === 'x' ? 0 : k === 'pAlive' ? 3 : 2))]),
    ),
  );
  return `${out.join('\n')}\n`;
}

/** Runs `crm-lens clv`. */
export async function run(argv: string[]): Promise<void> {
  const args = parseCli(argv);
  const bytes = await readSource(args.file);
  let body: Record<string, unknown>;
  if (args.model === 'sbg') {
    body = sbgDocument(args, bytes);
  } else {
    const { dataset, kind } = await loadDataset(args, bytes);
    if (kind === 'summary' && (args.calibrationEnd !== undefined || args.holdoutEnd !== undefined)) {
      throw new CliError('--calibration-end and --holdout-end apply to transactions, not to summary rows');
    }
    const summary = orFail(
      customerSummary(dataset, { unit: args.unit, calibrationEnd: args.calibrationEnd, holdoutEnd: args.holdoutEnd }),
      `cannot summarise ${args.file}`,
    );
    body = {
      input: kind,
      unit: summary.unit,
      ...(summary.calibrationEnd === undefined ? {} : { calibrationEnd: isoDate(summary.calibrationEnd) }),
      ...purchaseDocument(args, dataset, summary),
    };
  }
  const doc = { model: args.model, source: args.file, ...body };
  const output = args.format === 'json' ? `${JSON.stringify(doc)}\n` : renderText(doc);
  if (args.out) {
    try {
      await writeFile(args.out, output);
    } catch (error) {
      throw new CliError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else process.stdout.write(output);
}
