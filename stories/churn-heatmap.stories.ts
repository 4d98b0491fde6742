import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, PURPLE_SEQUENTIAL, cssPropertyArgTypes, feedStory, partArgTypes, type FeedStoryArgs, viewAttributes } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  mode: 'cohort' | 'risk';
  period: 'month' | 'week' | 'quarter';
  measure: 'retention' | 'on-or-after';
  cohorts: number;
  groupBy: 'segment' | 'industry' | 'plan' | 'channel' | 'tier';
}

const meta: Meta<Args> = {
  title: 'Views/Churn heat map',
  component: 'crm-churn-heatmap',
  args: { ...FEED_STORY_ARGS, mode: 'cohort', period: 'month', measure: 'retention', cohorts: 12, groupBy: 'segment' },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    mode: { control: 'inline-radio', options: ['cohort', 'risk'], description: 'Cohort retention or churn-risk signals.' },
    period: { control: 'inline-radio', options: ['month', 'week', 'quarter'], description: 'Cohort period.' },
    measure: { control: 'inline-radio', options: ['retention', 'on-or-after'], description: 'Cohort share measure.' },
    cohorts: { control: { type: 'number', min: 1 }, description: 'Latest cohorts shown.' },
    groupBy: { name: 'group-by', control: 'select', options: ['segment', 'industry', 'plan', 'channel', 'tier'], description: 'Risk columns.' },
    ...partArgTypes({
      chart: 'The SVG matrix.',
      cell: 'A matrix cell.',
      'row-label': 'A row label.',
      'column-label': 'A column label.',
      legend: 'The colour legend.',
      meta: 'The as-of line and the signals not evaluated.',
    }),
    ...cssPropertyArgTypes({
      '--crm-seq-1': 'Sequential palette, lowest share (through --crm-seq-7).',
      '--crm-seq-7': 'Sequential palette, highest share.',
      '--crm-heatmap-partial-color': 'Hatching of periods still running.',
      '--crm-heatmap-cell-size': 'Largest cell width in pixels.',
    }),
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-churn-heatmap ${viewAttributes(a)}
        mode=${args.mode}
        period=${args.period}
        measure=${args.measure}
        cohorts=${args.cohorts}
        group-by=${args.groupBy}
      ></crm-churn-heatmap>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Cohorts: Story = {};
export const Cdnow: Story = { name: 'CDNOW cohorts', args: { state: 'cdnow' } };
export const CdnowChinese: Story = { name: 'CDNOW risk by tier, zh-CN, dark', args: { state: 'cdnow', mode: 'risk', groupBy: 'tier', lang: 'zh-CN', theme: 'dark' } };
export const CohortsOnOrAfter: Story = { args: { measure: 'on-or-after' } };
export const QuarterlyCohorts: Story = { args: { period: 'quarter' } };
export const RiskBySegment: Story = { args: { mode: 'risk' } };
export const RiskByTier: Story = { args: { mode: 'risk', groupBy: 'tier' } };
export const RiskByIndustry: Story = { args: { mode: 'risk', groupBy: 'industry' } };
export const Chinese: Story = { args: { lang: 'zh-CN', mode: 'risk', groupBy: 'tier' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 300 } };
export const Whitelabel: Story = {
  args: {
    mode: 'risk',
    labels: JSON.stringify({ 'heatmap.riskTitle': 'Accounts at risk', 'signal.noLogin': 'Dormant users' }),
    '--crm-font-family': 'Georgia, serif',
    '--crm-color-accent': '#7a1fa2',
    ...PURPLE_SEQUENTIAL,
  },
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const RiskNeedsEvents: Story = { args: { state: 'stale', mode: 'risk' } };
export const MissingOrders: Story = { args: { state: 'missing-orders' } };
