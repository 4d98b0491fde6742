import { css, unsafeCSS } from 'lit';
import { CATEGORICAL_COLOURS } from '../../src/theme/tokens.js';

const strokes = Array.from({ length: CATEGORICAL_COLOURS }, (_, i) => `.cat-stroke-${i + 1} { stroke: var(--_cat-${i + 1}); }`).join('\n');

export const journeyMapStyles = css`
  .chart {
    display: block;
    max-width: 100%;
    overflow: visible;
  }
  .flow {
    fill: none;
    stroke-opacity: 0.35;
  }
  ${unsafeCSS(strokes)}
  .return {
    fill: none;
    stroke: var(--_color-text-muted);
    stroke-opacity: 0.5;
    stroke-dasharray: 4 3;
  }
  .stage {
    fill: transparent;
    stroke: none;
    cursor: pointer;
  }
  .stage:focus {
    outline: none;
  }
  .stage:focus-visible,
  .stage.selected {
    stroke: var(--_color-accent);
    stroke-width: var(--_focus-width);
  }
  .node {
    pointer-events: none;
    stroke: none;
  }
  .acquired {
    fill: var(--_color-text-muted);
  }
  .stage-label {
    text-anchor: middle;
    font-size: var(--_font-size-small);
    font-weight: var(--_font-weight-strong);
    fill: var(--_color-text);
  }
  .axis {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    dominant-baseline: central;
  }
  .axis.channel {
    text-anchor: end;
  }
  .axis.section {
    font-weight: var(--_font-weight-strong);
    fill: var(--_color-text);
  }
  .row-line {
    stroke: var(--_color-border);
    stroke-width: 1px;
  }
  .touchpoint {
    fill: var(--_color-accent);
    fill-opacity: 0.55;
  }
  .touchpoint.pain {
    fill: var(--_color-negative);
    fill-opacity: 0.85;
  }
  .pain-mark {
    fill: var(--_color-negative);
    font-size: var(--_font-size-small);
    dominant-baseline: central;
  }
  .sentiment {
    fill: none;
    stroke: var(--_color-sparkline);
    stroke-width: 2px;
  }
  .sentiment-point {
    fill: var(--_color-sparkline);
  }
  .sentiment-value {
    text-anchor: middle;
    font-size: var(--_font-size-small);
    fill: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .step {
    cursor: pointer;
    stroke: none;
  }
  .step:focus {
    outline: none;
  }
  .step:focus-visible,
  .step.selected {
    stroke: var(--_color-accent);
    stroke-width: calc(var(--_focus-width) + 1px);
  }
  .step-name {
    text-anchor: end;
    dominant-baseline: central;
    font-size: var(--_font-size-small);
    fill: var(--_color-text);
  }
  .step-value,
  .conversion {
    dominant-baseline: central;
    font-size: var(--_font-size-small);
    fill: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .meta {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
`;
