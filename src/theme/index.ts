/** Theme: design tokens as CSS custom properties, colour-blind-safe palettes, light and dark. */
export { TOKENS, SEQUENTIAL_STEPS, CATEGORICAL_COLOURS, INK_FLIP_STEP, privateName, type Token } from './tokens.js';
export { themeStyles } from './styles.js';
