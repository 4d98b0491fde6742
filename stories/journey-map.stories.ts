import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, feedStory, type FeedStoryArgs } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  mode: 'map' | 'funnel';
  unit: 'month' | 'week' | 'quarter';
  periods: number;
  sentiment: 'nps' | 'csat';
}

const meta: Meta<Args> = {
  title: 'Views/Journey map',
  component: 'crm-journey-map',
  args: { ...FEED_STORY_ARGS, mode: 'map', unit: 'month', periods: 12, sentiment: 'nps' },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    mode: { control: 'inline-radio', options: ['map', 'funnel'] },
    unit: { control: 'inline-radio', options: ['month', 'week', 'quarter'] },
    periods: { control: { type: 'number', min: 2 } },
    sentiment: { control: 'inline-radio', options: ['nps', 'csat'] },
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-journey-map
        theme=${a.theme}
        currency=${a.currency}
        labels=${a.labels}
        mode=${args.mode}
        unit=${args.unit}
        periods=${args.periods}
        sentiment=${args.sentiment}
      ></crm-journey-map>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Funnel: Story = { args: { mode: 'funnel' } };
export const Csat: Story = { args: { sentiment: 'csat' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const ChineseFunnel: Story = { args: { lang: 'zh-CN', mode: 'funnel' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 340 } };
export const Whitelabel: Story = {
  args: { labels: JSON.stringify({ 'journey.title': 'Account lifecycle', 'stage.churned': 'Lapsed', 'stage.mature': 'Established' }) },
  render: (args) =>
    html`<div style="--crm-font-family: Georgia, serif; --crm-color-accent: #7a1fa2; --crm-color-sparkline: #7a1fa2; --crm-color-negative: #c62828;">
      ${meta.render!(args, {} as never)}
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const OrdersOnly: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
