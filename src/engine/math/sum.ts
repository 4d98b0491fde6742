/** Sums over typed arrays. */

/**
 * The sum of the first `length` values (all by default), in order. A kernel (typed array and
 * numbers only): see "Hot loops are kernels" in docs/architecture.md.
 */
export function sumOf(values: Int32Array | Float64Array, length = values.length): number {
  let total = 0;
  for (let i = 0; i < length; i++) total += values[i];
  return total;
}
