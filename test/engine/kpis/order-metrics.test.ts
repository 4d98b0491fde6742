/** The per-customer walk of the KPI order metrics against the definitions applied by brute force. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { buildSpine } from '../../../src/engine/analyses/kpis/spine.js';
import { orderMetrics } from '../../../src/engine/analyses/kpis/order-metrics.js';

const START = dayFromCivil(2023, 1, 1);

describe('KPI order metrics', () => {
  it('count activity at each period start and end, retention and NRR revenue as the definitions say', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -20, max: 50 })), { minLength: 1, maxLength: 50 }),
        fc.constantFrom('month', 'quarter') as fc.Arbitrary<'month' | 'quarter'>,
        fc.integer({ min: 5, max: 120 }),
        (rows, unit, window) => {
          const { dataset } = ingestFeed({ orders: rows.map(([c, d, a]) => ({ customer_id: `C${c}`, date: isoDate(START + d), amount: a })) });
          const asOf = START + 380;
          const spine = buildSpine(dataset, unit, asOf);
          if (!spine) return;
          const m = orderMetrics(dataset, spine, window);
          const o = dataset.orders!;
          const P = spine.length;
          const periodOf = (d: number) => {
            for (let p = 0; p < P; p++) if (d >= spine.starts[p] && d <= spine.ends[p]) return p;
            return -1;
          };
          const expected = { activeAtStart: new Array(P).fill(0), activeAtEnd: new Array(P).fill(0), retained: new Array(P).fill(0), nrrCurrent: new Array(P).fill(0), nrrPrevious: new Array(P).fill(0), active: new Array(P).fill(0) };
          for (let c = 0; c < dataset.customerIds.length; c++) {
            const mine = Array.from({ length: o.length }, (_, i) => i).filter((i) => o.customer[i] === c && o.day[i] <= asOf && periodOf(o.day[i]) >= 0);
            const purchases = mine.filter((i) => o.amount[i] >= 0).map((i) => o.day[i]);
            const activeOn = (t: number) => purchases.some((d) => d <= t && d > t - window);
            const revenue = (p: number) => mine.filter((i) => periodOf(o.day[i]) === p).reduce((s, i) => s + o.amount[i], 0);
            for (let p = 0; p < P; p++) {
              if (purchases.some((d) => periodOf(d) === p)) expected.active[p]++;
              const atStart = activeOn(spine.starts[p] - 1);
              const atEnd = activeOn(spine.ends[p]);
              if (atEnd) expected.activeAtEnd[p]++;
              if (!atStart) continue;
              expected.activeAtStart[p]++;
              if (atEnd) expected.retained[p]++;
              expected.nrrCurrent[p] += revenue(p);
              if (p > 0) expected.nrrPrevious[p] += revenue(p - 1);
            }
          }
          for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
            Array.from(m[key]).forEach((v, p) => expect(v).toBeCloseTo(expected[key][p], 9));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
