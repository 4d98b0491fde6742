import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, feedStory, type FeedStoryArgs } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  weights: string;
  thresholds: string;
  potential: 'auto' | 'model' | 'field' | 'attributes';
  canvasThreshold: number;
}

const meta: Meta<Args> = {
  title: 'Views/Value quadrant',
  component: 'crm-value-quadrant',
  args: { ...FEED_STORY_ARGS, weights: '0.6,0.4', thresholds: '', potential: 'auto', canvasThreshold: 2000 },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    weights: { control: 'text' },
    thresholds: { control: 'text' },
    potential: { control: 'inline-radio', options: ['auto', 'model', 'field', 'attributes'] },
    canvasThreshold: { control: { type: 'number', min: 0 } },
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-value-quadrant
        theme=${a.theme}
        currency=${a.currency}
        labels=${a.labels}
        weights=${args.weights}
        thresholds=${args.thresholds}
        potential=${args.potential}
        potential-weights=${args.potential === 'attributes' ? '{"employees": 1}' : ''}
        canvas-threshold=${args.canvasThreshold}
      ></crm-value-quadrant>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const FixedThresholds: Story = { args: { thresholds: '70,70', weights: '1,1' } };
export const AttributePotential: Story = { args: { potential: 'attributes' } };
export const Canvas: Story = { args: { canvasThreshold: 10 } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 300 } };
export const Whitelabel: Story = {
  args: { labels: JSON.stringify({ 'quadrant.title': 'Account portfolio', 'tier.strategic-partner': 'Key accounts', 'tier.basic': 'Long tail' }) },
  render: (args) =>
    html`<div style="--crm-font-family: Georgia, serif; --crm-color-accent: #7a1fa2; --crm-cat-1: #7a1fa2; --crm-cat-3: #2e7d32; --crm-cat-2: #ef6c00; --crm-cat-4: #607d8b;">
      ${meta.render!(args, {} as never)}
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
