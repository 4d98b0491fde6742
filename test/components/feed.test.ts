import { afterEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { rfm, type RfmResult } from '../../src/engine/analyses/rfm/index.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmRfmGrid } from '../../components/rfm-grid/rfm-grid.js';
import { cleanup, hits, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

function cellCounts(grid: CrmRfmGrid): Map<string, number> {
  const rects = [...shadow(grid).querySelectorAll<SVGRectElement>('rect.cell')];
  return new Map(rects.map((r) => [`${r.dataset.r}-${r.dataset.f}`, Number(r.dataset.customers)]));
}

function engineCounts(csv: string): Map<string, number> {
  const result = rfm(ingestText(csv).dataset, { rules: [] }) as RfmResult & { available: true };
  return new Map(result.grid.map((c) => [`${c.r}-${c.f}`, c.customers]));
}

describe('<crm-feed> loading from a real HTTP server', () => {
  it('loads a CSV feed and the grid shows the engine cell counts', async () => {
    const csv = ordersCsv(80, 1);
    const url = await route('orders.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]);
    const root = mount(`<crm-feed src="${url}"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    await waitFor(() => shadow(grid).querySelector('rect.cell'), 8000, 'grid cells');
    expect(cellCounts(grid)).toEqual(engineCounts(csv));
    const feed = root.querySelector('crm-feed') as CrmFeed;
    expect(feed.engine.mode).toBe('worker');
    expect(await hits(url)).toBe(1);
  });
});
