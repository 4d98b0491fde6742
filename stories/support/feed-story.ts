/**
 * Shared story helpers for every crm-lens view: a feed wrapped around the view in a given state
 * (loaded on the seeded sample company, loading, empty, error, stale, missing table), locale, theme,
 * width and labels. Stale / error / loading states are served by a tiny in-page fetch stub under
 * `/__story/`, so the stories need no server and work offline.
 *
 * Usage in a story: `render: (args) => feedStory(args, (view) => html`<crm-x theme=${view.theme}></crm-x>`)`.
 */
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';

/** The states a story can show. */
export type StoryState = 'loaded' | 'loading' | 'empty' | 'error' | 'stale' | 'missing-orders';

/** Arguments every view story shares. */
export interface FeedStoryArgs {
  state: StoryState;
  lang: 'en' | 'zh-CN';
  theme: 'light' | 'dark';
  /** Width of the frame in px (0: full width). */
  width: number;
  currency: string;
  /** Label overrides as JSON (whitelabel wording). */
  labels: string;
}

/** Defaults for {@link FeedStoryArgs}. */
export const FEED_STORY_ARGS: FeedStoryArgs = { state: 'loaded', lang: 'en', theme: 'light', width: 0, currency: 'USD', labels: '' };

/** Storybook argTypes for {@link FeedStoryArgs}. */
export const FEED_STORY_ARG_TYPES = {
  state: { control: 'select', options: ['loaded', 'loading', 'empty', 'error', 'stale', 'missing-orders'] },
  lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  theme: { control: 'inline-radio', options: ['light', 'dark'] },
  width: { control: { type: 'range', min: 0, max: 1200, step: 20 } },
  currency: { control: 'text' },
  labels: { control: 'text' },
} as const;

let company: ReturnType<typeof generateSampleCompany> | undefined;

/** The seeded sample company (orders, customers, events, feedback, spend), generated once. */
export function sampleCompany(): ReturnType<typeof generateSampleCompany> {
  return (company ??= generateSampleCompany({ customers: 400 }));
}

function ordersCsv(): string {
  const lines = ['customer_id,date,amount'];
  for (const o of sampleCompany().orders as unknown as { customer_id: string; date: string; amount: number }[]) {
    lines.push(`${o.customer_id},${o.date},${o.amount}`);
  }
  return lines.join('\n');
}

const stubCalls = new Map<string, number>();

/** Answers `/__story/...` requests in the page: `hang` never answers, `missing` is a 404, `flaky` succeeds once then fails. */
function installFetchStub(): void {
  const w = window as Window & { __crmStoryStub?: boolean };
  if (w.__crmStoryStub) return;
  w.__crmStoryStub = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const match = /\/__story\/([\w-]+)/.exec(url);
    if (!match) return realFetch(input, init);
    const n = (stubCalls.get(url) ?? 0) + 1;
    stubCalls.set(url, n);
    switch (match[1]) {
      case 'hang':
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      case 'missing':
        return new Response('not found', { status: 404 });
      default:
        return n === 1 ? new Response(ordersCsv(), { headers: { 'content-type': 'text/csv' } }) : new Response('down', { status: 503 });
    }
  };
}

let storyCounter = 0;

/** A feed in the state `args.state` around the view `view(args)`, framed at `args.width`. */
export function feedStory(args: FeedStoryArgs, view: (args: FeedStoryArgs) => TemplateResult): TemplateResult {
  installFetchStub();
  const frame = styleMap({
    maxWidth: args.width ? `${args.width}px` : 'none',
    padding: '12px',
    background: args.theme === 'dark' ? '#16181d' : '#ffffff',
  });
  const feed = (() => {
    switch (args.state) {
      case 'loaded':
        return html`<crm-feed .data=${sampleCompany()}>${view(args)}</crm-feed>`;
      case 'missing-orders':
        return html`<crm-feed .data=${{ customers: sampleCompany().customers }}>${view(args)}</crm-feed>`;
      case 'loading':
        return html`<crm-feed src="/__story/hang">${view(args)}</crm-feed>`;
      case 'empty':
        return html`<crm-feed>${view(args)}</crm-feed>`;
      case 'error':
        return html`<crm-feed src="/__story/missing" retries="0">${view(args)}</crm-feed>`;
      case 'stale':
        return html`<crm-feed src=${`/__story/flaky-${++storyCounter}`} refresh="2" retries="0">${view(args)}</crm-feed>`;
    }
  })();
  return html`<div lang=${args.lang} style=${frame}>${feed}</div>`;
}
