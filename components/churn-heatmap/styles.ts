import { css } from 'lit';

export const churnHeatmapStyles = css`
  .hatch-line {
    stroke: var(--crm-heatmap-partial-color, var(--_color-text-muted));
    stroke-width: 1.5px;
    opacity: 0.6;
  }
  .partial-mark {
    pointer-events: none;
  }
  .value {
    pointer-events: none;
    text-anchor: middle;
    dominant-baseline: central;
    font-size: var(--_font-size-small);
    font-variant-numeric: tabular-nums;
  }
  .axis {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    dominant-baseline: central;
  }
  .axis.col {
    text-anchor: middle;
  }
  .axis.row {
    text-anchor: end;
  }
  .legend-label {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    dominant-baseline: central;
  }
  .legend-partial {
    fill: var(--_color-surface-raised);
    stroke: var(--_color-border);
  }
  .meta {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
`;
