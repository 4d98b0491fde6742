/**
 * The maximum-likelihood fit both purchase-count models (BG/NBD, Pareto/NBD) share: check the summary,
 * rescale time so the largest T is 1, compress to distinct rows, warm up on a subsample when large,
 * fit the log-parameters, scale the time parameters back and report on the data's own time scale.
 */
import { available, type Maybe } from '../availability.js';
import { checkSummary, fitLogParameters, maxTime, standardErrors, type FitDiagnostics } from './fit.js';
import { subsampleRows, summaryRows, type WeightedRows } from './rows.js';
import type { CustomerSummary } from './summary.js';
import { sumOf } from '../../math/sum.js';

/** Options of the purchase-model fits. */
export interface PurchaseFitOptions {
  /** Least number of customers with x > 0 (default 10). */
  readonly minRepeatBuyers?: number;
}

/** How one purchase model is fitted. */
export interface PurchaseModelSpec<P> {
  /** Name for messages (`BG/NBD`). */
  readonly model: string;
  /** Parameter names in optimisation order. */
  readonly names: readonly (keyof P & string)[];
  /**
   * What a fit with these parameters at the boundary means (`a, b -> infinity: ...`), by parameter
   * names joined with ', '; otherwise the note says only which ran off.
   */
  readonly boundaryMeaning?: Readonly<Record<string, string>>;
  /** Parameters with the unit of time (the gamma scale parameters), scaled back after rescaling. */
  readonly timeScaled: readonly (keyof P & string)[];
  /** Summed log-likelihood over weighted rows. */
  readonly logLikelihood: (params: P, rows: WeightedRows) => number;
  /** The same log-likelihood, writing its partial derivatives by parameter (in `names` order) into `out`. */
  readonly gradient?: (params: P, rows: WeightedRows, out: Float64Array) => number;
}

/** Fits a purchase model to a summary; parameters and diagnostics, or why not. */
export function fitPurchaseModel<P>(
  spec: PurchaseModelSpec<P>,
  summary: CustomerSummary,
  options: PurchaseFitOptions,
): Maybe<FitDiagnostics & { readonly params: P }> {
  const problem = checkSummary(summary, options.minRepeatBuyers);
  if (problem) return problem;
  const scale = maxTime(summary.T);
  const rows = summaryRows(summary, scale);
  const fromTheta = (theta: Float64Array): P =>
    Object.fromEntries(spec.names.map((name, i) => [name, Math.exp(theta[i])])) as P;
  const subset = subsampleRows(summary, scale);
  const gradientOn = (on: WeightedRows) => {
    const { gradient } = spec;
    if (!gradient) return undefined;
    // d/dθ = p d/dp for p = exp(θ).
    return (theta: Float64Array, out: Float64Array) => {
      const value = gradient(fromTheta(theta), on, out);
      for (let i = 0; i < out.length; i++) out[i] *= Math.exp(theta[i]);
      return value;
    };
  };
  const warmUp = subset && {
    logLikelihood: (theta: Float64Array) => spec.logLikelihood(fromTheta(theta), subset),
    gradient: gradientOn(subset),
    observations: subset.customers,
  };
  const start = spec.names.map(() => 0);
  const fit = fitLogParameters(
    spec.model,
    spec.names,
    (theta) => spec.logLikelihood(fromTheta(theta), rows),
    start,
    summary.length,
    warmUp,
    gradientOn(rows),
  );
  if ('available' in fit) return fit;
  const params = fromTheta(fit.theta) as Record<string, number>;
  for (const name of spec.timeScaled) params[name] *= scale;
  return available({
    params: params as P,
    // Time divided by `scale` multiplies each customer's likelihood, a density over the times of its x
    // repeat purchases, by scale^x: the log-likelihood on the data's own time scale is the fitted one
    // minus Σ x ln(scale), without another pass over the rows.
    logLikelihood: fit.logLikelihood - sumOf(summary.x, summary.length) * Math.log(scale),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    converged: fit.converged,
    customers: summary.length,
    standardErrors: standardErrors(spec.names, spec.names.map((name) => params[name]), fit.logStandardErrors),
    note: boundaryNote(spec, fit.boundary),
  });
}

/** The {@link FitDiagnostics.note} of a fit that stopped at the boundary, or undefined. */
function boundaryNote<P>(spec: PurchaseModelSpec<P>, boundary: readonly string[]): string | undefined {
  if (boundary.length === 0) return undefined;
  const names = boundary.join(', ');
  const meaning = spec.boundaryMeaning?.[names] ?? 'the data do not identify them';
  return `the ${spec.model} fit did not converge: ${names} ran toward the boundary (${meaning}); predictions are those of the limiting model`;
}
