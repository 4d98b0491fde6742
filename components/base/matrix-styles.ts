import { css } from 'lit';

/**
 * Styles of a matrix of selectable SVG cells (the RFM grid, the heat map): gaps drawn as surface-colour
 * strokes, focus and selection rings, dimming of cells outside another view's selection.
 */
export const matrixStyles = css`
  .chart {
    display: block;
    max-width: 100%;
    overflow: visible;
  }
  .cell {
    stroke: var(--_color-surface);
    stroke-width: var(--_cell-gap, 1px);
    cursor: pointer;
    transition: opacity var(--_transition-duration) ease;
  }
  .cell.empty {
    fill: var(--_color-surface-raised);
  }
  .cell:focus {
    outline: none;
  }
  .cell:focus-visible,
  .cell.selected {
    stroke: var(--_color-accent);
    stroke-width: calc(var(--_focus-width) + 1px);
  }
  .cell.dim {
    opacity: 0.3;
  }
`;
