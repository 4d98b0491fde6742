/**
 * The theme stylesheet every element adopts. Each public token `--crm-x` resolves into a private
 * `--_x` on the host with the light default, the dark default under `theme="dark"` or a dark
 * `prefers-color-scheme` (unless `theme="light"`). Set the public property on the element or any
 * ancestor to restyle; it wins in both schemes.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';
import { TOKENS, SEQUENTIAL_STEPS, CATEGORICAL_COLOURS, INK_FLIP_STEP, privateName } from './tokens.js';

function declarations(scheme: 'light' | 'dark'): string {
  return TOKENS.filter((t) => scheme === 'light' || t.dark !== '')
    .map((t) => `${privateName(t.name)}: var(${t.name}, ${scheme === 'light' ? t.light : t.dark});`)
    .join('\n');
}

function inkRules(scheme: 'light' | 'dark'): string {
  const [low, high] = scheme === 'light' ? ['ink-on-light', 'ink-on-dark'] : ['ink-on-dark', 'ink-on-light'];
  const rules: string[] = [];
  for (let i = 1; i <= SEQUENTIAL_STEPS; i++) rules.push(`--_seq-ink-${i}: var(--_color-${i < INK_FLIP_STEP ? low : high});`);
  return rules.join('\n');
}

const fills = (() => {
  const rules: string[] = [];
  for (let i = 1; i <= SEQUENTIAL_STEPS; i++) {
    rules.push(`.seq-${i} { fill: var(--_seq-${i}); background-color: var(--_seq-${i}); color: var(--_seq-ink-${i}); }`);
    // Text over a palette step, haloed in that step's colour so a label that crosses into a neighbouring
    // cell keeps its contrast.
    rules.push(`.ink-${i} { fill: var(--_seq-ink-${i}); stroke: var(--_seq-${i}); stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }`);
  }
  for (let i = 1; i <= CATEGORICAL_COLOURS; i++) {
    rules.push(`.cat-${i} { fill: var(--_cat-${i}); stroke: var(--_cat-${i}); background-color: var(--_cat-${i}); }`);
  }
  return rules.join('\n');
})();

/** Host defaults, light/dark schemes, palette classes (`seq-N`, `ink-N`, `cat-N`), reduced motion. */
export const themeStyles: CSSResult = css`
  :host {
    ${unsafeCSS(declarations('light'))}
    ${unsafeCSS(inkRules('light'))}
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_color-text);
    background: var(--_color-surface);
  }
  :host([theme='dark']) {
    ${unsafeCSS(declarations('dark'))}
    ${unsafeCSS(inkRules('dark'))}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(declarations('dark'))}
      ${unsafeCSS(inkRules('dark'))}
      color-scheme: dark;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_transition-duration: 0ms;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  ${unsafeCSS(fills)}
`;
