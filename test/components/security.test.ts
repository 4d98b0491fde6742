/**
 * Security in the browser: markup and script in every string field of a feed (and in host labels)
 * render as text in every widget, never as elements or handlers; feeds go cross-origin without
 * cookies unless the host opts in (checked by the browser's own CORS rules against the loopback
 * server, another origin than this page); the widgets reach no network besides the feed URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import { cleanup, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

const XSS = [
  '<img src=x onerror="globalThis.pwned=1">',
  '<script>globalThis.pwned=1</script>',
  '<svg onload="globalThis.pwned=1"><circle r=5 /></svg>',
  '"><iframe src="javascript:globalThis.pwned=1">',
  "'><b onmouseover=globalThis.pwned=1>x</b>",
];
const xss = (i: number) => XSS[i % XSS.length];

/** A feed with markup in every string field of every table. */
function hostileFeed(): Record<string, unknown[]> {
  const rows = ordersCsv(40, 21).split('\n').slice(1).map((l) => l.split(','));
  const id = (raw: string) => (Number(raw.slice(1)) % 4 === 0 ? `${xss(Number(raw.slice(1)))}${raw}` : raw);
  const ids = [...new Set(rows.map((r) => id(r[0])))];
  return {
    orders: rows.map(([c, date, amount], i) => ({ customer_id: id(c), date, amount: Number(amount), order_id: `${xss(i)}#${i}`, channel: xss(i % 3) })),
    customers: ids.map((c, i) => ({
      customer_id: c,
      signup_date: '2022-12-01',
      segment: xss(i % 2),
      industry: xss(i % 3 + 1),
      plan: xss(i % 2 + 2),
      channel: xss(i % 4),
      potential: (i * 37) % 100,
      referred: i % 2 ? 'yes' : 'no',
    })),
    events: ids.map((c, i) => ({ customer_id: c, timestamp: '2024-06-01T10:00:00Z', type: i % 3 ? 'login' : xss(i), channel: xss(i), feature: xss(i + 1) })),
    feedback: ids.map((c, i) => ({ customer_id: c, date: '2024-06-02', nps: i % 11, csat: (i % 5) + 1, touchpoint: xss(i), stage: xss(i + 2), comment: xss(i + 3) })),
  };
}

/** Every element in a root and in the shadow roots beneath it. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

const WIDGETS = `<crm-rfm-grid labels='{"rfm.title": "<img src=x onerror=\\"globalThis.pwned=1\\">Grid"}'></crm-rfm-grid>
  <crm-kpi-tiles></crm-kpi-tiles>
  <crm-churn-heatmap></crm-churn-heatmap>
  <crm-churn-heatmap mode="risk" group-by="segment"></crm-churn-heatmap>
  <crm-value-quadrant potential="field"></crm-value-quadrant>
  <crm-journey-map></crm-journey-map>`;

/** Whether a widget has left the loading and computing states. */
const settled = (el: Element) => {
  const root = shadow(el);
  return !!root?.querySelector('.base') && !root.querySelector('.state.loading, .state.computing');
};

describe('security in the browser', () => {
  it('renders markup from every data field and from labels as text in every widget', async () => {
    const started = performance.now();
    const root = mount(`<crm-feed id="hostile">${WIDGETS}</crm-feed>`);
    const feed = root.querySelector('crm-feed') as CrmFeed;
    feed.data = hostileFeed();
    const widgets = [...root.querySelectorAll('crm-feed > *')];
    expect(widgets).toHaveLength(6);
    await waitFor(() => feed.state.status === 'ready' && widgets.every(settled), 15000, 'every widget rendered');
    await new Promise((r) => setTimeout(r, 150)); // give an injected onerror/onload its chance to run
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    const elements = allElements(root);
    expect(elements.filter((el) => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG'].includes(el.tagName))).toEqual([]);
    const handlers = elements.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    expect(handlers).toEqual([]);
    const hrefs = elements.flatMap((el) => [...el.attributes].filter((a) => /^(href|src|xlink:href)$/i.test(a.name) && /javascript:/i.test(a.value)));
    expect(hrefs).toEqual([]);
    // the markup is there, as text: the grid's title, and the segment columns of the risk map
    expect(shadow(widgets[0]).textContent).toContain('<img src=x onerror="globalThis.pwned=1">Grid');
    expect(shadow(widgets[3]).textContent).toContain(XSS[0]);
    // no network but this page's own modules and the Worker script (the data came by property)
    const foreign = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime >= started && new URL(e.name).origin !== location.origin)
      .map((e) => e.name);
    expect(foreign).toEqual([]);
  });

  it('fetches a cross-origin feed without cookies by default', async () => {
    const url = await route('orders.csv', [{ body: ordersCsv(20, 22) }]);
    expect(new URL(url).origin).not.toBe(location.origin);
    const seen: RequestCredentials[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input) === url) seen.push(init?.credentials ?? new Request(input).credentials);
      return original(input, init);
    };
    try {
      const root = mount(`<crm-feed src="${url}" retries="0"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
      const feed = root.querySelector('crm-feed') as CrmFeed;
      // The server answers `Access-Control-Allow-Origin: *`, which the browser refuses for a request
      // sent with credentials: the load succeeding shows that no cookie went along.
      await waitFor(() => feed.state.status === 'ready', 8000, 'loaded without credentials');
      expect(seen).toEqual(['same-origin']);
    } finally {
      window.fetch = original;
    }
  });

  it('sends credentials only when the host opts in, and then only where the server allows them', async () => {
    const csv = ordersCsv(20, 23);
    const wildcard = await route('wildcard.csv', [{ body: csv }]);
    const allowing = await route('allowing.csv', [
      { body: csv, headers: { 'Access-Control-Allow-Origin': location.origin, 'Access-Control-Allow-Credentials': 'true' } },
    ]);
    const root = mount(`<crm-feed id="a" src="${wildcard}" credentials="include" retries="0"></crm-feed>
      <crm-feed id="b" src="${allowing}" credentials="include" retries="0"></crm-feed>
      <crm-rfm-grid feed="a"></crm-rfm-grid><crm-rfm-grid feed="b"></crm-rfm-grid>`);
    const [a, b] = [...root.querySelectorAll('crm-feed')] as CrmFeed[];
    await waitFor(() => a.state.status === 'error' && b.state.status === 'ready', 8000, 'opt-in outcomes');
    expect(a.state.failure?.kind).toBe('network');
  });
});
