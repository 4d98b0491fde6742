/**
 * Unconstrained minimisers for the few-parameter likelihoods of the CLV models: BFGS with analytic or
 * central finite-difference gradients (fast near the optimum) and Nelder-Mead (derivative-free, robust
 * from a poor start). Both are deterministic: the same function and start give the same iterates.
 */

/** An objective over a parameter vector; non-finite values count as +Infinity (outside the domain). */
export type Objective = (x: Float64Array) => number;

/**
 * An objective with its analytic gradient: returns the value at x and writes the gradient into `out`.
 * One pass over the data for both costs about what the value alone costs, where a central-difference
 * gradient costs 2n values.
 */
export type ObjectiveWithGradient = (x: Float64Array, out: Float64Array) => number;

/** Where a minimiser stopped and why. */
export interface Minimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Objective evaluations, gradients included. */
  readonly evaluations: number;
  /** Whether the stopping rule was met (small gradient / collapsed simplex), not the iteration cap. */
  readonly converged: boolean;
  /** BFGS's final inverse-Hessian estimate (row-major), to warm-start a related minimisation. */
  readonly inverseHessian?: Float64Array;
  /** Whether the minimiser stopped because an iterate left the box |x_i| <= `bound`. */
  readonly escaped?: boolean;
}

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Stop when every gradient component is below this (default 1e-7). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  /** Finite-difference step (default 1e-5, suited to log-parameters). */
  readonly step?: number;
  /** Starting inverse-Hessian estimate (row-major n x n; default the identity). */
  readonly inverseHessian?: Float64Array;
  /** The objective with its analytic gradient (same values as the objective); replaces the finite differences. */
  readonly gradient?: ObjectiveWithGradient;
  /**
   * Stop as soon as an iterate has some |x_i| above this (`escaped`): the minimum lies at infinity,
   * and following the ever flatter descent there costs thousands of iterations for nothing.
   */
  readonly bound?: number;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : Infinity;
}

/** Central-difference gradient of f at x into `out`; returns the number of evaluations (2n). */
export function numericalGradient(f: Objective, x: Float64Array, out: Float64Array, step = 1e-5): number {
  const probe = x.slice();
  for (let i = 0; i < x.length; i++) {
    const h = step * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    out[i] = (up - down) / (2 * h);
  }
  return 2 * x.length;
}

/** Central-difference Hessian of f at x (row-major n x n). */
export function numericalHessian(f: Objective, x: Float64Array, step = 1e-4): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const probe = x.slice();
  const f0 = f(x);
  const h = Array.from(x, (v) => step * Math.max(1, Math.abs(v)));
  const at = (i: number, di: number, j: number, dj: number): number => {
    probe[i] += di;
    probe[j] += dj;
    const value = f(probe);
    probe[i] = x[i];
    probe[j] = x[j];
    return value;
  };
  for (let i = 0; i < n; i++) {
    hess[i * n + i] = (at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const value =
        (at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) + at(i, -h[i], j, -h[j])) /
        (4 * h[i] * h[j]);
      hess[i * n + j] = value;
      hess[j * n + i] = value;
    }
  }
  return hess;
}

/**
 * Hessian at x by forward differences of an analytic gradient (row-major n x n, symmetrised): n + 1
 * gradient evaluations instead of the 2n² values of {@link numericalHessian}.
 */
export function hessianFromGradient(gradient: ObjectiveWithGradient, x: Float64Array, step = 1e-6): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const probe = x.slice();
  const at = new Float64Array(n);
  const moved = new Float64Array(n);
  gradient(x, at);
  for (let i = 0; i < n; i++) {
    const h = step * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    gradient(probe, moved);
    probe[i] = x[i];
    for (let j = 0; j < n; j++) hess[i * n + j] = (moved[j] - at[j]) / h;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (hess[i * n + j] + hess[j * n + i]);
      hess[i * n + j] = mean;
      hess[j * n + i] = mean;
    }
  }
  return hess;
}

/** Inverse of a symmetric positive-definite matrix (Gauss-Jordan); null when singular. */
export function invertMatrix(matrix: Float64Array, n: number): Float64Array | null {
  const a = matrix.slice();
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    const p = a[pivot * n + col];
    if (!Number.isFinite(p) || Math.abs(p) < 1e-300) return null;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
        [inv[col * n + k], inv[pivot * n + k]] = [inv[pivot * n + k], inv[col * n + k]];
      }
    }
    for (let k = 0; k < n; k++) {
      a[col * n + k] /= p;
      inv[col * n + k] /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r * n + col];
      if (factor === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] -= factor * a[col * n + k];
        inv[r * n + k] -= factor * inv[col * n + k];
      }
    }
  }
  return inv;
}

/** Value and analytic gradient at x; a non-finite value or gradient counts as +Infinity. */
function valueAndGradient(gradient: ObjectiveWithGradient, x: Float64Array, out: Float64Array): number {
  const value = finite(gradient(x, out));
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) return Infinity;
  return value;
}

/**
 * BFGS quasi-Newton minimisation with analytic (when given) or numerical gradients and a backtracking
 * (Armijo) line search. The inverse-Hessian estimate starts as the identity and skips updates that
 * would lose positive definiteness.
 */
export function bfgs(objective: Objective, start: ArrayLike<number>, options: BfgsOptions = {}): Minimum {
  const f: Objective = (x) => finite(objective(x));
  const tolerance = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 500;
  const step = options.step ?? 1e-5;
  const analytic = options.gradient;
  const bound = options.bound ?? Infinity;
  const n = start.length;
  let x = Float64Array.from(start);
  let grad = new Float64Array(n);
  let nextGrad = new Float64Array(n);
  let value = analytic ? valueAndGradient(analytic, x, grad) : f(x);
  let evaluations = 1 + (analytic ? 0 : numericalGradient(f, x, grad, step));
  const h = new Float64Array(n * n);
  if (options.inverseHessian) h.set(options.inverseHessian);
  else for (let i = 0; i < n; i++) h[i * n + i] = 1;
  const direction = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  let escaped = false;
  while (iterations < maxIterations) {
    if (maxAbs(x) > bound) {
      escaped = true;
      break;
    }
    if (maxAbs(grad) < tolerance) {
      converged = true;
      break;
    }
    iterations++;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= h[i * n + j] * grad[j];
      direction[i] = d;
    }
    let slope = dot(direction, grad);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      h.fill(0);
      for (let i = 0; i < n; i++) {
        h[i * n + i] = 1;
        direction[i] = -grad[i];
      }
      slope = dot(direction, grad);
    }
    // With an analytic gradient every trial point gets its gradient too: the first is usually taken.
    let t = 1;
    let next = x;
    let nextValue = Infinity;
    for (let k = 0; k < 60; k++) {
      next = x.map((v, i) => v + t * direction[i]);
      nextValue = analytic ? valueAndGradient(analytic, next, nextGrad) : f(next);
      evaluations++;
      if (nextValue <= value + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(nextValue <= value + 1e-4 * t * slope)) break;
    if (!analytic) evaluations += numericalGradient(f, next, nextGrad, step);
    for (let i = 0; i < n; i++) {
      s[i] = next[i] - x[i];
      y[i] = nextGrad[i] - grad[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) updateInverseHessian(h, s, y, hy, sy);
    const decrease = value - nextValue;
    x = next;
    value = nextValue;
    [grad, nextGrad] = [nextGrad, grad];
    if (decrease === 0 && maxAbs(s) === 0) break;
  }
  return { x, value, iterations, evaluations, converged, inverseHessian: h, escaped };
}

/** H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs). */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, hy: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += h[i * n + j] * y[j];
    hy[i] = v;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return Number.isNaN(m) ? Infinity : m;
}

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Stop when the simplex's values and vertices differ by less than this (default 1e-10). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Size of the initial simplex along each axis (default 0.5). */
  readonly initialStep?: number;
  /** Stop as soon as the best vertex has some |x_i| above this (`escaped`), as in {@link BfgsOptions}. */
  readonly bound?: number;
  /**
   * Give up (not converged) when the best value improved by less than `tolerance` over this many
   * iterations (default 100 per dimension): along a ridge to infinity the simplex otherwise crawls on
   * for its whole iteration budget.
   */
  readonly stallIterations?: number;
}

/** Nelder-Mead simplex minimisation (standard coefficients 1, 2, 0.5, 0.5). */
export function nelderMead(objective: Objective, start: ArrayLike<number>, options: NelderMeadOptions = {}): Minimum {
  const f: Objective = (x) => finite(objective(x));
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 5000;
  const initialStep = options.initialStep ?? 0.5;
  const bound = options.bound ?? Infinity;
  const n = start.length;
  const stallIterations = options.stallIterations ?? 100 * n;
  const simplex: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const vertex = Float64Array.from(start);
    vertex[i] += initialStep;
    simplex.push(vertex);
  }
  const values = simplex.map(f);
  let evaluations = n + 1;
  let iterations = 0;
  let converged = false;
  let escaped = false;
  let checkpoint = Infinity;
  const centroid = new Float64Array(n);
  const along = (coefficient: number, worst: Float64Array): Float64Array =>
    centroid.map((c, i) => c + coefficient * (worst[i] - c));
  while (iterations < maxIterations) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const sorted = order.map((i) => simplex[i]);
    const sortedValues = order.map((i) => values[i]);
    for (let i = 0; i <= n; i++) {
      simplex[i] = sorted[i];
      values[i] = sortedValues[i];
    }
    if (simplexSpread(simplex, values) < tolerance) {
      converged = true;
      break;
    }
    if (maxAbs(simplex[0]) > bound) {
      escaped = true;
      break;
    }
    if (iterations % stallIterations === 0) {
      if (checkpoint - values[0] < tolerance) break;
      checkpoint = values[0];
    }
    iterations++;
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k] += simplex[i][k] / n;
    const worst = simplex[n];
    const reflected = along(-1, worst);
    const reflectedValue = f(reflected);
    evaluations++;
    if (reflectedValue < values[0]) {
      const expanded = along(-2, worst);
      const expandedValue = f(expanded);
      evaluations++;
      [simplex[n], values[n]] = expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
    } else if (reflectedValue < values[n - 1]) {
      simplex[n] = reflected;
      values[n] = reflectedValue;
    } else {
      const outside = reflectedValue < values[n];
      const contracted = along(outside ? -0.5 : 0.5, worst);
      const contractedValue = f(contracted);
      evaluations++;
      if (contractedValue < (outside ? reflectedValue : values[n])) {
        simplex[n] = contracted;
        values[n] = contractedValue;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, k) => simplex[0][k] + 0.5 * (v - simplex[0][k]));
          values[i] = f(simplex[i]);
        }
        evaluations += n;
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best], iterations, evaluations, converged, escaped };
}

function simplexSpread(simplex: readonly Float64Array[], values: readonly number[]): number {
  let spread = Math.abs(values[values.length - 1] - values[0]);
  for (let i = 1; i < simplex.length; i++) {
    for (let k = 0; k < simplex[0].length; k++) spread = Math.max(spread, Math.abs(simplex[i][k] - simplex[0][k]));
  }
  return spread;
}

/**
 * BFGS from `start`; when it stalls short of a small gradient, Nelder-Mead from where it stopped and
 * BFGS again from the simplex's best point. Iterations and evaluations add up over the stages; a stage
 * that escapes the `bound` ends the search there.
 */
export function minimize(objective: Objective, start: ArrayLike<number>, options: BfgsOptions = {}): Minimum {
  const first = bfgs(objective, start, options);
  if (first.converged || first.escaped) return first;
  const simplex = nelderMead(objective, first.x, { bound: options.bound });
  const total = (last: Minimum): Minimum => ({
    ...last,
    iterations: first.iterations + simplex.iterations + last.iterations,
    evaluations: first.evaluations + simplex.evaluations + last.evaluations,
  });
  if (simplex.escaped) return total({ ...simplex, iterations: 0, evaluations: 0 });
  return total(bfgs(objective, simplex.x, options));
}
