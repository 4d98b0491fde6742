/**
 * The interface both purchase-count models (BG/NBD, Pareto/NBD) offer to CLV, holdout checks and the
 * future-value helper, so those work with either.
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
}
