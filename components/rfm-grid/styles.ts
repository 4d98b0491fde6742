import { css } from 'lit';

export const rfmGridStyles = css`
  :host {
    --_cell-gap: 2px;
  }
  .outline {
    fill: none;
    stroke: var(--_color-segment-outline);
    stroke-width: 2px;
    stroke-linecap: square;
    pointer-events: none;
  }
  .segment-label,
  .count {
    pointer-events: none;
    text-anchor: middle;
    dominant-baseline: central;
    font-size: var(--_font-size-small);
  }
  .segment-label {
    font-weight: var(--_font-weight-strong);
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  .axis {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .axis.ticks {
    text-anchor: middle;
    dominant-baseline: central;
  }
  .legend-label {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    dominant-baseline: central;
  }
  .meta {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .option {
    display: grid;
    grid-template-columns: minmax(8rem, 1.4fr) minmax(4rem, 2fr) auto auto;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-1) var(--_space-2);
    border-radius: var(--_radius-small);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  .option:hover {
    background: var(--_color-surface-raised);
  }
  .option[aria-selected='true'] {
    box-shadow: inset 0 0 0 var(--_focus-width) var(--_color-accent);
  }
  .swatch {
    display: inline-block;
    width: 0.75em;
    height: 0.75em;
    border-radius: 2px;
    margin-inline-end: var(--_space-1);
    vertical-align: baseline;
  }
  .share {
    height: 0.6em;
    background: var(--_color-border);
    border-radius: 2px;
    overflow: hidden;
  }
  .share > div {
    height: 100%;
    background: var(--_seq-5);
  }
  .option .num {
    text-align: end;
  }
`;
