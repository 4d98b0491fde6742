import { afterEach, describe, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import type { CrmFeedErrorDetail } from '../../components/base/events.js';
import type { DatasetSummary } from '../../src/feed/types.js';
import { cleanup, mount, ordersCsv, route } from './helpers.js';

afterEach(cleanup);

function next<T>(el: Element, type: string): Promise<T> {
  return new Promise((resolve) => el.addEventListener(type, (e) => resolve((e as CustomEvent<T>).detail), { once: true }));
}

/** A feed element on `url`, not yet connected, so no event is missed. */
function feedOn(url: string): { feed: CrmFeed; attach: () => void } {
  const root = mount('');
  const feed = document.createElement('crm-feed') as CrmFeed;
  feed.setAttribute('src', url);
  return { feed, attach: () => root.append(feed) };
}

describe('<crm-feed> events and properties', () => {
  it('fires crm-feed-load with the ingest report, and exposes status, report and summary', async () => {
    const csv = ordersCsv(30, 4, ['C999,not-a-date,12.00']);
    const rows = csv.split('\n').length - 1;
    const { feed, attach } = feedOn(await route('orders.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]));
    const loaded = next<DatasetSummary>(feed, 'crm-feed-load');
    attach();
    const summary = await loaded;
    expect(summary.report.rows).toBe(rows);
    expect(summary.report.rejected).toBe(1);
    expect(summary.report.reasons['unparseable-date']).toBe(1);
    expect(feed.status).toBe('ready');
    expect(feed.report).toEqual(summary.report);
    expect(feed.summary?.tables.orders).toBe(rows - 1);
    expect(feed.summary?.customerIds).toHaveLength(30);
  });

  it('fires crm-feed-error for a 404, with status error and no data', async () => {
    const { feed, attach } = feedOn(await route('missing.csv', [{ status: 404, body: 'not here' }]));
    const failed = next<CrmFeedErrorDetail>(feed, 'crm-feed-error');
    attach();
    const detail = await failed;
    expect(detail.failure.kind).toBe('http');
    expect(detail.failure.status).toBe(404);
    expect(detail.stale).toBe(false);
    expect(feed.status).toBe('error');
    expect(feed.summary).toBeUndefined();
  });

  it('fires crm-feed-error with the report when no row is usable', async () => {
    const { feed, attach } = feedOn(await route('bad.csv', [{ body: 'customer_id,date,amount\nA,31/02/2024,1\nB,2024-01-01,abc\n', headers: { 'content-type': 'text/csv' } }]));
    const failed = next<CrmFeedErrorDetail>(feed, 'crm-feed-error');
    attach();
    const detail = await failed;
    expect(detail.report?.rows).toBe(2);
    expect(detail.report?.accepted).toBe(0);
    expect(feed.report?.reasons).toEqual({ 'unparseable-date': 1, 'non-numeric-amount': 1 });
  });
});
