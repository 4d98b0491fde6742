import { css } from 'lit';

export const kpiTilesStyles = css`
  .tiles {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--crm-tile-min-width, 11rem), 1fr));
    gap: var(--_space-2);
  }
  .tile {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_space-1);
    padding: var(--_space-3);
    background: var(--_color-surface-raised);
    border: var(--_border-width) solid var(--_color-border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .name {
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
    margin: 0;
  }
  .value {
    font-size: var(--_font-size-large);
    font-weight: var(--_font-weight-strong);
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
    margin: 0;
  }
  .change {
    font-size: var(--_font-size-small);
    font-variant-numeric: tabular-nums;
    margin: 0;
  }
  .better {
    color: var(--_color-positive);
  }
  .worse {
    color: var(--_color-negative);
  }
  .neutral {
    color: var(--_color-neutral);
  }
  .previous,
  .reason {
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
    margin: 0;
  }
  .spark {
    width: 100%;
    height: 28px;
    display: block;
  }
  .spark path {
    fill: none;
    stroke: var(--_color-sparkline);
    stroke-width: 1.5px;
    vector-effect: non-scaling-stroke;
  }
  .spark circle {
    fill: var(--_color-sparkline);
  }
  .target {
    font-size: var(--_font-size-small);
    margin: 0;
    color: var(--_color-target);
  }
  .target.met .status {
    color: var(--_color-positive);
  }
  .target.missed .status {
    color: var(--_color-negative);
  }
  .definition {
    display: none;
    position: absolute;
    z-index: 1;
    inset-inline: 0;
    top: 100%;
    margin: var(--_space-1) 0 0;
    padding: var(--_space-2);
    font-size: var(--_font-size-small);
    color: var(--_color-text);
    background: var(--_color-surface);
    border: var(--_border-width) solid var(--_color-border);
    border-radius: var(--_radius-small);
  }
  .tile:hover .definition,
  .tile:focus .definition,
  .tile:focus-within .definition {
    display: block;
  }
  .tile.unavailable .value {
    color: var(--_color-text-muted);
  }
  .meta {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
`;
