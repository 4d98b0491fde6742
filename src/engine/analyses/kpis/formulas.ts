/** Scalar KPI formulas (METRICS.md sections 2 and 4), shared by the per-period KPIs and by widgets. */
import type { PeriodUnit } from '../../stats/periods.js';

/** Mean of `weight(answer)` over the answers that are not NaN; NaN when there are none. */
function meanWeight(answers: ArrayLike<number>, weight: (answer: number) => number): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (Number.isNaN(a)) continue;
    n++;
    sum += weight(a);
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * Net Promoter Score of 0..10 answers: % promoters (9-10) - % detractors (0-6), in [-100, 100].
 * NaN answers (not asked) are skipped; NaN when there is no answer.
 */
export function npsScore(answers: ArrayLike<number>): number {
  return 100 * meanWeight(answers, (a) => (a >= 9 ? 1 : a <= 6 ? -1 : 0));
}

/** CSAT of 1..5 answers: the share (0..1) answering 4 or 5. NaN answers skipped; NaN when none. */
export function csatScore(answers: ArrayLike<number>): number {
  return meanWeight(answers, (a) => (a >= 4 ? 1 : 0));
}

/**
 * When the simple CLV counts payments: `end` first payment included, paid at period end
 * (m / (1 + d - r), the seed document's form); `start` paid at period start (m (1 + d) / (1 + d - r));
 * `excluded` an acquired customer's future value without the first payment (m r / (1 + d - r)).
 */
export type ClvTiming = 'end' | 'start' | 'excluded';

/**
 * Simple CLV with margin `m` per period, RETENTION rate `retention` (not churn: see
 * {@link retentionFromChurn}) and discount rate `discount` per period. NaN when 1 + d - r <= 0.
 */
export function simpleClv(m: number, retention: number, discount: number, timing: ClvTiming = 'end'): number {
  const denominator = 1 + discount - retention;
  if (!(denominator > 0)) return NaN;
  const factor = timing === 'start' ? 1 + discount : timing === 'excluded' ? retention : 1;
  return (m * factor) / denominator;
}

/** Retention rate from a churn rate (both 0..1): feeding churn where retention belongs is a classic CLV error. */
export function retentionFromChurn(churn: number): number {
  if (!(churn >= 0 && churn <= 1)) throw new RangeError(`churn rate must be in [0, 1], got ${churn}`);
  return 1 - churn;
}

const PERIODS_PER_YEAR: Record<PeriodUnit, number> = { week: 52, month: 12, quarter: 4, year: 1 };

/** The per-period rate equivalent to an annual discount rate: (1 + annual)^(1 / periods per year) - 1. */
export function periodDiscountRate(annual: number, unit: PeriodUnit): number {
  return Math.pow(1 + annual, 1 / PERIODS_PER_YEAR[unit]) - 1;
}
