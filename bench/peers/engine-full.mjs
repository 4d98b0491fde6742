/**
 * Our engine, everything a dashboard on an orders feed asks for, through the analysis registry (the
 * entry the feed's Worker uses): RFM, KPIs, cohorts, value tiers (BG/NBD and Gamma-Gamma fits for
 * the potential value), journey and churn-risk heat map. In Node, as a preview of the Worker target
 * (< 1 s on 1M orders). Its answer is not compared with other peers (they do not compute it); the
 * check is that every analysis ran, and the ones that are unavailable say why.
 */
import { ingestBytes } from '../../src/engine/ingest/index.ts';
import { startedPartReader } from './part-reader.mjs';
import { runAnalysis } from '../../src/engine/analyses/registry.ts';
import { AS_OF_ISO } from '../work.mjs';

/**
 * Analyses a dashboard on an orders feed shows, with their options (cohortCustomers is a drill-down,
 * not a view). An orders-only feed has no customer segments, so the churn heat map groups by value tier.
 */
const DASHBOARD = {
  rfm: {},
  kpis: {},
  cohorts: {},
  valueTiers: {},
  journey: {},
  churnHeatmap: { groupBy: 'tier' },
};

/** ms per analysis, one entry per compute call. */
const breakdown = Object.fromEntries(Object.keys(DASHBOARD).map((name) => [name, /** @type {number[]} */ ([])]));

/** @type {import('../../src/node/part-reader.ts').NodePartReader | undefined} */
let parallel;

/** @type {import('../child.mjs').Peer} */
export default {
  name: 'crm-lens engine, full dashboard (registry)',
  kind: 'full',

  async setup() {
    parallel = await startedPartReader();
  },

  async load(bytes) {
    return (await ingestBytes(bytes, { fileName: 'orders.csv', parallel })).dataset;
  },

  compute(dataset) {
    /** @type {Record<string, any>} */
    const out = {};
    for (const [name, options] of Object.entries(DASHBOARD)) {
      const t = performance.now();
      out[name] = runAnalysis(dataset, name, { ...options, asOf: AS_OF_ISO });
      breakdown[name].push(performance.now() - t);
    }
    return out;
  },

  result(out) {
    return {
      analyses: Object.fromEntries(
        Object.entries(out).map(([name, r]) => [name, r.available === false ? `unavailable: ${r.message}` : 'available']),
      ),
    };
  },

  breakdown() {
    return breakdown;
  },
};
