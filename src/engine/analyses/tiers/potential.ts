/** Raw potential value per Dataset customer, from the source the options name. */
import type { Dataset } from '../../dataset/types.js';
import { checkRequirements, unavailable, type Unavailable } from '../availability.js';
import { predictCustomerValue } from '../clv/future-value.js';
import { normaliseScores, type Normalisation } from './normalise.js';
import type { PotentialSource } from './options.js';

/** One value per Dataset customer from a customers-table column (the customer's last row wins; NaN where absent). */
function byCustomer(dataset: Dataset, column: Float64Array): Float64Array {
  const customers = dataset.customers!;
  return scatter(customers.customer, column, new Float64Array(dataset.customerCount).fill(NaN));
}

/** Weighted mean of the attributes' 0-100 scores over the attributes each customer has. */
function weightedAttributes(dataset: Dataset, weights: Record<string, number>, known: Uint8Array, method: Normalisation): Float64Array | Unavailable {
  const names = Object.keys(weights).filter((name) => weights[name] > 0);
  const attributes = dataset.customers?.attributes ?? {};
  const missing = names.filter((name) => !Object.hasOwn(attributes, name));
  if (missing.length > 0) {
    return unavailable('missing-field', `needs customer attributes ${missing.join(', ')}`, [{ table: 'customers', fields: missing }]);
  }
  const n = dataset.customerCount;
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  for (const name of names) {
    const scores = normaliseScores(byCustomer(dataset, attributes[name]), known, method);
    const w = weights[name];
    for (let c = 0; c < n; c++) {
      if (Number.isNaN(scores[c])) continue;
      sum[c] += w * scores[c];
      weight[c] += w;
    }
  }
  for (let c = 0; c < n; c++) sum[c] = weight[c] > 0 ? sum[c] / weight[c] : NaN;
  return sum;
}

/** Model-predicted future value (discounted CLV over the horizon) per Dataset customer; NaN for customers the models do not cover. */
function modelValues(dataset: Dataset, source: Extract<PotentialSource, { source: 'model' }>, asOf: number): Float64Array | Unavailable {
  const { horizonMonths, discountRate, unit } = source;
  const prediction = predictCustomerValue(dataset, { asOf, horizonMonths, discountRate, unit });
  if (!prediction.available) return prediction;
  return scatter(prediction.customer, prediction.clv, new Float64Array(dataset.customerCount).fill(NaN));
}

/** `out[customer[i]] = values[i]` for every i; returns `out`. A kernel: typed arrays only. */
function scatter(customer: Int32Array, values: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < customer.length; i++) out[customer[i]] = values[i];
  return out;
}

/**
 * Raw potential value per Dataset customer (NaN = unknown), or why it cannot be had: a missing
 * customers table, field or attribute, a values array of the wrong length, or data the lifetime
 * models cannot fit.
 */
export function potentialValues(dataset: Dataset, source: PotentialSource, asOf: number, known: Uint8Array, method: Normalisation): Float64Array | Unavailable {
  switch (source.source) {
    case 'model':
      return modelValues(dataset, source, asOf);
    case 'values':
      if (source.values.length !== dataset.customerCount) {
        return unavailable(
          'invalid-data',
          `potential values cover ${source.values.length} customers, the data has ${dataset.customerCount}`,
        );
      }
      return source.values;
    case 'field':
      return checkRequirements(dataset, [{ table: 'customers', fields: ['customer_id', 'potential'] }]) ?? byCustomer(dataset, dataset.customers!.potential!);
    case 'attributes':
      return checkRequirements(dataset, [{ table: 'customers', fields: ['customer_id'] }]) ?? weightedAttributes(dataset, source.weights, known, method);
  }
}
