import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestReport } from '../../src/engine/ingest/types.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { EngineRequest } from '../../src/feed/protocol.js';
import { cleanup, engineGridCounts, mount, ordersCsv, sameGridCounts, waitFor } from './helpers.js';

/** Every request the page posts to an engine Worker, recorded by wrapping `Worker.prototype.postMessage`. */
const posted: EngineRequest[] = [];
const originalPost = Worker.prototype.postMessage;

beforeEach(() => {
  posted.length = 0;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    posted.push(message as EngineRequest);
    return (originalPost as (...args: unknown[]) => void).call(this, message, ...rest);
  } as typeof Worker.prototype.postMessage;
});

afterEach(() => {
  Worker.prototype.postMessage = originalPost;
  cleanup();
});

/** Mounts a feed with an inline CSV and a grid; resolves once the grid shows the engine's counts. */
async function loaded(csv: string, attrs = ''): Promise<{ feed: CrmFeed; grid: Element }> {
  const root = mount(`<crm-feed ${attrs}><script type="text/csv">${csv}</script><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
  const feed = root.querySelector('crm-feed') as CrmFeed;
  const grid = root.querySelector('crm-rfm-grid')!;
  await waitFor(() => sameGridCounts(grid, engineGridCounts(csv)), 8000, 'first data');
  return { feed, grid };
}

// New orders in the weeks after the loaded ones: existing customers C001..C030 buy again, N001..N040
// are new, and one row has a date that is not one.
const newRows = [
  ...Array.from({ length: 30 }, (_, i) => `C${String(i + 1).padStart(3, '0')},2025-01-${String((i % 28) + 1).padStart(2, '0')},${(50 + i).toFixed(2)}`),
  ...Array.from({ length: 40 }, (_, i) => `N${String(i + 1).padStart(3, '0')},2025-02-${String((i % 28) + 1).padStart(2, '0')},${(20 + 3 * i).toFixed(2)}`),
  'C002,31/02/2025,12.00',
];

describe('<crm-feed> appendRows (incremental refresh)', () => {
  it('sends only the new rows to the Worker, and the grid equals the engine on all rows at once', async () => {
    const base = ordersCsv(80, 11);
    const { feed, grid } = await loaded(base);
    expect(feed.engine.mode).toBe('worker');
    const before = feed.state.summary!;
    const events: IngestReport[] = [];
    feed.addEventListener('crm-feed-append', (e) => events.push((e as CustomEvent<IngestReport>).detail));

    const appended = ['customer_id,date,amount', ...newRows].join('\n');
    const report = await feed.appendRows(appended);

    // the report counts only the appended rows, the bad date among them
    expect(report.rows).toBe(newRows.length);
    expect(report.accepted).toBe(newRows.length - 1);
    expect(report.rejected).toBe(1);
    expect(report.reasons['unparseable-date']).toBe(1);
    expect(report.examples[0]).toMatchObject({ row: newRows.length + 1, column: 'date', value: '31/02/2025' });
    expect(events).toEqual([report]);

    // the Worker got one ingest (the load) and one append holding exactly the appended text
    const loads = posted.filter((m) => m.op === 'ingest');
    const appends = posted.filter((m) => m.op === 'append');
    expect(loads).toHaveLength(1);
    expect(appends).toHaveLength(1);
    const sources = appends[0].op === 'append' ? appends[0].input.sources : [];
    expect(sources).toEqual([{ kind: 'text', text: appended }]);

    // a new Dataset version holding the loaded rows and the accepted new ones, 40 more customers
    const after = feed.state.summary!;
    expect(after.version).not.toBe(before.version);
    expect(after.tables.orders).toBe(before.tables.orders! + newRows.length - 1);
    expect(after.customerIds).toHaveLength(before.customerIds.length + 40);
    expect(after.customerIds.slice(0, before.customerIds.length)).toEqual(before.customerIds);

    const all = [base, ...newRows].join('\n');
    await waitFor(() => sameGridCounts(grid, engineGridCounts(all)), 8000, 'grid on the appended data');
    expect(feed.engine.computations('rfm')).toBe(2);
  });

  it('rejects rows with other fields and keeps showing the loaded data', async () => {
    const base = ordersCsv(60, 12);
    const { feed, grid } = await loaded(base);
    const version = feed.state.summary!.version;
    let events = 0;
    feed.addEventListener('crm-feed-append', () => events++);

    const withChannel = [{ customer_id: 'C001', date: '2025-01-05', amount: 40, channel: 'web' }];
    const error = await feed.appendRows(withChannel).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/orders rows have .*channel.* but the loaded ones have .*load the whole feed again/);
    expect(events).toBe(0);
    expect(feed.state.status).toBe('ready');
    expect(feed.state.summary!.version).toBe(version);
    expect(sameGridCounts(grid, engineGridCounts(base))).toBe(true);

    // the engine still holds the loaded Dataset: a good append afterwards extends it
    const report = await feed.appendRows([{ customer_id: 'N900', date: '2025-01-05', amount: 40 }]);
    expect(report).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    await waitFor(() => sameGridCounts(grid, engineGridCounts([base, 'N900,2025-01-05,40'].join('\n'))), 8000, 'grid after the good append');
  });

  it('appends records, { table: records } and bytes on the main-thread engine too', async () => {
    const base = ordersCsv(50, 13);
    const { feed, grid } = await loaded(base, 'no-worker');
    expect(feed.engine.mode).toBe('main');
    const rows = newRows.slice(0, -1).map((line) => line.split(','));
    const record = ([customer_id, date, amount]: string[]) => ({ customer_id, date, amount: Number(amount) });

    const first = await feed.appendRows(rows.slice(0, 20).map(record));
    const second = await feed.appendRows({ orders: rows.slice(20, 50).map(record) });
    const csv = ['customer_id,date,amount', ...rows.slice(50).map((r) => r.join(','))].join('\n');
    const bytes = new TextEncoder().encode(csv);
    const third = await feed.appendRows(bytes);

    expect([first.accepted, second.accepted, third.accepted]).toEqual([20, 30, rows.length - 50]);
    expect(bytes.byteLength).toBe(csv.length);
    expect(posted).toEqual([]);
    await waitFor(() => sameGridCounts(grid, engineGridCounts([base, ...newRows.slice(0, -1)].join('\n'))), 8000, 'grid after three appends');
  });

  it('rejects an append before any data is loaded', async () => {
    const root = mount(`<crm-feed></crm-feed>`);
    const feed = root.querySelector('crm-feed') as CrmFeed;
    await expect(feed.appendRows([{ customer_id: 'A', date: '2025-01-01', amount: 1 }])).rejects.toThrow(/no data loaded/);
  });
});
