/** Churn-risk signal names: schema-free, so the widgets can import them without the engine. */

/** Signals in display order. */
export const SIGNALS = ['noLogin', 'lowCoreUsage', 'renewalLate', 'purchasesDown', 'complaintsUp', 'npsFalling', 'lowPAlive'] as const;
/** A churn-risk signal. */
export type Signal = (typeof SIGNALS)[number];
