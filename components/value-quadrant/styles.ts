import { css } from 'lit';

export const valueQuadrantStyles = css`
  .plot-wrap {
    position: relative;
    max-width: 100%;
  }
  .zoom {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1);
    margin-bottom: var(--_space-1);
    font-size: var(--_font-size-small);
  }
  .zoom button {
    min-width: 2em;
  }
  .zoom-level {
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .chart.pan .quadrant {
    cursor: grab;
  }
  .chart.panning .quadrant {
    cursor: grabbing;
  }
  .chart {
    position: absolute;
    inset: 0;
    display: block;
    overflow: visible;
    touch-action: none;
    user-select: none;
  }
  canvas.points {
    position: absolute;
    pointer-events: none;
  }
  .quadrant {
    fill: var(--_color-surface-raised);
    fill-opacity: 0.5;
    stroke: none;
    cursor: crosshair;
  }
  .quadrant.tier-strategic,
  .quadrant.tier-basic {
    fill-opacity: 0.9;
  }
  .over-canvas .quadrant {
    fill-opacity: 0;
  }
  .quadrant:focus {
    outline: none;
  }
  .quadrant:focus-visible,
  .quadrant.selected {
    stroke: var(--_color-accent);
    stroke-width: var(--_focus-width);
  }
  .decor {
    pointer-events: none;
  }
  .threshold {
    stroke: var(--_color-text-muted);
    stroke-width: 1px;
    stroke-dasharray: 4 3;
  }
  .point {
    fill-opacity: 0.75;
    stroke: none;
    transition: opacity var(--_transition-duration) ease;
  }
  .point.dim {
    opacity: 0.15;
  }
  .cursor {
    fill: none;
    stroke: var(--_color-accent);
    stroke-width: 2px;
  }
  .points-focus {
    outline: none;
  }
  .points-outline {
    fill: none;
    pointer-events: none;
    stroke: none;
  }
  .points-focus:focus-visible .points-outline {
    stroke: var(--_color-accent);
    stroke-width: var(--_focus-width);
  }
  #active-point {
    fill: none;
    stroke: var(--_color-accent);
    stroke-width: 2px;
    pointer-events: none;
  }
  .axis {
    fill: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .axis.tick {
    text-anchor: middle;
  }
  .axis.tick.y {
    text-anchor: end;
    dominant-baseline: central;
  }
  .tier-label text {
    font-size: var(--_font-size-small);
    fill: var(--_color-text);
    /* A halo in the surface colour keeps the names readable over dense points. */
    paint-order: stroke;
    stroke: var(--_color-surface);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .tier-label.end text {
    text-anchor: end;
  }
  .tier-name {
    font-weight: var(--_font-weight-strong);
  }
  .tier-label .tier-stats {
    fill: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .brush {
    fill: var(--_color-accent);
    fill-opacity: 0.12;
    stroke: var(--_color-accent);
    stroke-width: 1px;
  }
  .tooltip {
    position: absolute;
    z-index: 1;
    display: grid;
    gap: 2px;
    padding: var(--_space-1) var(--_space-2);
    background: var(--_color-surface-raised);
    border: var(--_border-width) solid var(--_color-border);
    border-radius: var(--_radius-small);
    font-size: var(--_font-size-small);
    font-variant-numeric: tabular-nums;
    pointer-events: none;
    white-space: nowrap;
    max-width: 16rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .meta {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
`;
