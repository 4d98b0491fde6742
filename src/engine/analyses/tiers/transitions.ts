/** Movement of customers between value tiers from one analysis date to the next. */
import type { Dataset } from '../../dataset/types.js';
import { available, unavailable, type Maybe } from '../availability.js';
import { NO_TIER, TIER_IDS } from './options.js';
import { valueTiers, type ValueTiersResult } from './value-tiers.js';
import type { ValueTierOptions } from './options.js';

/**
 * A 4 x 4 transition matrix between two tierings, with the customers that enter or leave the tiers.
 * Customers are conserved: for every tier t, `sum(matrix[t]) + exited[t]` is its size at `from`, and
 * `sum over s of matrix[s][t] + entered[t]` its size at `to`.
 */
export interface TierTransitions {
  readonly fromAsOfDate: string;
  readonly toAsOfDate: string;
  /** Tier ids labelling rows (from) and columns (to). */
  readonly tiers: typeof TIER_IDS;
  /** `matrix[from][to]`: customers in tier `from` at the first date and tier `to` at the second. */
  readonly matrix: readonly (readonly number[])[];
  /** Customers in each tier at the second date that were in no tier at the first (new, or newly scored). */
  readonly entered: readonly number[];
  /** Customers in each tier at the first date that are in no tier at the second. */
  readonly exited: readonly number[];
  /** Customers in the same tier at both dates. */
  readonly stayed: number;
  /** Customers in a tier at both dates. */
  readonly tieredAtBoth: number;
}

/**
 * Transitions between two value-tier results of the same Dataset (typically at two analysis dates).
 * Throws a RangeError when they describe different numbers of customers.
 */
export function tierTransitions(from: ValueTiersResult, to: ValueTiersResult): TierTransitions {
  const a = from.customers.tier;
  const b = to.customers.tier;
  if (a.length !== b.length) throw new RangeError('tier results of different datasets');
  const matrix = TIER_IDS.map(() => [0, 0, 0, 0]);
  const entered = [0, 0, 0, 0];
  const exited = [0, 0, 0, 0];
  for (let c = 0; c < a.length; c++) {
    if (a[c] === NO_TIER) {
      if (b[c] !== NO_TIER) entered[b[c]]++;
    } else if (b[c] === NO_TIER) exited[a[c]]++;
    else matrix[a[c]][b[c]]++;
  }
  const stayed = matrix.reduce((s, row, t) => s + row[t], 0);
  const tieredAtBoth = matrix.reduce((s, row) => s + row.reduce((x, y) => x + y, 0), 0);
  return { fromAsOfDate: from.asOfDate, toAsOfDate: to.asOfDate, tiers: TIER_IDS, matrix, entered, exited, stayed, tieredAtBoth };
}

/**
 * Runs {@link valueTiers} with `fromOptions` and `toOptions` (usually the same options at two
 * `asOf` dates, each with the potential values of its date) and returns the movement between them.
 * Unavailable when either tiering is; `invalid-data` when `from` is not before `to`.
 */
export function valueTierTransitions(dataset: Dataset, fromOptions: ValueTierOptions, toOptions: ValueTierOptions): Maybe<TierTransitions> {
  const from = valueTiers(dataset, fromOptions);
  if (!from.available) return from;
  const to = valueTiers(dataset, toOptions);
  if (!to.available) return to;
  if (from.asOf >= to.asOf) {
    return unavailable('invalid-data', `the first analysis date (${from.asOfDate}) must come before the second (${to.asOfDate})`);
  }
  return available(tierTransitions(from, to));
}
