import { css } from 'lit';

export const feedStyles = css`
  :host {
    display: block;
  }
  .status {
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
    margin: 0 0 var(--_space-2);
  }
  .status.error {
    color: var(--_color-error);
  }
  .status.stale {
    color: var(--_color-warning);
  }
`;
