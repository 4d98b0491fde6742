/** Churn-risk signals, their thresholds and weights (METRICS.md section 6 defaults). */
import { z } from '../../zod.js';

import { SIGNALS, type Signal } from './signal-names.js';

export { SIGNALS, type Signal };

/**
 * Default weights of the risk score: the signals closest to the money (a late renewal, falling
 * purchases, fading core use, a model's P(alive)) weigh more than the noisier ones.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<Signal, number>> = {
  noLogin: 1,
  lowCoreUsage: 1.5,
  renewalLate: 2,
  purchasesDown: 1.5,
  complaintsUp: 1,
  npsFalling: 1,
  lowPAlive: 1.5,
};

const days = z.number().int().min(1);

/** Schema of {@link ChurnRiskOptions}. */
export const ChurnRiskOptionsSchema = z
  .object({
    /** Day number the signals are evaluated at; default the last order or event day. Later rows are ignored. */
    asOf: z.number().int().optional(),
    /** Customers scored: those with an order or event in the last N days (older ones are already lost). */
    activeWithinDays: days.default(90),
    /** noLogin trips when the last login is this many days ago or more (or there was none). */
    noLoginDays: days.default(7),
    loginType: z.string().default('login'),
    /**
     * lowCoreUsage trips when, in the last `usageWindowDays`, the share of active days (days with a
     * login or feature event) on which a core feature was used is under this (no active day = 0 %).
     */
    coreUsageBelow: z.number().min(0).max(1).default(0.3),
    usageWindowDays: days.default(30),
    /** Core features by name; default every feature whose name starts with `core`. */
    coreFeatures: z.array(z.string()).optional(),
    featureType: z.string().default('feature'),
    /** renewalLate trips when the renewal date is more than this many days past with no order since it. */
    renewalLateDays: z.number().int().min(0).default(30),
    /** purchasesDown compares the last window with the one before it. */
    purchaseWindowDays: days.default(90),
    /** purchasesDown trips when the measure fell by this share or more (0.5 = down by half). */
    purchaseDrop: z.number().gt(0).max(1).default(0.5),
    purchaseMeasure: z.enum(['revenue', 'orders']).default('revenue'),
    /** complaintsUp compares complaints in the last window with the one before it. */
    complaintWindowDays: days.default(90),
    /** complaintsUp trips when complaints rose by this share or more (any complaint after none counts). */
    complaintRise: z.number().min(0).default(0.3),
    complaintType: z.string().default('complaint'),
    /** npsFalling trips when the mean NPS answer of the latest survey day is this many points (0-10 scale) below the previous one. */
    npsDrop: z.number().gt(0).max(10).default(2),
    /** lowPAlive trips when the given P(alive) is below this. */
    pAliveBelow: z.number().min(0).max(1).default(0.5),
    /** Weights of the risk score, by signal. */
    weights: z
      .object(Object.fromEntries(SIGNALS.map((s) => [s, z.number().min(0).optional()])) as Record<Signal, z.ZodOptional<z.ZodNumber>>)
      .strict()
      .optional(),
  })
  .strict();

/** Churn-risk options (all optional). */
export type ChurnRiskOptions = z.input<typeof ChurnRiskOptionsSchema>;
/** Churn-risk options with defaults applied. */
export type ResolvedChurnRiskOptions = z.output<typeof ChurnRiskOptionsSchema>;
