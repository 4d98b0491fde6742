import { afterEach, expect, it } from 'vitest';
import workerUrl from '../../src/feed/worker.ts?worker&url';
import { ingestBytes, type PartReader } from '../../src/engine/ingest/index.js';
import { startPartReader } from '../../src/feed/part-reader.js';
import type { CrmFeed } from '../../components/feed/feed.js';
import { cleanup, mount, route, waitFor } from './helpers.js';
import { largeCsv, largeCsvReport } from '../support/large-csv.js';

afterEach(cleanup);

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
  const expected = largeCsvReport(csv);
  const url = await route('large.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]);
  const root = mount(`<crm-feed src="${url}"></crm-feed>`);
  const feed = root.querySelector('crm-feed') as CrmFeed;
  await waitFor(() => feed.report, 30000, 'the ingest report');
  expect(feed.engine.mode).toBe('worker');
  expect(feed.report!.rows).toBe(expected.rows);
  expect(feed.report!.reasons).toEqual(expected.reasons);
  expect(feed.report!.examples[1].row).toBe(expected.secondExampleRow);
});
