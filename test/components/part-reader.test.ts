import { afterEach, expect, it } from 'vitest';
import workerUrl from '../../src/feed/worker.ts?worker&url';
import { ingestBytes, PARALLEL_MIN_BYTES, type PartReader } from '../../src/engine/ingest/index.js';
import { startPartReader } from '../../src/feed/part-reader.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import { cleanup, mount, route, waitFor } from './helpers.js';

afterEach(cleanup);

/** A CSV past the size read on two threads: customer `i % 5000`, a bad date every 10,007th row. */
function largeCsv(): string {
  const rows = ['customer_id,date,amount,channel'];
  for (let i = 0; rows.length * 40 < PARALLEL_MIN_BYTES * 1.2; i++) {
    const date = i % 10_007 === 0 ? '2024-02-30' : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    rows.push(`CUSTOMER-${i % 5000},${date},${(i % 300) + 0.5},web`);
  }
  return `${rows.join('\n')}\n`;
}

it('the browser part reader (a copy of the engine Worker) reads the later rows: the same Dataset and report as one thread', async () => {
  const bytes = new TextEncoder().encode(largeCsv());
  const reader = startPartReader(new URL(workerUrl, location.href).href)!;
  expect(await reader.started).toBe(true);
  let reads = 0;
  const counted: PartReader = { ready: reader.ready, read: (request) => (reads++, reader.read(request)) };
  const alone = await ingestBytes(bytes);
  const two = await ingestBytes(bytes, { parallel: counted });
  expect(reads).toBe(1);
  expect({ ...two.dataset, version: 0 }).toEqual({ ...alone.dataset, version: 0 });
  expect(two.report).toEqual(alone.report);
  expect(two.report.rejected).toBeGreaterThan(0);
});

it('a feed loads a large CSV through its Worker with every row accounted for', async () => {
  const csv = largeCsv();
  const dataRows = csv.trimEnd().split('\n').length - 1;
  const badDates = Math.ceil(dataRows / 10_007);
  const url = await route('large.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]);
  const root = mount(`<crm-feed src="${url}"></crm-feed>`);
  const feed = root.querySelector('crm-feed') as CrmFeed;
  await waitFor(() => feed.report, 30000, 'the ingest report');
  expect(feed.engine.mode).toBe('worker');
  expect(feed.report!.rows).toBe(dataRows);
  expect(feed.report!.reasons).toEqual({ 'unparseable-date': badDates });
  expect(feed.report!.examples[1].row).toBe(10_007 + 2);
});
