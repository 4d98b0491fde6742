/**
 * The risk signals on the sample company: customers who churn in the next 90 days must trip more
 * signals and score higher than those who stay. Measured on seeds 1-3 (1,500 customers, as-of 180 and
 * 270 days before the end) with the default BG/NBD P(alive): mean-score ratio 2.0-2.6, AUC 0.72-0.78
 * (without P(alive): 2.1-2.7 and 0.73-0.79; lowPAlive trips for 2 % of churners and 4-6 % of stayers
 * here, since BG/NBD models non-contractual buying and the sample is mostly subscriptions).
 * The margins below (ratio >= 1.5, AUC > 0.7, one signal more on average x 1.5) leave room for the
 * seed-to-seed spread while failing if the generator's causal decline or a signal breaks.
 */
import { describe, expect, it } from 'vitest';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { churnRisk, riskHeatmap, signalsOf } from '../../../src/engine/analyses/churn-risk/index.js';
import { customerDays, lastActivityDay, lastOnOrBefore } from '../../../src/engine/analyses/lifecycle/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';

describe('churn risk on the sample company', () => {
  const { dataset } = ingestFeed(generateSampleCompany({ customers: 1500, months: 24, start: '2023-01', seed: 2 }) as never);
  const end = lastActivityDay(dataset);
  const asOf = end - 180;
  const r = churnRisk(dataset, { asOf });
  if (!r.available) throw new Error(r.message);
  // Observed outcome from the full history: a scored customer churns in the next period when its
  // last order or event falls on or before asOf + 90.
  const activity = customerDays(dataset.customerIds.length, [dataset.orders!, dataset.events!].map((t) => ({ customer: t.customer, day: t.day })), end);
  const churners: number[] = [];
  const stayers: number[] = [];
  for (let i = 0; i < r.customers.length; i++) (lastOnOrBefore(activity, r.customers[i], end) <= asOf + 90 ? churners : stayers).push(i);
  const mean = (xs: number[], f: (i: number) => number) => xs.reduce((a, i) => a + f(i), 0) / xs.length;

  it('has enough of both to compare', () => {
    expect(churners.length).toBeGreaterThan(80);
    expect(stayers.length).toBeGreaterThan(400);
  });
  it('churners score at least 1.5x stayers and trip more signals', () => {
    const score = (i: number) => r.score[i];
    const signals = (i: number) => signalsOf(r.flags[i]).length;
    expect(mean(churners, score)).toBeGreaterThanOrEqual(1.5 * mean(stayers, score));
    expect(mean(churners, signals)).toBeGreaterThanOrEqual(1.5 * mean(stayers, signals));
  });
  it('the score ranks churners above stayers: AUC > 0.7', () => {
    let wins = 0;
    for (const a of churners) for (const b of stayers) wins += r.score[a] > r.score[b] ? 1 : r.score[a] === r.score[b] ? 0.5 : 0;
    expect(wins / (churners.length * stayers.length)).toBeGreaterThan(0.7);
  });
  it('the usage signals each fire more often among churners', () => {
    for (const signal of ['noLogin', 'lowCoreUsage'] as const) {
      const share = (xs: number[]) => mean(xs, (i) => (signalsOf(r.flags[i]).includes(signal) ? 1 : 0));
      expect(share(churners)).toBeGreaterThan(1.5 * share(stayers));
    }
  });
  it('builds a heat map by plan covering every scored customer', () => {
    const h = riskHeatmap(dataset, r, 'plan');
    if (!h.available) throw new Error(h.message);
    expect(h.customers.reduce((a, b) => a + b, 0)).toBe(r.customers.length);
    expect(h.columns).toContain('Enterprise annual');
  });
});
