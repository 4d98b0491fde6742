/**
 * The interface both purchase-count models (BG/NBD, Pareto/NBD) offer to CLV, holdout checks and the
 * future-value helper, so those work with either, and the horizon arithmetic CLV and the models share.
 */

/** A fitted model of repeat purchasing, in the time unit of the summary it was fitted on. */
export interface RepeatModel {
  readonly name: 'bgnbd' | 'pareto-nbd';
  /** Probability that a customer with history (x, t_x, T) is still active at T. */
  pAlive(x: number, tx: number, T: number): number;
  /** E[X(t)]: expected repeat purchases in (0, t] of a customer acquired at 0. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] given the history. */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number;
  /**
   * E[Y(t) | alive at T, x, T], where the model factors as conditionalExpectedPurchases(t, x, t_x, T)
   * = this x pAlive(x, t_x, T) exactly (same floating-point result): customers sharing x and T then
   * share the costly part whatever their t_x.
   */
  expectedPurchasesIfAlive?(t: number, x: number, T: number): number;
  /**
   * The per-history loop of CLV in one call, for a model that has it as a kernel
   * (see "Hot loops are kernels" in docs/architecture.md): for each history h with its
   * first customer `first[h]` in (x, t_x, T), P(alive) into `pAlive[h]` and, with the expected
   * cumulative purchases at `times`, {@link discountedHorizon} into `purchases[h]` and `value[h]`.
   */
  horizonValues?(
    first: Int32Array,
    x: Float64Array,
    tx: Float64Array,
    T: Float64Array,
    times: Float64Array,
    discount: Float64Array,
    pAlive: Float64Array,
    purchases: Float64Array,
    value: Float64Array,
  ): void;
}

/**
 * From expected cumulative purchases `curve[i] x scale` at the horizon's month ends: the purchases
 * over the horizon into `purchases[h]` and the discounted sum of each month's increment (times
 * `discount[i]`) into `value[h]`.
 */
export function discountedHorizon(curve: Float64Array, scale: number, discount: Float64Array, h: number, purchases: Float64Array, value: Float64Array): void {
  let previous = 0;
  let sum = 0;
  for (let i = 0; i < discount.length; i++) {
    const current = curve[i] * scale;
    sum += (current - previous) * discount[i];
    previous = current;
  }
  purchases[h] = previous;
  value[h] = sum;
}
