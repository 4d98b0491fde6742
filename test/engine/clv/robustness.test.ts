/**
 * Degenerate data the fits must report honestly: a BG/NBD likelihood that runs off to a, b -> infinity
 * (no dropout heterogeneity), a fit that diverges, and summary rows the models cannot describe.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/engine/math/random.js';
import { ingestText } from '../../../src/engine/ingest/index.js';
import { predictCustomerValue } from '../../../src/engine/analyses/clv/future-value.js';
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases, fitBgNbd } from '../../../src/engine/analyses/clv/bgnbd.js';
import { checkSummary } from '../../../src/engine/analyses/clv/fit.js';
import { paretoNbdModel } from '../../../src/engine/analyses/clv/pareto-nbd.js';
import { customerSummary } from '../../../src/engine/analyses/clv/summary.js';
import { referenceFile } from '../../support/data.js';
import { summaryOf } from './summary-rows.js';

const rfmOrders = referenceFile('rfm/rfm_data_orders.csv');

/** 120 customers whose orders cluster in one window: the BG/NBD fit finds no dropout heterogeneity. */
function homogeneousDropout() {
  const rand = mulberry32(17);
  const lines = ['customer_id,date,amount'];
  const start = Date.UTC(2023, 0, 1);
  for (let c = 1; c <= 120; c++) {
    const orders = 1 + Math.floor(rand() ** 2 * 12);
    const last = Math.floor(rand() * 730);
    for (let o = 0; o < orders; o++) {
      const day = Math.max(0, last - Math.floor(rand() * 300));
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      lines.push(`C${String(c).padStart(3, '0')},${date},${(10 + rand() * 190).toFixed(2)}`);
    }
  }
  return ingestText(lines.join('\n')).dataset;
}

describe('BG/NBD at the a, b -> infinity boundary', () => {
  // The limit of (1-z)^A 2F1(A, B; C; z) as B, C -> infinity with B/C = q: ((1-z)/(1-qz))^A.
  const r = 0.33;
  const alpha = 2.7;
  const a = 7e6;
  const b = 3e7;

  it('E[X(t)] matches the limiting model (fixed dropout probability p = a/(a+b))', () => {
    for (const t of [1, 10, 52, 500]) {
      const z = t / (alpha + t);
      const q = b / (a + b - 1);
      const expected = ((a + b - 1) / (a - 1)) * (1 - Math.pow((1 - z) / (1 - q * z), r));
      expect(bgnbdExpectedPurchases({ r, alpha, a, b }, t)).toBeCloseTo(expected, 5);
    }
  });

  it('E[Y(t) | x, t_x, T] matches the limiting model and stays finite for heavy buyers', () => {
    for (const [x, tx, T] of [[0, 0, 0], [1, 3, 10], [5, 40, 50], [50, 99, 100]]) {
      for (const t of [4.345, 52, 520]) {
        const z = t / (alpha + T + t);
        const q = (b + x) / (a + b + x - 1);
        const ifAlive = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((1 - z) / (1 - q * z), r + x));
        const pAlive = x > 0 ? 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x)) : 1;
        const value = bgnbdConditionalExpectedPurchases({ r, alpha, a, b }, t, x, tx, T);
        expect(Number.isFinite(value)).toBe(true);
        expect(Math.abs(value - ifAlive * pAlive)).toBeLessThan(1e-5 * Math.max(1, ifAlive * pAlive));
      }
    }
  });

  it('stays between 0 and the purchases of a customer who never drops out, for large b and z near 1', () => {
    // E[Y(t) | x, t_x, T] <= E[lambda | x, T] t = (r + x) t / (alpha + T): dropping out only removes
    // purchases. Past z = 0.9 with b ~ 1e4 the 1-z transformation gave values like -1.4e69 here.
    for (const p of [{ r: 0.1, alpha: 0.5, a: 0.3, b: 1e4 }, { r: 0.5, alpha: 4, a: 0.5, b: 1e6 }, { r, alpha, a, b }]) {
      for (const [x, T] of [[0, 0], [1, 1], [10, 1], [100, 50]]) {
        for (const t of [1, 52, 520]) {
          const value = bgnbdConditionalExpectedPurchases(p, t, x, T / 2, T);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual((((p.r + x) * t) / (p.alpha + T)) * (1 + 1e-9));
        }
      }
    }
  });

  it('predictCustomerValue returns finite values and the fit says it ran to the boundary', () => {
    const prediction = predictCustomerValue(homogeneousDropout(), {});
    if (!prediction.available) throw new Error(prediction.message);
    for (const column of [prediction.clv, prediction.expectedPurchases, prediction.expectedSpend, prediction.pAlive]) {
      for (const v of column) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
    }
    expect(prediction.fits.bgnbd.converged).toBe(false);
    expect(prediction.fits.bgnbd.note).toMatch(/a, b .*no dropout heterogeneity/);
  });

  it('the fit gives up on the flat ridge instead of crawling along it for thousands of iterations', () => {
    const summary = customerSummary(homogeneousDropout());
    if (!summary.available) throw new Error(summary.message);
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    // Before: 5061 iterations (Nelder-Mead ran to its 5000-iteration cap for a 6e-9 gain).
    expect(fit.iterations).toBeLessThan(2000);
  });
});

describe.skipIf(!rfmOrders)('BG/NBD on the R rfm orders (a fit that diverges)', () => {
  it('reports the divergence, stopping once a log-parameter passes the bound', () => {
    const dataset = ingestText(readFileSync(rfmOrders!, 'utf8'), { fileName: 'rfm_data_orders.csv' }).dataset;
    const summary = customerSummary(dataset);
    if (!summary.available) throw new Error(summary.message);
    const fit = fitBgNbd(summary);
    expect(fit.available).toBe(false);
    if (!fit.available) expect(fit.message).toMatch(/diverged \(r -> infinity\)/);
  });
});

describe('Pareto/NBD at extreme parameters', () => {
  it('keeps P(alive) in [0, 1] and expectations finite and non-negative for heavy buyers and lopsided rates', () => {
    // alpha = 1000 with x = 500 put 2F1(500.5, 1.01; 501.5; 0.91) through the 1-z transformation: NaN.
    for (const r of [0.01, 0.5, 20]) {
      for (const alpha of [0.01, 1, 1e3, 1e6]) {
        for (const s of [0.01, 0.6, 20, 1e4]) {
          for (const beta of [0.01, 1, 1e3, 1e6]) {
            const model = paretoNbdModel({ r, alpha, s, beta });
            for (const [x, tx, T] of [[0, 0, 50], [1, 0.1, 50], [50, 0.01, 100], [500, 50, 100]]) {
              const pAlive = model.pAlive(x, tx, T);
              expect(pAlive >= 0 && pAlive <= 1).toBe(true);
              const expected = model.conditionalExpectedPurchases(52, x, tx, T);
              expect(Number.isFinite(expected) && expected >= 0).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe('summary rows the models cannot describe', () => {
  it('rejects x > 0 with t_x = 0 (repeat purchases come after the first), naming the row', () => {
    const problem = checkSummary(summaryOf([1, 50, 0], [2, 0, 0], [10, 10, 10]), 1);
    expect(problem?.reason).toBe('invalid-data');
    expect(problem?.message).toMatch(/customer row 2: x = 50 .* t_x = 0/);
  });

  it('accepts x = 0 with t_x = 0 and x > 0 with t_x > 0', () => {
    expect(checkSummary(summaryOf([0, 3], [0, 0.5], [4, 4]), 1)).toBeNull();
  });
});
