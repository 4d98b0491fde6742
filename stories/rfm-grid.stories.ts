import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, PURPLE_SEQUENTIAL, cssPropertyArgTypes, feedStory, partArgTypes, type FeedStoryArgs, viewAttributes } from './support/feed-story.js';

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
    colorBy: { name: 'color-by', control: 'inline-radio', options: ['customers', 'revenue', 'monetary'], description: 'What colours the cells.' },
    view: { control: 'inline-radio', options: ['grid', 'list'], description: 'Grid or segment list.' },
    rules: { control: 'inline-radio', options: ['rfgrid', 'vignette', 'test'], description: 'Segment rule set.' },
    ...partArgTypes({
      chart: 'The SVG grid.',
      cell: 'A grid cell.',
      'segment-outline': 'The outline of a segment region.',
      'segment-label': 'The name of a segment region.',
      legend: 'The colour legend.',
      list: 'The segment list.',
    }),
    ...cssPropertyArgTypes({
      '--crm-seq-1': 'Sequential palette, lowest (through --crm-seq-7).',
      '--crm-seq-7': 'Sequential palette, highest.',
      '--crm-color-segment-outline': 'Segment outline colour.',
    }),
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-rfm-grid ${viewAttributes(a)}
        color-by=${args.colorBy}
        view=${args.view}
        rules=${args.rules}
      ></crm-rfm-grid>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Cdnow: Story = { name: 'CDNOW', args: { state: 'cdnow', colorBy: 'revenue' } };
export const CdnowChinese: Story = { name: 'CDNOW, zh-CN, dark', args: { state: 'cdnow', lang: 'zh-CN', theme: 'dark', view: 'list', rules: 'vignette' } };
export const ByRevenue: Story = { args: { colorBy: 'revenue' } };
export const SegmentList: Story = { args: { view: 'list', rules: 'vignette' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 280 } };
export const Whitelabel: Story = {
  args: {
    labels: JSON.stringify({ 'rfm.title': 'Customer value map', 'segment.champions': 'VIP', 'segment.hibernating': 'Dormant' }),
    '--crm-font-family': 'Georgia, serif',
    '--crm-radius': '0',
    '--crm-color-accent': '#7a1fa2',
    ...PURPLE_SEQUENTIAL,
  },
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
