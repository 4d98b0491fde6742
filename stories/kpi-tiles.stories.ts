import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, feedStory, type FeedStoryArgs } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  metrics: string;
  period: 'month' | 'quarter' | 'year';
  targets: string;
}

const meta: Meta<Args> = {
  title: 'Views/KPI tiles',
  component: 'crm-kpi-tiles',
  args: {
    ...FEED_STORY_ARGS,
    metrics: 'customers,revenue,retention,churn,nps,csat,clv,cac,clv-cac,complaints',
    period: 'month',
    targets: '{"retention": 0.8, "nps": 30, "churn": 0.05}',
  },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    period: { control: 'inline-radio', options: ['month', 'quarter', 'year'] },
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-kpi-tiles
        theme=${a.theme}
        currency=${a.currency}
        labels=${a.labels}
        metrics=${args.metrics}
        period=${args.period}
        targets=${args.targets}
      ></crm-kpi-tiles>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Quarterly: Story = { args: { period: 'quarter' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 320 } };
export const Whitelabel: Story = {
  args: { labels: JSON.stringify({ 'kpi.title': 'Account health', 'kpi.churn-rate.name': 'Logo churn' }) },
  render: (args) =>
    html`<div style="--crm-font-family: 'Trebuchet MS', sans-serif; --crm-radius: 14px; --crm-color-surface-raised: #fff8ec; --crm-color-sparkline: #b35c00;">
      ${meta.render!(args, {} as never)}
    </div>`,
};
export const OrdersOnly: Story = {
  name: 'Unavailable metrics (orders only)',
  render: (args) =>
    html`<div lang=${args.lang}>
      <crm-feed src="/__story/orders-only-${Math.random().toString(36).slice(2)}" retries="0">
        <crm-kpi-tiles metrics="revenue,nps,csat,cac,complaints"></crm-kpi-tiles>
      </crm-feed>
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
