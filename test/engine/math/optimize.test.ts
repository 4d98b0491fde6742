import { describe, expect, it } from 'vitest';
import { bfgs, hessianFromGradient, invertMatrix, minimize, nelderMead, numericalHessian } from '../../../src/engine/math/optimize.js';

const rosenbrock = (v: Float64Array) => 100 * (v[1] - v[0] * v[0]) ** 2 + (1 - v[0]) ** 2;
const quadratic = (v: Float64Array) => (v[0] - 3) ** 2 + 10 * (v[1] + 1) ** 2 + (v[0] - 3) * (v[1] + 1);

describe('optimisers', () => {
  it('BFGS finds the Rosenbrock minimum (1, 1) and says it converged', () => {
    const found = bfgs(rosenbrock, [-1.2, 1]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 4);
    expect(found.x[1]).toBeCloseTo(1, 4);
    expect(found.iterations).toBeGreaterThan(0);
  });

  it('Nelder-Mead finds the minimum of a tilted quadratic', () => {
    const found = nelderMead(quadratic, [0, 0]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(3, 4);
    expect(found.x[1]).toBeCloseTo(-1, 4);
  });

  it('treats values outside the domain as +Infinity and stays inside', () => {
    // -ln(x) + x has its minimum at x = 1; NaN below 0 must not derail the search.
    const found = minimize((v) => -Math.log(v[0]) + v[0], [5]);
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 5);
  });

  it('is deterministic', () => {
    expect(Array.from(bfgs(rosenbrock, [-1.2, 1]).x)).toEqual(Array.from(bfgs(rosenbrock, [-1.2, 1]).x));
  });

  it('numerical Hessian and its inverse match the analytic ones of a quadratic', () => {
    // Hessian of the quadratic: [[2, 1], [1, 20]]; inverse = [[20, -1], [-1, 2]] / 39.
    const hessian = numericalHessian(quadratic, Float64Array.of(3, -1));
    expect(Array.from(hessian).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([2, 1, 1, 20]);
    const inverse = invertMatrix(hessian, 2)!;
    expect(inverse[0]).toBeCloseTo(20 / 39, 5);
    expect(inverse[1]).toBeCloseTo(-1 / 39, 5);
    expect(invertMatrix(Float64Array.of(1, 2, 2, 4), 2)).toBeNull();
  });

  it('BFGS with an analytic gradient finds the Rosenbrock minimum with far fewer evaluations', () => {
    const withGradient = (v: Float64Array, out: Float64Array) => {
      out[0] = -400 * v[0] * (v[1] - v[0] * v[0]) - 2 * (1 - v[0]);
      out[1] = 200 * (v[1] - v[0] * v[0]);
      return rosenbrock(v);
    };
    const analytic = bfgs(rosenbrock, [-1.2, 1], { gradient: withGradient });
    const numeric = bfgs(rosenbrock, [-1.2, 1]);
    expect(analytic.converged).toBe(true);
    expect(analytic.x[0]).toBeCloseTo(1, 6);
    expect(analytic.x[1]).toBeCloseTo(1, 6);
    expect(analytic.evaluations).toBeLessThan(numeric.evaluations / 2);
  });

  it('Hessian from differences of the gradient matches the analytic one of a quadratic', () => {
    const gradient = (v: Float64Array, out: Float64Array) => {
      out[0] = 2 * (v[0] - 3) + (v[1] + 1);
      out[1] = 20 * (v[1] + 1) + (v[0] - 3);
      return quadratic(v);
    };
    const hessian = hessianFromGradient(gradient, Float64Array.of(0.5, 2));
    expect(Array.from(hessian).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, 1, 1, 20]);
  });
});

describe('optimisers on a minimum at infinity', () => {
  // e^-x0 + (x1 - 1)^2: the infimum is approached as x0 -> infinity, ever flatter.
  const runaway = (v: Float64Array) => Math.exp(-v[0]) + (v[1] - 1) ** 2;

  it('BFGS stops as soon as an iterate leaves the bound and says it escaped', () => {
    const found = bfgs(runaway, [0, 0], { bound: 8 });
    expect(found.escaped).toBe(true);
    expect(found.converged).toBe(false);
    expect(Math.abs(found.x[0])).toBeGreaterThan(8);
  });

  it('Nelder-Mead stops at the bound instead of running to its iteration cap', () => {
    const found = nelderMead(runaway, [0, 0], { bound: 8 });
    expect(found.escaped).toBe(true);
    expect(found.iterations).toBeLessThan(5000);
  });

  it('Nelder-Mead gives up (not converged) once the best value stops improving', () => {
    // Flat beyond rounding: e^-40 is below every tolerance, so only the stall rule ends the crawl.
    const found = nelderMead(runaway, [40, 1], { stallIterations: 50 });
    expect(found.converged).toBe(false);
    expect(found.escaped).toBe(false);
    expect(found.iterations).toBeLessThan(5000);
  });

  it('minimize ends the search where a stage escapes', () => {
    const found = minimize(runaway, [0, 0], { bound: 8 });
    expect(found.escaped).toBe(true);
    expect(found.x[1]).toBeCloseTo(1, 2);
  });
});
