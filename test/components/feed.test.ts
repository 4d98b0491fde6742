import { afterEach, describe, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmRfmGrid } from '../../components/rfm-grid/rfm-grid.js';
import { cleanup, engineGridCounts, gridCounts, gzipBase64, hits, mount, ordersCsv, route, sameGridCounts, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

/** Whether the grid shows the engine's counts for `csv`. */
const sameCounts = (grid: Element, csv: string) => sameGridCounts(grid, engineGridCounts(csv));

describe('<crm-feed> loading from a real HTTP server', () => {
  it('loads a CSV feed in a Worker and the grid shows the engine cell counts', async () => {
    const csv = ordersCsv(80, 1);
    const url = await route('orders.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]);
    const root = mount(`<crm-feed src="${url}"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    await waitFor(() => shadow(grid).querySelector('rect.cell'), 8000, 'grid cells');
    expect(gridCounts(grid)).toEqual(engineGridCounts(csv));
    const feed = root.querySelector('crm-feed') as CrmFeed;
    expect(feed.engine.mode).toBe('worker');
    expect(await hits(url)).toBe(1);
  });

  it('computes each analysis once for two widgets on one feed', async () => {
    const csv = ordersCsv(60, 2);
    const url = await route('orders.csv', [{ body: csv }]);
    const root = mount(`<crm-feed src="${url}"><crm-rfm-grid></crm-rfm-grid><crm-rfm-grid color-by="revenue"></crm-rfm-grid></crm-feed>`);
    const [a, b] = [...root.querySelectorAll('crm-rfm-grid')];
    await waitFor(() => shadow(a).querySelector('rect.cell') && shadow(b).querySelector('rect.cell'), 8000, 'both grids');
    const feed = root.querySelector('crm-feed') as CrmFeed;
    expect(feed.engine.mode).toBe('worker');
    expect(feed.engine.computations('rfm')).toBe(1);
    expect(gridCounts(a)).toEqual(gridCounts(b));
  });

  it('refreshes on its interval and the grid follows the new data', async () => {
    const first = ordersCsv(50, 3);
    const second = ordersCsv(90, 4);
    const url = await route('orders.csv', [{ body: first }, { body: second }]);
    const root = mount(`<crm-feed src="${url}" refresh="0.3"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    await waitFor(() => sameCounts(grid, first), 8000, 'first data');
    await waitFor(() => sameCounts(grid, second), 8000, 'refreshed data');
    expect(await hits(url)).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last good data when a refresh fails and marks it stale', async () => {
    const csv = ordersCsv(50, 5);
    const url = await route('orders.csv', [{ body: csv }, { status: 500, body: 'down' }]);
    const root = mount(`<crm-feed src="${url}" refresh="0.3" retries="0"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    const feed = root.querySelector('crm-feed') as CrmFeed;
    await waitFor(() => sameCounts(grid, csv), 8000, 'first data');
    const stale = await waitFor(() => shadow(grid).querySelector('.stale'), 8000, 'stale marker');
    expect(stale.textContent).toMatch(/latest refresh failed/);
    expect(stale.textContent).toMatch(/500/);
    expect(feed.state.stale).toBe(true);
    expect(feed.state.updatedAt).toBeLessThan(Date.now());
    expect(sameCounts(grid, csv)).toBe(true);
  });

  it('retries a failing first load with backoff and then shows the data', async () => {
    const csv = ordersCsv(40, 6);
    const url = await route('orders.csv', [{ status: 503 }, { status: 503 }, { body: csv }]);
    const root = mount(`<crm-feed src="${url}" retries="3" retry-delay="20"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    await waitFor(() => sameCounts(grid, csv), 8000, 'data after retries');
    expect(await hits(url)).toBe(3);
  });

  it('shows an error state for a 404, without retrying it', async () => {
    const url = await route('missing.csv', [{ status: 404, body: 'not here' }]);
    const root = mount(`<crm-feed src="${url}" retries="3" retry-delay="20"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    const alert = await waitFor(() => shadow(grid).querySelector('[role="alert"]'), 8000, 'error state');
    expect(alert.textContent).toMatch(/404/);
    expect(alert.textContent).not.toMatch(/at \w+ \(|\.ts:\d+/);
    expect(await hits(url)).toBe(1);
  });

  it('shows an error state for malformed JSON', async () => {
    const url = await route('feed.json', [{ body: '{"orders": [{"customer_id": "a",', headers: { 'content-type': 'application/json' } }]);
    const root = mount(`<crm-feed src="${url}" retries="0"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const alert = await waitFor(() => shadow(root.querySelector('crm-rfm-grid')!).querySelector('[role="alert"]'), 8000, 'error');
    expect(alert.textContent).toMatch(/could not be read as JSON/);
  });

  it('lists the ingest reasons when no row is usable', async () => {
    const url = await route('bad.csv', [{ body: 'customer_id,date,amount\na,not a date,1\nb,2024-01-02,abc\n,2024-01-03,5\n' }]);
    const root = mount(`<crm-feed src="${url}" retries="0"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const alert = await waitFor(() => shadow(root.querySelector('crm-rfm-grid')!).querySelector('[role="alert"]'), 8000, 'error');
    const text = alert.textContent!.replace(/\s+/g, ' ');
    expect(text).toMatch(/no usable rows/);
    expect(text).toMatch(/3 of 3 rows were skipped/);
    expect(text).toMatch(/date not understood: 1/);
    expect(text).toMatch(/missing customer id: 1/);
  });

  it('reads a gzipped feed and a JSON object with one array per table', async () => {
    const csv = ordersCsv(30, 8);
    const gz = await route('orders.csv.gz', [{ body: await gzipBase64(csv), base64: true }]);
    const records = csv.split('\n').slice(1).map((l) => {
      const [customer_id, date, amount] = l.split(',');
      return { customer_id, date, amount: Number(amount) };
    });
    const multi = await route('feed.json', [{ body: JSON.stringify({ orders: records, customers: [{ customer_id: 'C001', referred: 'yes' }] }) }]);
    const root = mount(`<crm-feed src="${gz}"><crm-rfm-grid></crm-rfm-grid></crm-feed><crm-feed src="${multi}"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const [a, b] = [...root.querySelectorAll('crm-rfm-grid')];
    await waitFor(() => sameCounts(a, csv) && sameCounts(b, csv), 8000, 'both feeds');
    const feed = root.querySelectorAll('crm-feed')[1] as CrmFeed;
    expect(feed.state.summary?.tables).toEqual({ orders: records.length, customers: 1 });
  });

  it('reads inline tables, field mappings and a .data property', async () => {
    const csv = ordersCsv(30, 9);
    const renamed = csv.replace('customer_id,date,amount', 'Kunde,Tag,Betrag');
    const root = mount(`<crm-feed map='{"customer_id":"Kunde","date":"Tag","amount":"Betrag"}'>
        <script type="text/csv" data-table="orders">${renamed}</script><crm-rfm-grid></crm-rfm-grid>
      </crm-feed><crm-feed id="by-data"></crm-feed><crm-rfm-grid feed="by-data"></crm-rfm-grid><crm-rfm-grid id="direct"></crm-rfm-grid>`);
    const records = csv.split('\n').slice(1).map((l) => {
      const [customer_id, date, amount] = l.split(',');
      return { customer_id, date, amount };
    });
    (root.querySelector('#by-data') as CrmFeed).data = records;
    (root.querySelector('#direct') as CrmRfmGrid).data = records;
    const grids = [...root.querySelectorAll('crm-rfm-grid')];
    await waitFor(() => grids.every((g) => sameCounts(g, csv)), 8000, 'inline, named feed and direct data');
  });

  it('shows the missing-feed message when no feed is found', async () => {
    const root = mount(`<crm-rfm-grid></crm-rfm-grid>`);
    const grid = root.querySelector('crm-rfm-grid')!;
    await (grid as CrmRfmGrid).updateComplete;
    expect(shadow(grid).querySelector('.state')?.textContent).toMatch(/Not connected to a data feed/);
  });
});
