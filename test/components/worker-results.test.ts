import { afterEach, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { cleanup, mount, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

// Results cross from the Worker as copies: the engine's per-Dataset cache reuses the arrays inside
// them (the churn heat map grouped by tier reads the value tiers the quadrant asked for), so moving
// them would leave the cache holding emptied buffers.
it('a value quadrant and a risk heat map grouped by tier both draw from one Worker feed', async () => {
  const url = await route('company.json', [{ body: JSON.stringify(generateSampleCompany({ customers: 120, seed: 17, months: 12 })) }]);
  // The same analysis date, so both views ask for the same value tiers; the quadrant's come first.
  const root = mount(`<crm-feed src="${url}"><crm-value-quadrant as-of="2024-12-15"></crm-value-quadrant></crm-feed>`);
  const feed = root.querySelector('crm-feed') as CrmFeed;
  const quadrant = root.querySelector('crm-value-quadrant')!;
  await waitFor(() => shadow(quadrant).querySelector('rect.quadrant'), 20000, 'quadrant');
  const heatmap = document.createElement('crm-churn-heatmap');
  heatmap.setAttribute('mode', 'risk');
  heatmap.setAttribute('group-by', 'tier');
  heatmap.setAttribute('as-of', '2024-12-15');
  feed.append(heatmap);
  await waitFor(() => shadow(heatmap).querySelector('rect.cell'), 20000, 'heat map cells');
  expect(feed.engine.mode).toBe('worker');
  expect(shadow(heatmap).querySelector('[part="error"]')).toBeNull();
  const counts = [...shadow(quadrant).querySelectorAll('rect.quadrant')].map((r) => Number((r as SVGRectElement).dataset.customers));
  expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
});
