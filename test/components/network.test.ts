/**
 * Network faults against the real loopback HTTP server: errors, timeouts, dropped connections, slow
 * drips, wrong content types, truncated gzip and a feed that changes shape between refreshes. The
 * widget shows the right state, retries what is worth retrying (counted in server hits), keeps the
 * last good data marked stale, and recovers by itself when the server does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import { cleanup, gzipBase64, hits, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

/** Mounts a feed on `url` with attributes and one RFM grid; returns both. */
function feedWithGrid(url: string, attributes: string, lang = 'en'): { feed: CrmFeed; grid: Element } {
  const root = mount(`<crm-feed src="${url}" ${attributes}><crm-rfm-grid lang="${lang}"></crm-rfm-grid></crm-feed>`);
  return { feed: root.querySelector('crm-feed') as CrmFeed, grid: root.querySelector('crm-rfm-grid')! };
}

/** Polls the server until a route has at least `n` hits (or 8 s pass); returns the count. */
async function waitForHits(url: string, n: number): Promise<number> {
  const start = performance.now();
  let count = await hits(url);
  while (count < n && performance.now() - start < 8000) {
    await new Promise((r) => setTimeout(r, 20));
    count = await hits(url);
  }
  return count;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const alertOf = (grid: Element) => shadow(grid).querySelector('[role="alert"]');
const cellsOf = (grid: Element) => shadow(grid).querySelectorAll('rect.cell').length;
const customersShown = (grid: Element) =>
  [...shadow(grid).querySelectorAll<SVGRectElement>('rect.cell')].reduce((s, r) => s + Number(r.dataset.customers), 0);

describe('network faults', () => {
  it('retries a 500 with backoff exactly `retries` times, then shows the error, and keeps trying less often', async () => {
    const url = await route('down.csv', [{ status: 500, body: 'boom' }]);
    const { feed, grid } = feedWithGrid(url, 'retries="2" retry-delay="30"');
    const alert = await waitFor(() => alertOf(grid), 8000, 'error state');
    expect(text(alert)).toMatch(/HTTP 500/);
    expect(feed.state.status).toBe('error');
    expect(await hits(url)).toBe(3);
    // the next attempt comes after the next backoff step (30 ms x 2^3), and fails the same way
    expect(await waitForHits(url, 4)).toBe(4);
    expect(feed.state.status).toBe('error');
  });

  it('recovers by itself without a refresh interval when the server comes back; a 404 is not asked again', async () => {
    const csv = ordersCsv(30, 19);
    const url = await route('back.csv', [{ status: 503 }, { status: 503 }, { body: csv }]);
    const gone = await route('gone.csv', [{ status: 404 }]);
    const a = feedWithGrid(url, 'retries="0" retry-delay="40"');
    const b = feedWithGrid(gone, 'retries="2" retry-delay="20"');
    await waitFor(() => alertOf(a.grid), 8000, 'error first');
    await waitFor(() => cellsOf(a.grid) > 0, 8000, 'data once the server is back');
    expect(a.feed.state.stale).toBe(false);
    expect(await hits(url)).toBe(3);
    await waitFor(() => alertOf(b.grid), 8000, '404 error');
    await new Promise((r) => setTimeout(r, 400));
    expect(await hits(gone)).toBe(1);
  });

  it('recovers by itself when the server comes back (refresh interval), with no stale marker left', async () => {
    const csv = ordersCsv(30, 11);
    const url = await route('flaky.csv', [{ status: 503 }, { status: 503 }, { body: csv }]);
    const { feed, grid } = feedWithGrid(url, 'retries="0" refresh="0.25"');
    await waitFor(() => alertOf(grid), 8000, 'error state first');
    await waitFor(() => cellsOf(grid) > 0, 8000, 'data after the server recovers');
    expect(feed.state.status).toBe('ready');
    expect(feed.state.stale).toBe(false);
    expect(shadow(grid).querySelector('.stale')).toBeNull();
    expect(alertOf(grid)).toBeNull();
    expect(await hits(url)).toBeGreaterThanOrEqual(3);
  });

  it('times out a server that never answers, retries the timeout, and names it', async () => {
    const url = await route('hang.csv', [{ delayMs: 5000, body: ordersCsv(5, 1) }]);
    const { feed, grid } = feedWithGrid(url, 'timeout="0.3" retries="1" retry-delay="20"');
    const alert = await waitFor(() => alertOf(grid), 8000, 'timeout error');
    expect(feed.state.failure?.kind).toBe('timeout');
    expect(text(alert)).toMatch(/did not answer within 0\.3 seconds/);
    expect(await hits(url)).toBe(2);
  });

  it('times out a slow drip that outlasts the timeout, but reads one that does not', async () => {
    const csv = ordersCsv(40, 12);
    const slow = await route('drip-slow.csv', [{ body: csv, chunks: 40, dripMs: 50 }]);
    const ok = await route('drip-ok.csv', [{ body: csv, chunks: 5, dripMs: 40 }]);
    const a = feedWithGrid(slow, 'timeout="0.4" retries="0"');
    const b = feedWithGrid(ok, 'timeout="5" retries="0"');
    await waitFor(() => alertOf(a.grid), 8000, 'slow drip times out');
    expect(a.feed.state.failure?.kind).toBe('timeout');
    await waitFor(() => cellsOf(b.grid) > 0, 8000, 'dripped feed read');
    expect(await hits(ok)).toBe(1);
  });

  it('retries a connection dropped mid-body and then shows the data', async () => {
    const csv = ordersCsv(40, 13);
    const url = await route('drop.csv', [{ body: csv, dropAfterBytes: 200 }, { body: csv }]);
    const { feed, grid } = feedWithGrid(url, 'retries="2" retry-delay="20"');
    await waitFor(() => cellsOf(grid) > 0, 8000, 'data after the retry');
    expect(feed.state.status).toBe('ready');
    expect(await hits(url)).toBe(2);
    const never = await route('drop-always.csv', [{ body: csv, dropAfterBytes: 200 }]);
    const failing = feedWithGrid(never, 'retries="1" retry-delay="20"');
    const alert = await waitFor(() => alertOf(failing.grid), 8000, 'network error');
    expect(text(alert)).toMatch(/could not be reached/);
    expect(await hits(never)).toBe(2);
  });

  it('reads CSV served with a JSON content type, and names an HTML page for what it is', async () => {
    const csv = ordersCsv(20, 14);
    const mislabelled = await route('data', [{ body: csv, headers: { 'content-type': 'application/json' } }]);
    const login = await route('login', [{ body: '<!doctype html><html><body><form>Sign in</form></body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } }]);
    const a = feedWithGrid(mislabelled, 'retries="0"');
    const b = feedWithGrid(login, 'retries="0"');
    await waitFor(() => cellsOf(a.grid) > 0, 8000, 'mislabelled CSV read');
    const alert = await waitFor(() => alertOf(b.grid), 8000, 'html error');
    expect(text(alert)).toMatch(/answered with a web page instead of data/);
    expect(text(alert)).not.toMatch(/<form>|Sign in/);
    expect(await hits(login)).toBe(1);
  });

  it('shows a truncated gzip as unreadable, without retrying it', async () => {
    const gz = atob(await gzipBase64(ordersCsv(60, 15)));
    const truncated = btoa(gz.slice(0, Math.floor(gz.length / 2)));
    const url = await route('orders.csv.gz', [{ body: truncated, base64: true }]);
    const { feed, grid } = feedWithGrid(url, 'retries="3" retry-delay="20"');
    const alert = await waitFor(() => alertOf(grid), 8000, 'gzip error');
    expect(feed.state.failure?.kind).toBe('parse');
    expect(feed.state.failure?.detail).toMatch(/gzip/);
    expect(text(alert)).toMatch(/could not be read/);
    expect(await hits(url)).toBe(1);
  });

  it('keeps the last good data through a refresh that changes shape, says which column is missing, and recovers', async () => {
    const first = ordersCsv(30, 16);
    const second = ordersCsv(70, 17);
    const reshaped = JSON.stringify([{ Kunde: 'c1', Tag: '2024-01-05', Summe: 3 }]);
    const url = await route('shape', [{ body: first }, { body: reshaped, headers: { 'content-type': 'application/json' } }, { body: second }]);
    const { feed, grid } = feedWithGrid(url, 'retries="0" refresh="0.3"');
    await waitFor(() => cellsOf(grid) > 0, 8000, 'first data');
    const shownBefore = customersShown(grid);
    expect(shownBefore).toBe(30);
    const stale = await waitFor(() => shadow(grid).querySelector('.stale'), 8000, 'stale marker');
    expect(text(stale)).toMatch(/latest refresh failed/);
    expect(text(stale)).toMatch(/The orders table has no customer_id column.*Columns found: Kunde, Tag, Summe/);
    expect(feed.state.stale).toBe(true);
    expect(customersShown(grid)).toBe(shownBefore);
    await waitFor(() => customersShown(grid) === 70, 8000, 'recovered with the new data');
    expect(feed.state.stale).toBe(false);
    expect(shadow(grid).querySelector('.stale')).toBeNull();
  });

  it('keeps the last good data marked stale when a refresh times out or gets a 404', async () => {
    const csv = ordersCsv(25, 18);
    const url = await route('later-hang.csv', [{ body: csv }, { delayMs: 3000, body: csv }]);
    const gone = await route('later-404.csv', [{ body: csv }, { status: 404 }]);
    const a = feedWithGrid(url, 'retries="0" refresh="0.3" timeout="0.3"');
    const b = feedWithGrid(gone, 'retries="3" retry-delay="20" refresh="0.3"');
    const staleA = await waitFor(() => shadow(a.grid).querySelector('.stale'), 8000, 'stale after timeout');
    expect(text(staleA)).toMatch(/did not answer/);
    expect(customersShown(a.grid)).toBe(25);
    const staleB = await waitFor(() => shadow(b.grid).querySelector('.stale'), 8000, 'stale after 404');
    expect(text(staleB)).toMatch(/HTTP 404/);
    expect(customersShown(b.grid)).toBe(25);
  });
});

describe('error states tell how to fix the feed', () => {
  const bad = 'customer_id,InvoiceDate,amount\nc1,31/02/2024,5\nc2,2024-01-05,12\u00a0abc\n,2024-01-06,3\nc4,9999-12-31,1\n';

  it('in English: row, column, value and what was expected', async () => {
    const url = await route('bad.csv', [{ body: bad }]);
    const { grid } = feedWithGrid(url, 'retries="0"');
    const alert = text(await waitFor(() => alertOf(grid), 8000, 'error'));
    expect(alert).toMatch(/4 of 4 rows were skipped/);
    expect(alert).toContain("Row 2, column InvoiceDate: '31/02/2024' is not a date (expected YYYY-MM-DD, YYYYMMDD");
    expect(alert).toContain("Row 3, column amount: '12 abc' is not a number (expected e.g. 1234.56");
    expect(alert).toContain('Row 4, column customer_id: the customer id is empty.');
    expect(alert).toContain("Row 5, column InvoiceDate: '9999-12-31' is out of range (expected a date from 1900-01-01 to 2199-12-31)");
  });

  it('in Chinese: the same, localised', async () => {
    const url = await route('bad-zh.csv', [{ body: bad }]);
    const { grid } = feedWithGrid(url, 'retries="0"', 'zh-CN');
    const alert = text(await waitFor(() => alertOf(grid), 8000, 'error'));
    expect(alert).toMatch(/4 行中有 4 行被跳过/);
    expect(alert).toContain('第 2 行，InvoiceDate 列：“31/02/2024”不是日期（应为 YYYY-MM-DD、YYYYMMDD');
    expect(alert).toContain('第 3 行，amount 列：“12 abc”不是数字');
    expect(alert).toContain('第 4 行，customer_id 列：客户编号为空。');
    expect(alert).toContain('第 5 行，InvoiceDate 列：“9999-12-31”超出范围（应为1900-01-01 至 2199-12-31 之间的日期）');
  });

  it('names the missing column and the columns found, in both locales', async () => {
    const url = await route('no-date.csv', [{ body: 'customer_id,Datum,amount\nc1,2024-01-05,1\n' }]);
    const en = feedWithGrid(url, 'retries="0"');
    const zh = feedWithGrid(url, 'retries="0"', 'zh-CN');
    expect(text(await waitFor(() => alertOf(en.grid), 8000, 'en'))).toContain(
      'The orders table has no date column. Map one in the feed\'s map attribute, e.g. {"date": "<column>"}. Columns found: customer_id, Datum, amount.',
    );
    expect(text(await waitFor(() => alertOf(zh.grid), 8000, 'zh'))).toContain('表缺少 date 列。请在数据源的 map 属性中映射一列，例如 {"date": "<列名>"}。已找到的列：customer_id, Datum, amount。');
  });
});
