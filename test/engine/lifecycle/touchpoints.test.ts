import { describe, expect, it } from 'vitest';
import { dayFromCivil, isoDate } from '../../../src/engine/dataset/days.js';
import { ingestFeed } from '../../../src/engine/ingest/index.js';
import { journeyMap, touchpoints } from '../../../src/engine/analyses/lifecycle/index.js';
import { generateSampleCompany } from '../../../src/engine/sample/generate.js';

const jan = dayFromCivil(2024, 1, 1);
const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const at = (i: number) => `${isoDate(jan + 1 + (i % 28))}T10:00:00Z`;

describe('touchpoints and pain points', () => {
  // One new customer (first order 2024-01-01), every interaction in January.
  const { dataset } = ingestFeed({
    orders: [{ customer_id: 'P', date: '2024-01-01', amount: 100 }],
    events: [
      ...repeat(40, (i) => ({ customer_id: 'P', timestamp: at(i), type: 'ticket', channel: 'phone' })),
      ...repeat(20, (i) => ({ customer_id: 'P', timestamp: at(i), type: 'complaint', channel: 'phone' })),
      ...repeat(200, (i) => ({ customer_id: 'P', timestamp: at(i), type: 'ticket', channel: 'email' })),
      ...repeat(4, (i) => ({ customer_id: 'P', timestamp: at(i), type: 'complaint', channel: 'email' })),
      ...repeat(100, (i) => ({ customer_id: 'P', timestamp: at(i), type: 'login', channel: 'web app' })),
    ],
    feedback: [
      ...repeat(10, (i) => ({ customer_id: 'P', date: isoDate(jan + 2 + i), csat: 1, touchpoint: 'email' })),
      ...repeat(30, (i) => ({ customer_id: 'P', date: isoDate(jan + 2 + i), csat: 5, touchpoint: 'chat' })),
      { customer_id: 'P', date: '2024-01-20', nps: 10, touchpoint: 'email' },
      { customer_id: 'P', date: '2024-01-20', nps: 9, touchpoint: 'email' },
      { customer_id: 'P', date: '2024-01-20', nps: 0, touchpoint: 'email' },
    ],
  });
  const r = touchpoints(dataset);
  if (!r.available) throw new Error(r.message);
  const cell = (channel: string) => r.cells.find((c) => c.stage === 'new' && c.channel === channel)!;

  it('counts interactions, complaints and rates per stage x channel (usage events left out)', () => {
    expect(cell('phone')).toMatchObject({ interactions: 60, complaints: 20 });
    expect(cell('phone').complaintRate).toBeCloseTo(1 / 3, 12);
    expect(cell('email')).toMatchObject({ interactions: 204, complaints: 4 });
    expect(r.cells.some((c) => c.channel === 'web app')).toBe(false);
    expect(r.overall.complaintRate).toBeCloseTo(24 / 264, 12);
  });
  it('flags cells well above the overall rate: ratio >= 1.5 and binomial z >= 2', () => {
    // phone: 1/3 vs 0.0909 (3.7x), z = (20 - 60 x 0.0909) / sqrt(60 x 0.0909 x 0.9091) = 6.5.
    expect(cell('phone')).toMatchObject({ painPoint: true, painReasons: ['complaints'] });
    // email complaints 0.0196 are below overall; its answers: 10 CSAT 1 + 1 detractor of 13 -> 11/13
    // against overall 11/43: ratio 3.3, z = 5.1.
    expect(cell('email').painReasons).toEqual(['dissatisfaction']);
    expect(cell('email').dissatisfaction).toBeCloseTo(11 / 13, 12);
    expect(cell('chat')).toMatchObject({ csatAnswers: 30, csat: 100, painPoint: false });
  });
  it('sentiment by stage: NPS = % promoters - % detractors, CSAT = % of 4-5', () => {
    const s = r.sentiment.find((x) => x.stage === 'new')!;
    expect(s.nps).toBeCloseTo(100 / 3, 12);
    expect(s.csat).toBeCloseTo(75, 12);
    expect(s.npsMean).toBeCloseTo(19 / 3, 12);
  });
  it('a feedback table without an NPS column: CSAT counted, NPS null, nothing thrown', () => {
    const { dataset: csatOnly } = ingestFeed({
      orders: [{ customer_id: 'P', date: '2024-01-01', amount: 100 }],
      feedback: [
        ...repeat(3, (i) => ({ customer_id: 'P', date: isoDate(jan + 2 + i), csat: 5, touchpoint: 'chat' })),
        { customer_id: 'P', date: '2024-01-09', csat: 1, touchpoint: 'chat' },
      ],
    });
    expect(csatOnly.feedback!.nps).toBeUndefined();
    const t = touchpoints(csatOnly);
    if (!t.available) throw new Error(t.message);
    const s = t.sentiment.find((x) => x.stage === 'new')!;
    expect(s.csat).toBeCloseTo(75, 12);
    expect(s.nps).toBeNull();
    expect(journeyMap(csatOnly).available).toBe(true);
  });
  it('minimum sizes keep small cells from being flagged', () => {
    const strict = touchpoints(dataset, { minInteractions: 61, minAnswers: 14 });
    if (!strict.available) throw new Error(strict.message);
    expect(strict.cells.filter((c) => c.painPoint)).toEqual([]);
  });
});

describe('journey map on the sample company', () => {
  const { dataset } = ingestFeed(generateSampleCompany({ customers: 1200, months: 24, seed: 11 }) as never);
  const j = journeyMap(dataset);
  if (!j.available) throw new Error(j.message);

  it('finds the planted pain point: phone support for new customers', () => {
    if (!j.touchpoints.available) throw new Error(j.touchpoints.message);
    const phone = j.touchpoints.cells.find((c) => c.stage === 'new' && c.channel === 'phone')!;
    expect(phone.painPoint).toBe(true);
    expect(phone.complaintRate!).toBeGreaterThan(2 * j.touchpoints.overall.complaintRate!);
  });
  it('sentiment falls in the declining stage', () => {
    if (!j.touchpoints.available) throw new Error(j.touchpoints.message);
    const nps = (stage: string) => j.touchpoints.available && j.touchpoints.sentiment.find((s) => s.stage === stage)!.nps!;
    expect(nps('declining')).toBeLessThan(nps('growth') as number);
    expect(nps('declining')).toBeLessThan(nps('mature') as number);
  });
  it('funnel steps never grow', () => {
    if (!j.funnel.available) throw new Error(j.funnel.message);
    const counts = j.funnel.steps.map((s) => s.customers);
    expect(counts[0]).toBe(1200);
    for (let k = 1; k < counts.length; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1]);
    expect(counts.at(-1)).toBeGreaterThan(0);
  });
});
