/**
 * Seeded random numbers for simulations (parameter-recovery checks, synthetic feeds): the same seed
 * gives the same sequence in Node, a Worker and the browser. Never Math.random.
 */

/** A generator of uniform floats in [0, 1). */
export type Random = () => number;

/** A mulberry32 generator from a 32-bit integer seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform in (0, 1): never 0, so its logarithm is finite. */
function openUniform(random: Random): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

/** Standard normal by Box-Muller (one of the pair; simplicity over speed). */
export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(openUniform(random))) * Math.cos(2 * Math.PI * random());
}

/** Exponential with the given rate. */
export function exponential(random: Random, rate: number): number {
  return -Math.log(openUniform(random)) / rate;
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export function gamma(random: Random, shape: number, rate = 1): number {
  if (shape < 1) return gamma(random, shape + 1, rate) * Math.pow(openUniform(random), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(random);
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function beta(random: Random, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}
