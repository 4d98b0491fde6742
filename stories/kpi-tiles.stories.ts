import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, cssPropertyArgTypes, feedStory, partArgTypes, type FeedStoryArgs, viewAttributes } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  metrics: string;
  period: 'month' | 'quarter' | 'year';
  targets: string;
}

/** Shows, next to the tiles, the picture their `toSvg()` returns (what the toolbar's SVG button saves). */
async function previewPicture(event: Event): Promise<void> {
  const story = (event.currentTarget as HTMLElement).closest('.picture-story')!;
  const tiles = story.querySelector('crm-kpi-tiles')!;
  const svg = tiles.toSvg();
  const image = story.querySelector('img')!;
  if (image.src) URL.revokeObjectURL(image.src);
  image.src = svg === undefined ? '' : URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  image.hidden = svg === undefined;
  const png = await tiles.toPng();
  story.querySelector('output')!.textContent = png ? `toPng(): ${png.type}, ${Math.round(png.size / 1024)} kB` : 'No tiles shown (table view?)';
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
    metrics: { control: 'text', description: 'Comma-separated KPI ids.' },
    period: { control: 'inline-radio', options: ['month', 'quarter', 'year'], description: 'Period of the values and changes.' },
    targets: { control: 'text', description: 'JSON metric -> target.' },
    ...partArgTypes({
      tiles: 'The tile grid.',
      tile: 'One tile.',
      'tile-name': "A tile's metric name.",
      'tile-value': "A tile's value.",
      'tile-change': "A tile's change line.",
      sparkline: "A tile's sparkline.",
      target: "A tile's target line.",
      definition: "A tile's definition.",
    }),
    ...cssPropertyArgTypes({
      '--crm-tile-min-width': 'Smallest tile width before the grid wraps.',
      '--crm-color-positive': 'Change for the better.',
      '--crm-color-negative': 'Change for the worse.',
      '--crm-color-sparkline': 'Sparkline stroke.',
    }),
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-kpi-tiles ${viewAttributes(a)}
        metrics=${args.metrics}
        period=${args.period}
        targets=${args.targets || nothing}
      ></crm-kpi-tiles>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Loaded: Story = {};
export const Cdnow: Story = { name: 'CDNOW (orders only)', args: { state: 'cdnow', metrics: 'customers,revenue,orders,aov,retention,churn,repeat-rate,clv', targets: '' } };
export const CdnowChinese: Story = { name: 'CDNOW, zh-CN, dark', args: { state: 'cdnow', lang: 'zh-CN', theme: 'dark', period: 'quarter', metrics: 'customers,revenue,retention,repeat-rate', targets: '' } };
export const Quarterly: Story = { args: { period: 'quarter' } };
export const Chinese: Story = { args: { lang: 'zh-CN', currency: 'CNY' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 320 } };
export const Whitelabel: Story = {
  args: {
    labels: JSON.stringify({ 'kpi.title': 'Account health', 'kpi.churn-rate.name': 'Logo churn' }),
    '--crm-font-family': "'Trebuchet MS', sans-serif",
    '--crm-radius': '14px',
    '--crm-color-surface-raised': '#fff8ec',
    '--crm-color-sparkline': '#b35c00',
  },
};
export const OrdersOnly: Story = {
  name: 'Unavailable metrics (orders only)',
  render: (args) =>
    html`<div lang=${args.lang}>
      <crm-feed src="/__story/orders" retries="0">
        <crm-kpi-tiles metrics="revenue,nps,csat,cac,complaints"></crm-kpi-tiles>
      </crm-feed>
    </div>`,
};
export const PictureExport: Story = {
  name: 'Picture export (SVG / PNG)',
  args: { width: 520, targets: '{"retention": 0.8, "churn": 0.05}', metrics: 'customers,revenue,retention,churn,nps' },
  parameters: {
    docs: {
      description: {
        story:
          "The toolbar's SVG and PNG buttons save the tiles as they are laid out (`toSvg()`, `toPng()` at twice the size): boxes, names, values, changes in their tone colour, previous values, sparklines, targets and why a metric is unavailable, with the theme's colours and fonts inline. The image under the tiles is the exported SVG; change the width, theme or colours and export again.",
      },
    },
  },
  render: (args, context) =>
    html`<div class="picture-story">
      ${meta.render!(args, context)}
      <p><button type="button" @click=${previewPicture}>Export the picture</button> <output></output></p>
      <img alt="The exported SVG of the KPI tiles" hidden />
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
