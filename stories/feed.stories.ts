import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { until } from 'lit/directives/until.js';
import { CDNOW, cdnowAvailable, cdnowMissing, eventArgTypes, FEED_STORY_ARG_TYPES, installFetchStub, partArgTypes, sampleCompany, storyFrame } from './support/feed-story.js';

interface Args {
  lang: 'en' | 'zh-CN';
  theme: 'light' | 'dark';
  width: number;
  src: string;
  table: string;
  format: string;
  map: string;
  asOf: string;
  refresh: number;
  retries: number;
  retryDelay: number;
  timeout: number;
  credentials: 'same-origin' | 'include' | 'omit';
  refunds: 'keep' | 'drop';
  noWorker: boolean;
  showStatus: boolean;
  /** Give the feed the sample company as `.data` instead of `src`. */
  inline: boolean;
  onCrmFeedLoad?: (detail: unknown) => void;
  onCrmFeedError?: (detail: unknown) => void;
  onCrmFeedAppend?: (detail: unknown) => void;
  onCrmFeedState?: (detail: unknown) => void;
  onCrmSelectionChange?: (detail: unknown) => void;
  onCrmFeedConnected?: (detail: unknown) => void;
}

const ATTRIBUTE = { table: { category: 'attributes' } };

function feed(args: Args) {
  return html`<crm-feed
    src=${args.inline ? nothing : args.src || nothing}
    .data=${args.inline ? sampleCompany() : undefined}
    table=${args.table || nothing}
    format=${args.format || nothing}
    map=${args.map || nothing}
    as-of=${args.asOf || nothing}
    refresh=${args.refresh || nothing}
    retries=${args.retries}
    retry-delay=${args.retryDelay}
    timeout=${args.timeout}
    credentials=${args.credentials}
    refunds=${args.refunds}
    ?no-worker=${args.noWorker}
    ?show-status=${args.showStatus}
    @crm-feed-load=${(e: CustomEvent) => args.onCrmFeedLoad?.(e.detail)}
    @crm-feed-error=${(e: CustomEvent) => args.onCrmFeedError?.(e.detail)}
    @crm-feed-append=${(e: CustomEvent) => args.onCrmFeedAppend?.(e.detail)}
    @crm-feed-state=${(e: CustomEvent) => args.onCrmFeedState?.(e.detail)}
    @crm-selection-change=${(e: CustomEvent) => args.onCrmSelectionChange?.(e.detail)}
    @crm-feed-connected=${() => args.onCrmFeedConnected?.(null)}
  >
    <crm-kpi-tiles theme=${args.theme} metrics="customers,revenue,retention,repeat-rate"></crm-kpi-tiles>
  </crm-feed>`;
}

const meta: Meta<Args> = {
  title: 'Feed/crm-feed',
  component: 'crm-feed',
  args: {
    lang: 'en',
    theme: 'light',
    width: 0,
    src: '/__story/orders',
    table: '',
    format: '',
    map: '',
    asOf: '',
    refresh: 0,
    retries: 0,
    retryDelay: 1000,
    timeout: 30,
    credentials: 'same-origin',
    refunds: 'keep',
    noWorker: false,
    showStatus: true,
    inline: false,
  },
  argTypes: {
    lang: FEED_STORY_ARG_TYPES.lang,
    theme: FEED_STORY_ARG_TYPES.theme,
    width: FEED_STORY_ARG_TYPES.width,
    inline: { control: 'boolean', description: 'Sets `.data` (the sample company) instead of `src`.', table: { category: 'story' } },
    src: { control: 'text', description: 'Feed URL (/__story/orders: sample orders; /__story/hang: never answers; /__story/missing: 404; /__data/cdnow: CDNOW).', ...ATTRIBUTE },
    table: { control: 'select', options: ['', 'orders', 'customers', 'events', 'feedback', 'spend', 'summary'], description: 'Table the src holds.', ...ATTRIBUTE },
    format: { control: 'select', options: ['', 'csv', 'json', 'ndjson'], description: 'Force the format of src.', ...ATTRIBUTE },
    map: { control: 'text', description: 'JSON field mapping canonical field -> source column.', ...ATTRIBUTE },
    asOf: { name: 'as-of', control: 'text', description: 'Default analysis date YYYY-MM-DD.', ...ATTRIBUTE },
    refresh: { control: { type: 'number', min: 0 }, description: 'Reload every this many seconds (0: never).', ...ATTRIBUTE },
    retries: { control: { type: 'number', min: 0 }, description: 'Retries of a failed load.', ...ATTRIBUTE },
    retryDelay: { name: 'retry-delay', control: { type: 'number', min: 0 }, description: 'First retry delay in ms.', ...ATTRIBUTE },
    timeout: { control: { type: 'number', min: 1 }, description: 'Fetch timeout in seconds.', ...ATTRIBUTE },
    credentials: { control: 'inline-radio', options: ['same-origin', 'include', 'omit'], description: 'Fetch credentials.', ...ATTRIBUTE },
    refunds: { control: 'inline-radio', options: ['keep', 'drop'], description: 'Negative amounts.', ...ATTRIBUTE },
    noWorker: { name: 'no-worker', control: 'boolean', description: 'Compute on the main thread.', ...ATTRIBUTE },
    showStatus: { name: 'show-status', control: 'boolean', description: 'Show the status line.', ...ATTRIBUTE },
    ...eventArgTypes({
      'crm-feed-load': 'New data is ready (detail: the Dataset summary with its ingest report).',
      'crm-feed-error': 'A load or refresh failed (detail: failure, report, stale).',
      'crm-feed-append': 'Rows were appended (detail: their ingest report).',
      'crm-feed-state': 'The loading state changed.',
      'crm-selection-change': 'A view published a selection.',
      'crm-feed-connected': 'The feed connected.',
    }),
    ...partArgTypes({ status: 'The status line (with show-status).' }),
  },
  render: (args) => {
    installFetchStub();
    const body = args.src === CDNOW.src && !args.inline ? until(cdnowAvailable().then((here) => (here ? feed(args) : cdnowMissing(args.lang))), nothing) : feed(args);
    return html`<div lang=${args.lang} style=${storyFrame(args)}>${body}</div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const SampleCsv: Story = { name: 'Sample company (orders CSV)' };
export const SampleInline: Story = { name: 'Sample company (.data, all tables)', args: { inline: true } };
export const Cdnow: Story = { name: 'CDNOW', args: { src: CDNOW.src, format: 'csv', map: CDNOW.map } };
export const Chinese: Story = { args: { lang: 'zh-CN', src: '/__story/hang' } };
export const Dark: Story = { args: { theme: 'dark', inline: true } };
export const Narrow: Story = { args: { width: 300, inline: true } };
export const Whitelabel: Story = {
  args: { inline: true },
  render: (args, ctx) => html`<div style="--crm-font-family: Georgia, serif; --crm-color-warning: #7a1fa2; --crm-radius: 0;">${meta.render!(args, ctx)}</div>`,
};
export const Loading: Story = { args: { src: '/__story/hang' } };
export const Empty: Story = { args: { src: '' } };
export const LoadError: Story = { args: { src: '/__story/missing' } };
export const Stale: Story = { args: { src: '/__story/flaky-feed', refresh: 2 } };
export const MissingOrders: Story = { args: { src: '/__story/orders', table: 'customers' } };
