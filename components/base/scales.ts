/**
 * The two scales the views use, as plain functions: d3-scale's linear and quantize scales pull in
 * d3-interpolate, d3-color and d3-format (~9 kB gzip) for colour interpolation and tick formatting
 * the views never use. Same arithmetic as d3-scale, so the same numbers come out.
 */

/** Maps an ascending `[d0, d1]` linearly onto `[r0, r1]` (extrapolating outside), as d3's `scaleLinear`. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (x: number) => number {
  const span = d1 - d0;
  return (x) => {
    const t = span ? (x - d0) / span : 0.5;
    return r0 * (1 - t) + r1 * t;
  };
}

/**
 * Splits `[x0, x1]` into `steps.length` equal bands and maps a value to its band's step, as d3's
 * `scaleQuantize` (a value on a band edge goes to the upper band; outside the domain, the end
 * steps; NaN gives undefined).
 */
export function quantizeScale<T>([x0, x1]: readonly [number, number], steps: readonly T[]): (x: number) => T {
  const n = steps.length - 1;
  const edges = Array.from({ length: n }, (_, i) => ((i + 1) * x1 - (i - n) * x0) / (n + 1));
  return (x) => {
    let i = 0;
    while (i < n && edges[i]! <= x) i++;
    return (x <= x ? steps[i] : undefined) as T;
  };
}
