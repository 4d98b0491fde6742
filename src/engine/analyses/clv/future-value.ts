/**
 * Model-predicted future value per customer — BG/NBD purchases times Gamma-Gamma spend — for other
 * analyses to call (the value quadrant's default potential value, churn risk from P(alive)).
 */
import { z } from '../../zod.js';
import type { Dataset } from '../../dataset/types.js';
import { derived } from '../../dataset/derived.js';
import { parseOptions } from '../../stats/parse-options.js';
import { available, type Maybe } from '../availability.js';
import { bgnbdModel, fitBgNbd, type BgNbdFit, type BgNbdParams } from './bgnbd.js';
import { expectedSpend, fitGammaGamma, type GammaGammaFit, type GammaGammaParams } from './gamma-gamma.js';
import { customerSummary, type TimeUnit } from './summary.js';
import { customerValues, ValueOptions } from './value.js';

/** Options of {@link predictCustomerValue}. */
export const CustomerValueOptions = ValueOptions.extend({
  /** Calibration end (inclusive day number): orders up to it are used; default the last order day. */
  asOf: z.number().int().optional(),
  /** Time unit the models work in (default week; summary-table feeds state theirs). */
  unit: z.enum(['day', 'week']).default('week'),
  /** Least number of repeat buyers for either fit (default 10). */
  minRepeatBuyers: z.number().int().min(1).optional(),
});
export type CustomerValueOptions = z.input<typeof CustomerValueOptions>;

/** Per-customer predictions (parallel arrays over the customers with a purchase by `asOf`). */
export interface CustomerValuePrediction {
  /** Customer index into `Dataset.customerIds`. */
  readonly customer: Int32Array;
  /** Expected purchases over the horizon. */
  readonly expectedPurchases: Float64Array;
  /** Gamma-Gamma expected spend per purchase. */
  readonly expectedSpend: Float64Array;
  /** Discounted value over the horizon. */
  readonly clv: Float64Array;
  readonly pAlive: Float64Array;
  readonly params: { readonly bgnbd: BgNbdParams; readonly gammaGamma: GammaGammaParams };
  readonly fits: { readonly bgnbd: BgNbdFit; readonly gammaGamma: GammaGammaFit };
  readonly unit: TimeUnit;
  readonly horizonMonths: number;
  readonly discountRate: number;
}

/**
 * Fits BG/NBD and Gamma-Gamma to the Dataset (its orders, or its summary table) and predicts every
 * customer's purchases, spend, P(alive) and discounted CLV over the horizon. Unavailable when the data
 * cannot support the models (no orders, too few repeat buyers, a fit that diverges). Computed once
 * per Dataset and options, so every view asking for it shares one prediction: treat it as read-only.
 */
export function predictCustomerValue(dataset: Dataset, options: CustomerValueOptions = {}): Maybe<CustomerValuePrediction> {
  const parsed = parseOptions('customer value', CustomerValueOptions, options);
  const key = `customer value ${parsed.asOf} ${parsed.unit} ${parsed.minRepeatBuyers} ${parsed.horizonMonths} ${parsed.discountRate} ${parsed.unitsPerMonth}`;
  return derived(dataset, key, () => predict(dataset, parsed));
}

function predict(dataset: Dataset, parsed: z.output<typeof CustomerValueOptions>): Maybe<CustomerValuePrediction> {
  const { asOf, unit, minRepeatBuyers, ...valueOptions } = parsed;
  const summary = customerSummary(dataset, { calibrationEnd: asOf, unit });
  if (!summary.available) return summary;
  const bgnbd = fitBgNbd(summary, { minRepeatBuyers });
  if (!bgnbd.available) return bgnbd;
  const gammaGamma = fitGammaGamma(summary, { minRepeatBuyers });
  if (!gammaGamma.available) return gammaGamma;
  const values = customerValues(bgnbdModel(bgnbd.params), summary, expectedSpend(gammaGamma.params, summary), valueOptions);
  return available({
    customer: summary.customer,
    expectedPurchases: values.expectedPurchases,
    expectedSpend: values.expectedSpend,
    clv: values.clv,
    pAlive: values.pAlive,
    params: { bgnbd: bgnbd.params, gammaGamma: gammaGamma.params },
    fits: { bgnbd, gammaGamma },
    unit: summary.unit,
    horizonMonths: values.horizonMonths,
    discountRate: values.discountRate,
  });
}
