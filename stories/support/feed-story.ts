/**
 * Shared story helpers for every crm-lens view: a feed wrapped around the view in a given state
 * (loaded on the seeded sample company, on CDNOW, loading, empty, error, stale, missing table), locale,
 * theme, width, labels and custom properties, plus the argTypes every view shares (its common
 * attributes, its events as actions, the base CSS parts). Stale / error / loading states are served by
 * a tiny in-page fetch stub under `/__story/`, so the stories need no server and work offline.
 *
 * CDNOW is never part of the project: the Storybook server serves it from `$CRM_LENS_DATA` (default
 * `../shared/data`) under `/__data/` (.storybook/main.ts); without it the CDNOW stories say so on the page.
 *
 * Usage in a story: `render: (args) => feedStory(args, (view) => html`<crm-x ${viewAttributes(view)}></crm-x>`)`.
 */
import type { ArgTypes } from '@storybook/web-components-vite';
import { html, noChange, nothing, type TemplateResult } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';
import { styleMap } from 'lit/directives/style-map.js';
import { until } from 'lit/directives/until.js';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';

/** The states a story can show. */
export type StoryState = 'loaded' | 'cdnow' | 'loading' | 'empty' | 'error' | 'stale' | 'missing-orders';

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
  /** Id of the feed the view names (blank: the enclosing one). */
  feed: string;
  /** Analysis date `YYYY-MM-DD` (blank: the feed's). */
  asOf: string;
  hideToolbar: boolean;
  /** Custom properties set on the frame (blank values are left out). */
  [customProperty: `--crm-${string}`]: string;
  /** Actions: the view's events. */
  onCrmSelect?: (detail: unknown) => void;
  onCrmHover?: (detail: unknown) => void;
}

/** Defaults for {@link FeedStoryArgs}. */
export const FEED_STORY_ARGS: FeedStoryArgs = { state: 'loaded', lang: 'en', theme: 'light', width: 0, currency: 'USD', labels: '', feed: '', asOf: '', hideToolbar: false };

const STORY = { table: { category: 'story' } };
const ATTRIBUTE = { table: { category: 'attributes' } };

/** Argtypes documenting CSS parts (`part:<name>`): listed, not controls. */
export function partArgTypes(parts: Readonly<Record<string, string>>): ArgTypes {
  return Object.fromEntries(Object.entries(parts).map(([name, description]) => [`part:${name}`, { name: `::part(${name})`, description, control: false, table: { category: 'CSS parts' } }]));
}

/** Argtypes of custom properties: text controls whose values are set on the story's frame. */
export function cssPropertyArgTypes(properties: Readonly<Record<string, string>>): ArgTypes {
  return Object.fromEntries(Object.entries(properties).map(([name, description]) => [name, { description, control: 'text', table: { category: 'CSS custom properties' } }]));
}

/** Argtypes of events: each becomes an action logged in the Actions panel. */
export function eventArgTypes(events: Readonly<Record<string, string>>): ArgTypes {
  return Object.fromEntries(
    Object.entries(events).map(([name, description]) => [`on${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`, { action: name, description, table: { category: 'events' } }]),
  );
}

/** Storybook argTypes for {@link FeedStoryArgs}: the story's own knobs and every view's common attributes, events and parts. */
export const FEED_STORY_ARG_TYPES: ArgTypes = {
  state: { control: 'select', options: ['loaded', 'cdnow', 'loading', 'empty', 'error', 'stale', 'missing-orders'], description: 'Data and state of the feed around the view.', ...STORY },
  width: { control: { type: 'range', min: 0, max: 1200, step: 20 }, description: 'Width of the frame in px (0: full width).', ...STORY },
  lang: { control: 'inline-radio', options: ['en', 'zh-CN'], description: 'Locale.', ...ATTRIBUTE },
  theme: { control: 'inline-radio', options: ['light', 'dark'], description: 'Colour scheme.', ...ATTRIBUTE },
  currency: { control: 'text', description: 'ISO 4217 currency of money values.', ...ATTRIBUTE },
  labels: { control: 'text', description: 'JSON label overrides (whitelabel wording).', ...ATTRIBUTE },
  feed: { control: 'text', description: 'Id of the <crm-feed> to use (blank: the enclosing one).', ...ATTRIBUTE },
  asOf: { name: 'as-of', control: 'text', description: 'Analysis date YYYY-MM-DD (blank: the feed\'s, else the day after the last order).', ...ATTRIBUTE },
  hideToolbar: { name: 'hide-toolbar', control: 'boolean', description: 'Hides the table toggle and export buttons.', ...ATTRIBUTE },
  ...eventArgTypes({ 'crm-select': 'A selection (customer ids, source, key, label); cancelable.', 'crm-hover': 'The hovered item, or null.' }),
  ...partArgTypes({
    base: 'The outer box.',
    title: 'The title.',
    toolbar: 'Table toggle and export buttons.',
    state: 'Loading, empty, error and "needs data" messages.',
    error: 'The error message.',
    unavailable: 'The "needs data" message.',
    progress: 'The loading progress bar.',
    reasons: 'The list of what is missing.',
    examples: 'Example rows of an error.',
    stale: 'The stale-data marker.',
    'table-wrap': 'The scrolling region around the table.',
    table: 'The table view.',
  }),
};

const PURPLE = ['#f3e8f7', '#e0c4ec', '#c99ddd', '#ad73cb', '#8f4db5', '#6f2e96', '#4d1a6c'];

/** A whitelabel sequential ramp (purple) as custom-property args `--crm-seq-1` .. `--crm-seq-7`. */
export const PURPLE_SEQUENTIAL: Readonly<Record<`--crm-seq-${number}`, string>> = Object.fromEntries(PURPLE.map((c, i) => [`--crm-seq-${i + 1}`, c]));

/** The CDNOW master file as the Storybook server gives it, and its columns as the feed's field mapping. */
export const CDNOW = {
  src: '/__data/cdnow',
  map: JSON.stringify({ customer_id: 'customer_id', date: 'date', amount: 'dollar_value', quantity: 'number_of_cds' }),
} as const;

let cdnowHere: Promise<boolean> | undefined;

/** Whether the Storybook server has the CDNOW file (false under a plain static server). */
export function cdnowAvailable(): Promise<boolean> {
  return (cdnowHere ??= fetch('/__data/index.json').then(
    async (r) => r.ok && ((await r.json()) as { cdnow?: boolean }).cdnow === true,
    () => false,
  ));
}

/** The on-page message of a CDNOW story when the data set is not here. */
export function cdnowMissing(lang: FeedStoryArgs['lang']): TemplateResult {
  return lang === 'zh-CN'
    ? html`<p class="story-note" role="note">
        这里没有 CDNOW 数据。Storybook 服务器（<code>npm run storybook</code>）从 <code>$CRM_LENS_DATA</code>（默认
        <code>../shared/data</code>）读取 <code>cdnow/CDNOW_master.txt</code>；数据集不会复制到项目或构建产物中。
      </p>`
    : html`<p class="story-note" role="note">
        CDNOW is not available here. The Storybook server (<code>npm run storybook</code>) serves
        <code>cdnow/CDNOW_master.txt</code> from <code>$CRM_LENS_DATA</code> (default <code>../shared/data</code>); the data set is
        never copied into the project or the built Storybook.
      </p>`;
}

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

/** Answers `/__story/...` requests in the page: `orders` is the sample's orders CSV, `hang` never answers, `missing` is a 404, `flaky` succeeds once then fails. */
export function installFetchStub(): void {
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
      case 'orders':
        return new Response(ordersCsv(), { headers: { 'content-type': 'text/csv' } });
      default:
        return n === 1 ? new Response(ordersCsv(), { headers: { 'content-type': 'text/csv' } }) : new Response('down', { status: 503 });
    }
  };
}

let storyCounter = 0;

/** The frame of a story: width, page background of the scheme, and the custom properties among the args. */
export function storyFrame(args: Pick<FeedStoryArgs, 'width' | 'theme'>): ReturnType<typeof styleMap> {
  const custom = Object.fromEntries(Object.entries(args as object).filter(([k, v]) => k.startsWith('--') && typeof v === 'string' && v.trim() !== ''));
  return styleMap({
    maxWidth: args.width ? `${args.width}px` : 'none',
    padding: '12px',
    background: args.theme === 'dark' ? '#16181d' : '#ffffff',
    color: args.theme === 'dark' ? '#e6e9ed' : '#1b1f24',
    fontFamily: 'system-ui, sans-serif',
    ...custom,
  });
}

/** A feed in the state `args.state` around the view `view(args)`, framed at `args.width`. */
export function feedStory(args: FeedStoryArgs, view: (args: FeedStoryArgs) => TemplateResult): TemplateResult {
  installFetchStub();
  const feed = (() => {
    switch (args.state) {
      case 'cdnow':
        return until(
          cdnowAvailable().then((here) => (here ? html`<crm-feed src=${CDNOW.src} format="csv" map=${CDNOW.map}>${view(args)}</crm-feed>` : cdnowMissing(args.lang))),
          nothing,
        );
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
  return html`<div
    lang=${args.lang}
    style=${storyFrame(args)}
    @crm-select=${(e: CustomEvent) => args.onCrmSelect?.(e.detail)}
    @crm-hover=${(e: CustomEvent) => args.onCrmHover?.(e.detail)}
  >
    ${feed}
  </div>`;
}

/**
 * The attributes every view shares (theme, currency, labels, feed, as-of, hide-toolbar), set from the
 * story's args: `<crm-rfm-grid ${viewAttributes(a)} color-by=...>`.
 */
export const viewAttributes = directive(
  class extends Directive {
    render(_args: FeedStoryArgs): typeof noChange {
      return noChange;
    }

    override update(part: ElementPart, [a]: [FeedStoryArgs]): typeof noChange {
      const el = part.element;
      const set = (name: string, value: string | boolean | undefined) =>
        value === undefined || value === '' || value === false ? el.removeAttribute(name) : el.setAttribute(name, value === true ? '' : value);
      set('theme', a.theme);
      set('currency', a.currency);
      set('labels', a.labels);
      set('feed', a.feed);
      set('as-of', a.asOf);
      set('hide-toolbar', a.hideToolbar);
      return noChange;
    }
  },
);
