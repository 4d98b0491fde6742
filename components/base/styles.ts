/** Styles every widget shares: toolbar, states, table fallback, focus rings, visually hidden text. */
import { css } from 'lit';

export const baseStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
    color: var(--_color-text);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .title {
    margin: 0;
    font-size: var(--_font-size);
    font-weight: var(--_font-weight-strong);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  button {
    font: inherit;
    font-size: var(--_font-size-small);
    color: var(--_color-text);
    background: var(--_color-surface-raised);
    border: var(--_border-width) solid var(--_color-border);
    border-radius: var(--_radius-small);
    padding: 2px var(--_space-2);
    cursor: pointer;
    min-height: 24px;
  }
  button[aria-pressed='true'] {
    background: var(--_color-accent);
    color: var(--_color-accent-text);
    border-color: var(--_color-accent);
  }
  :focus-visible {
    outline: var(--_focus-width) solid var(--_color-accent);
    outline-offset: 2px;
  }
  .state {
    padding: var(--_space-3);
    border: var(--_border-width) dashed var(--_color-border);
    border-radius: var(--_radius);
    color: var(--_color-text-muted);
  }
  .state p {
    margin: 0 0 var(--_space-1);
  }
  .state.error {
    color: var(--_color-error);
    border-color: var(--_color-error);
  }
  .state.error .title {
    font-weight: var(--_font-weight-strong);
  }
  .reasons {
    margin: 0;
    padding-inline-start: var(--_space-4);
    color: var(--_color-text);
  }
  .progress {
    margin-top: var(--_space-2);
    height: 4px;
    background: var(--_color-border);
    border-radius: 2px;
    overflow: hidden;
  }
  .progress .bar {
    height: 100%;
    background: var(--_color-accent);
    transition: width var(--_transition-duration) linear;
  }
  .progress .bar.indeterminate {
    width: 30%;
  }
  .stale {
    margin: 0;
    font-size: var(--_font-size-small);
    color: var(--_color-warning);
  }
  .stale .detail {
    color: var(--_color-text-muted);
  }
  .table-wrap {
    overflow: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    font-size: var(--_font-size-small);
    width: 100%;
  }
  caption {
    text-align: start;
    color: var(--_color-text-muted);
    padding-bottom: var(--_space-1);
  }
  th,
  td {
    padding: var(--_space-1) var(--_space-2);
    border-bottom: var(--_border-width) solid var(--_color-border);
    text-align: start;
  }
  thead th {
    background: var(--_color-surface-raised);
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;
