/** Lifecycle stage names: schema-free, so the widgets can import them without the engine. */

/** Lifecycle stages in display order. */
export const STAGES = ['new', 'growth', 'mature', 'declining', 'churned'] as const;
/** A lifecycle stage. */
export type Stage = (typeof STAGES)[number];
/** Stage codes used in typed arrays: index into {@link STAGES}; -1 = not a customer yet. */
export const NOT_A_CUSTOMER = -1;
/** The entry node of flows: customers acquired between two snapshots. */
export const ACQUIRED = 'acquired';
