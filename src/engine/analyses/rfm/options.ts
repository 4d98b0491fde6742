/** RFM options, their zod schema and the named conventions of other tools. */
import { z } from '../../zod.js';
import { SegmentRuleSchema } from './rules.js';

const edges = z
  .array(z.number().finite())
  .min(1)
  .refine((e) => e.every((v, i) => i === 0 || v >= e[i - 1]), 'edges must be ascending');

/** Schema of {@link RfmOptions}. */
export const RfmOptionsSchema = z
  .object({
    /** Analysis day number; default the day after the last order. Orders after it are left out. */
    asOf: z.number().int().optional(),
    /** Bins per dimension, 2..9 (the RFM score keeps one digit per dimension). */
    bins: z.number().int().min(2).max(9).default(5),
    /**
     * `r-rfm`: edges at type-7 quantiles + 1, half-open [lower, upper) bins, lowest lower = min,
     * highest upper = max + 1 (R `rfm`). `qcut`: the same quantiles with right-closed (lower, upper] bins,
     * the lowest including the minimum, repeated edges dropped (pandas `qcut(duplicates='drop')`).
     */
    binning: z.enum(['r-rfm', 'qcut']).default('r-rfm'),
    /**
     * What frequency counts: `rows` order rows (R `rfm`, the default) or `orders` distinct order ids
     * (needs orders.order_id; for line-item feeds where one order spans many rows).
     */
    frequency: z.enum(['rows', 'orders']).default('rows'),
    /** `first`: bin frequency by its rank with ties broken by customer order (pandas `rank(method='first')`). */
    frequencyRank: z.enum(['none', 'first']).default('none'),
    /** Fixed inner bin edges per dimension (ascending) instead of quantiles; bins = edges + 1. */
    thresholds: z
      .object({ recency: edges.optional(), frequency: edges.optional(), monetary: edges.optional() })
      .strict()
      .optional(),
    /** Segment rules, first match wins (default the R vignette set). */
    rules: z.array(SegmentRuleSchema).optional(),
  })
  .strict();

/** RFM options as given (every field optional). */
export type RfmOptions = z.input<typeof RfmOptionsSchema>;
/** RFM options with defaults applied. */
export type ResolvedRfmOptions = z.output<typeof RfmOptionsSchema>;

/**
 * Option presets that reproduce other tools' RFM conventions. Spread one into the options:
 * `rfm(ds, { ...RFM_CONVENTIONS['pandas-qcut-rank-first'], asOf })`.
 */
export const RFM_CONVENTIONS = {
  /** R `rfm` v0.3.0 (the default). */
  'r-rfm': { binning: 'r-rfm', bins: 5, frequencyRank: 'none' },
  /** pandas `qcut` quintiles on the raw values. */
  'pandas-qcut': { binning: 'qcut', bins: 5, frequencyRank: 'none' },
  /** pandas `qcut` quintiles with frequency ranked "first", the common recipe for tie-heavy counts. */
  'pandas-qcut-rank-first': { binning: 'qcut', bins: 5, frequencyRank: 'first' },
  /** Quartiles with `qcut` (PyMC-Marketing's `rfm_segments`). */
  quartiles: { binning: 'qcut', bins: 4, frequencyRank: 'none' },
} as const satisfies Record<string, RfmOptions>;
