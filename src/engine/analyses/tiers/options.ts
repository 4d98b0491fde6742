/** Value-tier options, their zod schema and the tier ids. */
import { z } from '../../zod.js';

/**
 * The four tiers, in code order (code = index): high current + high potential `strategic`, low
 * current + high potential `growth`, high current + low potential `profit`, low + low `basic`.
 * Localised names belong to widgets.
 */
export const TIER_IDS = ['strategic', 'growth', 'profit', 'basic'] as const;

/** A tier id. */
export type TierId = (typeof TIER_IDS)[number];

/** Tier code of a customer outside the tiers (not known by the analysis date, or no potential value). */
export const NO_TIER = -1;

const score = z.number().min(0).max(100);

/** Where the potential value of each customer comes from. */
export const PotentialSourceSchema = z.discriminatedUnion('source', [
  /**
   * The default: model-predicted future value, BG/NBD expected purchases x Gamma-Gamma spend,
   * discounted over the horizon (`predictCustomerValue` of the CLV analysis, calibrated on the orders
   * up to `asOf`). Options left out take the CLV analysis's defaults (12 months, 1 % a month, weeks).
   */
  z
    .object({
      source: z.literal('model'),
      horizonMonths: z.number().int().min(1).max(1200).optional(),
      discountRate: z.number().min(0).max(1).optional(),
      unit: z.enum(['day', 'week']).optional(),
    })
    .strict(),
  /** Per-customer values by Dataset customer index (NaN = unknown), e.g. model-predicted future value. */
  z.object({ source: z.literal('values'), values: z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array') }).strict(),
  /** The customers table's `potential` field. */
  z.object({ source: z.literal('field') }).strict(),
  /**
   * Weighted numeric attributes of the customers table (`customers.attributes`), by name. Each
   * attribute is normalised to 0-100 like the axes, then averaged with the weights over the
   * attributes the customer has (weights renormalised among them).
   */
  z
    .object({
      source: z.literal('attributes'),
      weights: z
        .record(z.string(), z.number().min(0))
        .refine((w) => Object.values(w).some((v) => v > 0), 'at least one attribute weight must be positive'),
    })
    .strict(),
]);

/** A potential-value source. */
export type PotentialSource = z.infer<typeof PotentialSourceSchema>;

/** Schema of {@link ValueTierOptions}. */
export const ValueTierOptionsSchema = z
  .object({
    /** Analysis day number; default the day after the last order. Orders after it are left out. */
    asOf: z.number().int().optional(),
    /**
     * Calendar months of the current-value window, which ends at `asOf` (inclusive) and starts the
     * day after the same date `windowMonths` earlier; null for all orders up to `asOf`.
     */
    windowMonths: z.number().int().min(1).nullable().default(12),
    /** Current value: sum of order `amount` (revenue) or of order `margin` in the window. */
    currentValue: z.enum(['revenue', 'margin']).default('revenue'),
    potential: PotentialSourceSchema.default({ source: 'model' }),
    /**
     * How raw values become 0-100 scores: `percentile` = 100 x average rank / n (pandas
     * `rank(pct=True)`; ties share a score, the largest value scores 100); `min-max` =
     * 100 (x - min) / (max - min), 50 for everyone when all values are equal.
     */
    normalisation: z.enum(['percentile', 'min-max']).default('percentile'),
    /** Composite weights; any non-negative pair with a positive sum, normalised to sum to 1. */
    weights: z
      .object({ current: z.number().min(0), potential: z.number().min(0) })
      .strict()
      .refine((w) => w.current + w.potential > 0, 'weights must not both be 0')
      .default({ current: 0.6, potential: 0.4 }),
    /** Quadrant thresholds in score units (0-100); each defaults to the median score of its axis. */
    thresholds: z.object({ current: score.optional(), potential: score.optional() }).strict().default({}),
  })
  .strict();

/** Value-tier options as given. */
export type ValueTierOptions = z.input<typeof ValueTierOptionsSchema>;
/** Value-tier options with defaults applied. */
export type ResolvedValueTierOptions = z.output<typeof ValueTierOptionsSchema>;
