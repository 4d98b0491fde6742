/**
 * Special functions for the customer-lifetime models: log-gamma, log-beta, log-space sums and the
 * Gauss hypergeometric function 2F1. Everything the likelihoods need is evaluated in log space so
 * that customers with hundreds of purchases neither overflow nor lose their digits.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln |Γ(x)| (Lanczos, g = 7; reflection below 0.5). Infinity at the poles 0, -1, -2, ... */
export function lnGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Infinity;
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LN_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x), the digamma function (the likelihood gradients need it). Recurrence up to
 * x >= 10, then the asymptotic series; reflection below 0.5. NaN at the poles 0, -1, -2, ...
 */
export function digamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0.5) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let shift = 0;
  for (; x < 10; x++) shift -= 1 / x;
  const f = 1 / (x * x);
  return shift + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - (f * 691) / 32760)))));
}

/** Sign of Γ(x): +1 for x > 0, alternating between the poles below 0 (0 at a pole). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(e^a + e^b) without overflow. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(e^a - e^b) for a >= b (-Infinity when equal). */
export function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  return a + Math.log(-Math.expm1(b - a));
}

/** 1 / (1 + e^u), exact in both tails (0 for huge u, never NaN). */
export function logistic(u: number): number {
  if (u > 0) {
    const e = Math.exp(-u);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(u));
}

const SERIES_EPSILON = 1e-16;
const MAX_SERIES_TERMS = 1_000_000;

/** The defining power series of 2F1 (|z| < 1); NaN when it does not settle within the term budget. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || Math.abs(term) <= SERIES_EPSILON * Math.abs(sum)) return sum;
  }
  return NaN;
}

/** Largest partial sum {@link lnDampedHyp2f1} carries before folding it into its log offset. */
const RESCALE_AT = 1e280;

/**
 * ln((1-z)^a 2F1(a, b; c; z)) for a, b, c > 0 and 0 <= z < 1 (NaN where the sum is not positive), by the defining series with every term
 * positive and the damping folded into a log offset: nothing overflows or cancels, whatever the size of
 * b and c. Where b and c are huge (a BG/NBD whose beta dropout distribution has collapsed onto a point)
 * the terms fall like ((b/c) z)^n, so the series settles quickly, while the Euler and 1-z transformations
 * multiply overflowing and underflowing powers. NaN when it does not settle within the term budget.
 */
export function lnDampedHyp2f1(a: number, b: number, c: number, z: number): number {
  let offset = a * Math.log1p(-z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= SERIES_EPSILON * Math.abs(sum)) return offset + Math.log(sum);
    if (sum > RESCALE_AT) {
      offset += Math.log(sum);
      term /= sum;
      sum = 1;
    }
  }
  return NaN;
}

/**
 * The series for 0 <= z < 1, through Euler's transformation (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) when
 * that has the smaller numerator parameters: for the BG/NBD conditional expectation it turns
 * thousands of terms into a handful.
 */
function hyp2f1Near0(a: number, b: number, c: number, z: number): number {
  if (Math.abs((c - a) * (c - b)) < Math.abs(a * b)) {
    return Math.pow(1 - z, c - a - b) * hyp2f1Series(c - a, c - b, c, z);
  }
  return hyp2f1Series(a, b, c, z);
}

/** Γ-ratio Π Γ(num) / Π Γ(den) with signs; 0 when a denominator sits on a pole. */
function gammaRatio(num: readonly number[], den: readonly number[]): number {
  let log = 0;
  let sign = 1;
  for (const v of den) {
    const s = gammaSign(v);
    if (s === 0) return 0;
    sign *= s;
    log -= lnGamma(v);
  }
  for (const v of num) {
    sign *= gammaSign(v);
    log += lnGamma(v);
  }
  return sign * Math.exp(log);
}

/** Distance below which c - a - b counts as an integer (the 1-z formula's Γ poles). */
const INTEGER_GAP = 1e-4;
/**
 * Above this z the series is slow; {@link hyp2f1} turns to the 1-z transformation, whose Γ ratios
 * lose every digit when b and c are large (b ~ 1e4 and up): callers with such parameters sum
 * {@link lnDampedHyp2f1} there instead.
 */
export const NEAR_ONE = 0.9;

/**
 * Parameter size beyond which the 1-z transformation is not trusted: its Γ ratios and their two
 * nearly cancelling terms gave finite garbage (2e23 for 2F1(500.5, 1.01; 501.5; 0.91), -1e69 with
 * b ~ 1e4 at z = 0.99), so the series, slow but exact for z < 1, is summed first.
 */
const LARGE_PARAMETER = 100;

/** Largest cancellation the 1-z transformation may suffer: its two terms at most this times the sum. */
const MAX_CANCELLATION = 1e6;

/**
 * The 1-z linear transformation (Abramowitz & Stegun 15.3.6), for 0.9 < z < 1 and c-a-b not an
 * integer. NaN when its two terms cancel to fewer than ~10 significant digits (large c-a-b makes the
 * first series pass near a pole of its c parameter), so the caller can sum the series instead.
 */
function hyp2f1Reflect(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const d = c - a - b;
  const first = gammaRatio([c, d], [c - a, c - b]);
  const second = gammaRatio([c, -d], [a, b]);
  const left = first === 0 ? 0 : first * hyp2f1Near0(a, b, 1 - d, w);
  const right = second === 0 ? 0 : second * Math.pow(w, d) * hyp2f1Near0(c - a, c - b, d + 1, w);
  const sum = left + right;
  return Math.max(Math.abs(left), Math.abs(right)) > MAX_CANCELLATION * Math.abs(sum) ? NaN : sum;
}

/** Step of the c-perturbation used where c - a - b is an integer. */
const C_STEP = 5e-4;

/**
 * The 1-z transformation where c - a - b is (nearly) an integer and its Γ terms have poles. The
 * function is analytic in c, so the mean of the transformation at c ± h is F + O(h²); Richardson's
 * extrapolation over h and h/2 removes that term (relative error ~1e-10 up to z = 1 - 1e-12).
 */
function hyp2f1ReflectNearInteger(a: number, b: number, c: number, z: number): number {
  const mean = (h: number): number => 0.5 * (hyp2f1Reflect(a, b, c + h, z) + hyp2f1Reflect(a, b, c - h, z));
  return (4 * mean(C_STEP / 2) - mean(C_STEP)) / 3;
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real z <= 1.
 *
 * Branches: z < 0 by Pfaff's transformation onto (0, 1); 0 <= z <= 0.9 by the power series (Euler's
 * form when it converges faster); 0.9 < z < 1 by the 1-z transformation (A&S 15.3.6), through a
 * c-perturbation with Richardson extrapolation where c - a - b is an integer, and by the series again
 * where that transformation cancels; z = 1 by Gauss's theorem.
 * A non-positive integer a or b gives the terminating polynomial. NaN outside the domain (z > 1,
 * c a non-positive integer, divergent at z = 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0 || a === 0 || b === 0) return 1;
  if (!(z <= 1) || (c <= 0 && Number.isInteger(c))) return NaN;
  // A non-positive integer a or b makes the series a polynomial: exact everywhere.
  if ((a < 0 && Number.isInteger(a)) || (b < 0 && Number.isInteger(b))) return hyp2f1Series(a, b, c, z);
  if (z < 0) {
    const w = z / (z - 1);
    return Math.abs(a) <= Math.abs(b)
      ? Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w)
      : Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, w);
  }
  const d = c - a - b;
  if (z === 1) return d > 0 ? gammaRatio([c, d], [c - a, c - b]) : NaN;
  if (z <= NEAR_ONE) return hyp2f1Near0(a, b, c, z);
  if (Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) > LARGE_PARAMETER) {
    const series = hyp2f1Near0(a, b, c, z);
    if (Number.isFinite(series)) return series;
  }
  const reflected = Math.abs(d - Math.round(d)) > INTEGER_GAP ? hyp2f1Reflect(a, b, c, z) : hyp2f1ReflectNearInteger(a, b, c, z);
  // Where the transformation cancels, the series still converges for z < 1 (slowly, but exactly);
  // with a, b, c > 0 every term is positive, so a value below 1 is lost digits, not the function.
  const implausible = Number.isNaN(reflected) || (a > 0 && b > 0 && c > 0 && !(reflected >= 1));
  return implausible ? hyp2f1Near0(a, b, c, z) : reflected;
}
