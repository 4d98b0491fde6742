import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, cssPropertyArgTypes, feedStory, partArgTypes, type FeedStoryArgs, viewAttributes } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  mode: 'map' | 'funnel';
  unit: 'month' | 'week' | 'quarter';
  periods: number;
  sentiment: 'nps' | 'csat';
  steps: string;
  windowDays: number;
}

const meta: Meta<Args> = {
  title: 'Views/Journey map',
  component: 'crm-journey-map',
  args: { ...FEED_STORY_ARGS, mode: 'map', unit: 'month', periods: 12, sentiment: 'nps', steps: '', windowDays: 365 },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    mode: { control: 'inline-radio', options: ['map', 'funnel'], description: 'Stage map or funnel.' },
    unit: { control: 'inline-radio', options: ['month', 'week', 'quarter'], description: 'Snapshot period of the stages.' },
    periods: { control: { type: 'number', min: 2 }, description: 'Latest snapshots the flows sum over.' },
    sentiment: { control: 'inline-radio', options: ['nps', 'csat'], description: 'Sentiment line measure.' },
    steps: { control: 'text', description: 'JSON funnel steps (blank: the default four).' },
    windowDays: { name: 'window-days', control: { type: 'number', min: 1 }, description: 'Funnel conversion window in days.' },
    ...partArgTypes({
      chart: 'The SVG map or funnel.',
      stage: 'A stage column.',
      'stage-label': "A stage's name and count.",
      flow: 'A flow ribbon.',
      return: 'A return arc.',
      touchpoint: 'A touchpoint mark.',
      'pain-point': 'A pain-point marker.',
      sentiment: 'The sentiment line.',
      step: 'A funnel step bar.',
      meta: 'The as-of line.',
    }),
    ...cssPropertyArgTypes({
      '--crm-cat-1': 'Stage colours (--crm-cat-1 .. --crm-cat-6).',
      '--crm-color-negative': 'Pain-point markers.',
      '--crm-color-sparkline': 'Sentiment line.',
    }),
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-journey-map ${viewAttributes(a)}
        mode=${args.mode}
        unit=${args.unit}
        periods=${args.periods}
        sentiment=${args.sentiment}
        steps=${args.steps || nothing}
        window-days=${args.windowDays}
      ></crm-journey-map>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Cdnow: Story = { name: 'CDNOW (orders only)', args: { state: 'cdnow' } };
export const CdnowFunnel: Story = { name: 'CDNOW funnel, zh-CN, dark', args: { state: 'cdnow', mode: 'funnel', lang: 'zh-CN', theme: 'dark' } };
export const Funnel: Story = { args: { mode: 'funnel' } };
export const Csat: Story = { args: { sentiment: 'csat' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const ChineseFunnel: Story = { args: { lang: 'zh-CN', mode: 'funnel' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 340 } };
export const Whitelabel: Story = {
  args: {
    labels: JSON.stringify({ 'journey.title': 'Account lifecycle', 'stage.churned': 'Lapsed', 'stage.mature': 'Established' }),
    '--crm-font-family': 'Georgia, serif',
    '--crm-color-accent': '#7a1fa2',
    '--crm-color-sparkline': '#7a1fa2',
    '--crm-color-negative': '#c62828',
  },
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
