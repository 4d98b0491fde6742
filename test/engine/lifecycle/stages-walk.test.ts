/**
 * The snapshot walk (forward cursors, customers churned for good counted once for every later
 * snapshot) against stageOn, which finds each customer's stage at a day on its own by binary search.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { lifecycleStages, stageContext, stageOn, STAGES, StageOptionsSchema, ACQUIRED, NOT_A_CUSTOMER } from '../../../src/engine/analyses/lifecycle/index.js';

const START = dayFromCivil(2023, 1, 1);

describe('lifecycle snapshots', () => {
  it('count every customer at every snapshot as stageOn places it, with flows from its previous stage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 500 })), { maxLength: 30 }),
        fc.constantFrom('week', 'month', 'quarter') as fc.Arbitrary<'week' | 'month' | 'quarter'>,
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 10, max: 120 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        (orderRows, eventRows, unit, churnDays, declineWindowDays, periods) => {
          const { dataset } = ingestFeed({
            orders: orderRows.map(([c, d]) => ({ customer_id: `C${c}`, date: isoDate(START + d), amount: 1 })),
            events: eventRows.map(([c, d]) => ({ customer_id: `C${c}`, timestamp: `${isoDate(START + d)}T12:00:00Z`, type: 'login' })),
          });
          const asOf = START + 520;
          const options = { asOf, churnDays, declineWindowDays };
          const r = lifecycleStages(dataset, { ...options, unit, periods, pAlive: 'none' });
          if (!r.available) throw new Error(r.message);
          const ctx = stageContext(dataset, StageOptionsSchema.parse(options))!;
          const n = dataset.customerIds.length;
          let previous: number[] = new Array(n).fill(NOT_A_CUSTOMER);
          r.snapshots.forEach((snapshot, t) => {
            const day = Math.min(dayFromCivil(+snapshot.date.slice(0, 4), +snapshot.date.slice(5, 7), +snapshot.date.slice(8, 10)), asOf);
            const stage = Array.from({ length: n }, (_, c) => stageOn(ctx, c, day));
            for (const [i, s] of STAGES.entries()) expect(snapshot.counts[s]).toBe(stage.filter((x) => x === i).length);
            if (t > 0) {
              const flows = new Map<string, number>();
              stage.forEach((s, c) => {
                if (s === NOT_A_CUSTOMER) return;
                const key = `${previous[c] === NOT_A_CUSTOMER ? ACQUIRED : STAGES[previous[c]]}>${STAGES[s]}`;
                flows.set(key, (flows.get(key) ?? 0) + 1);
              });
              const got = r.flows.filter((f) => f.period === snapshot.period).map((f) => [`${f.from}>${f.to}`, f.customers]);
              expect(new Map(got as [string, number][])).toEqual(flows);
            }
            previous = stage;
          });
          expect(Array.from(r.current)).toEqual(previous);
        },
      ),
      { numRuns: 150 },
    );
  });
});
