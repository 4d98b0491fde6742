import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED_STORY_ARGS, FEED_STORY_ARG_TYPES, feedStory, type FeedStoryArgs } from './support/feed-story.js';

interface Args extends FeedStoryArgs {
  mode: 'cohort' | 'risk';
  period: 'month' | 'week' | 'quarter';
  measure: 'retention' | 'on-or-after';
  groupBy: 'segment' | 'industry' | 'plan' | 'channel' | 'tier';
}

const meta: Meta<Args> = {
  title: 'Views/Churn heat map',
  component: 'crm-churn-heatmap',
  args: { ...FEED_STORY_ARGS, mode: 'cohort', period: 'month', measure: 'retention', groupBy: 'segment' },
  argTypes: {
    ...FEED_STORY_ARG_TYPES,
    mode: { control: 'inline-radio', options: ['cohort', 'risk'] },
    period: { control: 'inline-radio', options: ['month', 'week', 'quarter'] },
    measure: { control: 'inline-radio', options: ['retention', 'on-or-after'] },
    groupBy: { control: 'select', options: ['segment', 'industry', 'plan', 'channel', 'tier'] },
  },
  render: (args) =>
    feedStory(
      args,
      (a) => html`<crm-churn-heatmap
        theme=${a.theme}
        currency=${a.currency}
        labels=${a.labels}
        mode=${args.mode}
        period=${args.period}
        measure=${args.measure}
        group-by=${args.groupBy}
      ></crm-churn-heatmap>`,
    ),
};
export default meta;

type Story = StoryObj<Args>;

export const Cohorts: Story = {};
export const CohortsOnOrAfter: Story = { args: { measure: 'on-or-after' } };
export const QuarterlyCohorts: Story = { args: { period: 'quarter' } };
export const RiskBySegment: Story = { args: { mode: 'risk' } };
export const RiskByTier: Story = { args: { mode: 'risk', groupBy: 'tier' } };
export const RiskByIndustry: Story = { args: { mode: 'risk', groupBy: 'industry' } };
export const Chinese: Story = { args: { lang: 'zh-CN', mode: 'risk', groupBy: 'tier' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Narrow: Story = { args: { width: 300 } };
export const Whitelabel: Story = {
  args: { mode: 'risk', labels: JSON.stringify({ 'heatmap.riskTitle': 'Accounts at risk', 'signal.noLogin': 'Dormant users' }) },
  render: (args) =>
    html`<div
      style="--crm-font-family: Georgia, serif; --crm-color-accent: #7a1fa2; --crm-seq-1: #f3e8f7; --crm-seq-2: #e0c4ec; --crm-seq-3: #c99ddd; --crm-seq-4: #ad73cb; --crm-seq-5: #8f4db5; --crm-seq-6: #6f2e96; --crm-seq-7: #4d1a6c;"
    >
      ${meta.render!(args, {} as never)}
    </div>`,
};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { args: { state: 'empty' } };
export const LoadError: Story = { args: { state: 'error' } };
export const Stale: Story = { args: { state: 'stale' } };
export const RiskNeedsEvents: Story = { args: { state: 'stale', mode: 'risk' } };
