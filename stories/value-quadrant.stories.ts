import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, cssPropertyArgTypes, feedStory, partArgTypes, type FeedStoryArgs, viewAttributes } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  weights: string;
  thresholds: string;
  potential: 'auto' | 'model' | 'field' | 'attributes';
  potentialWeights: string;
  windowMonths: number;
  currentValue: 'revenue' | 'margin';
  canvasThreshold: number;
}

const meta: Meta<Args> = {
  title: 'Views/Value quadrant',
  component: 'crm-value-quadrant',
  args: {
    ...FEED_STORY_ARGS,
    weights: '0.6,0.4',
    thresholds: '',
    potential: 'auto',
    potentialWeights: '{"employees": 1}',
    windowMonths: 12,
    currentValue: 'revenue',
    canvasThreshold: 2000,
  },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    weights: { control: 'text', description: 'Composite weights current,potential.' },
    thresholds: { control: 'text', description: 'Quadrant thresholds current,potential (0-100; blank: medians).' },
    potential: { control: 'inline-radio', options: ['auto', 'model', 'field', 'attributes'], description: 'Potential value source.' },
    potentialWeights: { name: 'potential-weights', control: 'text', description: 'JSON attribute weights for potential="attributes".' },
    windowMonths: { name: 'window-months', control: { type: 'number', min: 1 }, description: 'Months of orders in the current value.' },
    currentValue: { name: 'current-value', control: 'inline-radio', options: ['revenue', 'margin'], description: 'Current value measure.' },
    canvasThreshold: { name: 'canvas-threshold', control: { type: 'number', min: 0 }, description: 'Above this many customers points go on a canvas.' },
    ...partArgTypes({
      chart: 'The SVG plot.',
      canvas: 'The canvas of the points above the canvas threshold.',
      quadrant: "A tier's quadrant.",
      'tier-label': "A tier's name, count and value share.",
      threshold: 'A quadrant line.',
      point: 'A customer point (SVG mode).',
      brush: 'The brush rectangle.',
      tooltip: 'The point tooltip.',
      meta: 'The as-of, weights and source line.',
      'zoom-controls': 'Zoom in / out / reset / pan buttons.',
    }),
    ...cssPropertyArgTypes({
      '--crm-quadrant-height': 'Plot height.',
      '--crm-quadrant-point-radius': 'Point radius in SVG mode.',
      '--crm-cat-1': 'Strategic partner colour.',
      '--crm-cat-2': 'Profit colour.',
      '--crm-cat-3': 'Growth colour.',
      '--crm-cat-4': 'Basic colour.',
    }),
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-value-quadrant ${viewAttributes(a)}
        weights=${args.weights}
        thresholds=${args.thresholds}
        potential=${args.potential}
        potential-weights=${args.potentialWeights || nothing}
        window-months=${args.windowMonths}
        current-value=${args.currentValue}
        canvas-threshold=${args.canvasThreshold}
      ></crm-value-quadrant>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Cdnow: Story = { name: 'CDNOW (model potential)', args: { state: 'cdnow' } };
export const CdnowChinese: Story = { name: 'CDNOW, zh-CN, dark', args: { state: 'cdnow', lang: 'zh-CN', theme: 'dark' } };
export const FixedThresholds: Story = { args: { thresholds: '70,70', weights: '1,1' } };
export const AttributePotential: Story = { args: { potential: 'attributes' } };
export const Canvas: Story = { args: { canvasThreshold: 10 } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 300 } };
export const Whitelabel: Story = {
  args: {
    labels: JSON.stringify({ 'quadrant.title': 'Account portfolio', 'tier.strategic-partner': 'Key accounts', 'tier.basic': 'Long tail' }),
    '--crm-font-family': 'Georgia, serif',
    '--crm-color-accent': '#7a1fa2',
    '--crm-cat-1': '#7a1fa2',
    '--crm-cat-3': '#2e7d32',
    '--crm-cat-2': '#ef6c00',
    '--crm-cat-4': '#607d8b',
  },
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
