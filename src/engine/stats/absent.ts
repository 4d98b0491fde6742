/**
 * Empty typed arrays that stand in for a column or row mask a table lacks, so kernels keep typed-array
 * parameters only (see "Hot loops are kernels" in docs/architecture.md): `length === 0` says "absent".
 * Shared by every caller and never written.
 */

/** No int column (codes, days, periods). */
export const NO_INTS = new Int32Array(0);
/** No number column (amounts, margins, scores). */
export const NO_FLOATS = new Float64Array(0);
/** No per-row 0/1 mask: for a mask parameter, every row counts. */
export const NO_FLAGS = new Uint8Array(0);
