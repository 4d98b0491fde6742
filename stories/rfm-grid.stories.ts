import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, feedStory, type FeedStoryArgs } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  colorBy: 'customers' | 'revenue' | 'monetary';
  view: 'grid' | 'list';
  rules: 'rfgrid' | 'vignette' | 'test';
}

const meta: Meta<Args> = {
  title: 'Views/RFM grid',
  component: 'crm-rfm-grid',
  args: { ...FEED_STORY_ARGS, colorBy: 'customers', view: 'grid', rules: 'rfgrid' },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    colorBy: { control: 'inline-radio', options: ['customers', 'revenue', 'monetary'] },
    view: { control: 'inline-radio', options: ['grid', 'list'] },
    rules: { control: 'inline-radio', options: ['rfgrid', 'vignette', 'test'] },
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-rfm-grid
        theme=${a.theme}
        currency=${a.currency}
        labels=${a.labels}
        color-by=${args.colorBy}
        view=${args.view}
        rules=${args.rules}
      ></crm-rfm-grid>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const ByRevenue: Story = { args: { colorBy: 'revenue' } };
export const SegmentList: Story = { args: { view: 'list', rules: 'vignette' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 280 } };
export const Whitelabel: Story = {
  args: { labels: JSON.stringify({ 'rfm.title': 'Customer value map', 'segment.champions': 'VIP', 'segment.hibernating': 'Dormant' }) },
  render: (args) =>
    html`<div
      style="--crm-font-family: Georgia, serif; --crm-radius: 0; --crm-color-accent: #7a1fa2; --crm-seq-1: #f3e8f7; --crm-seq-2: #e0c4ec; --crm-seq-3: #c99ddd; --crm-seq-4: #ad73cb; --crm-seq-5: #8f4db5; --crm-seq-6: #6f2e96; --crm-seq-7: #4d1a6c;"
    >
      ${meta.render!(args, {} as never)}
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
