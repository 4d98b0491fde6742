/**
 * Design tokens: every colour, font, spacing and radius the widgets use, as a documented CSS custom
 * property with a light and a dark default. This list is the single source of the theme stylesheet and
 * of docs/theming.md.
 *
 * Palettes are colour-blind safe: the categorical one is Okabe–Ito, the sequential one a single-hue
 * blue ramp (lightness carries the value, so it reads in any colour-vision deficiency and in greyscale).
 */

/** One theme token. */
export interface Token {
  /** Public custom property, e.g. `--crm-color-surface`. */
  readonly name: string;
  readonly light: string;
  readonly dark: string;
  readonly description: string;
}

const SEQUENTIAL_LIGHT = ['#eef4fb', '#cfe0f1', '#a6c8e6', '#74a9d6', '#4a8bc4', '#2a6aa8', '#114a80'];
const SEQUENTIAL_DARK = ['#1c2733', '#1d3a57', '#21507c', '#2b68a0', '#4586c0', '#72a8dc', '#b1d0f2'];
const CATEGORICAL_LIGHT = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
const CATEGORICAL_DARK = ['#56b4e9', '#e69f00', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#f0e442', '#bbbbbb'];

/** Number of steps of the sequential palette. */
export const SEQUENTIAL_STEPS = SEQUENTIAL_LIGHT.length;
/** Number of colours of the categorical palette. */
export const CATEGORICAL_COLOURS = CATEGORICAL_LIGHT.length;

/** Every token, in documentation order. */
export const TOKENS: readonly Token[] = [
  { name: '--crm-font-family', light: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif', dark: '', description: 'Font of all text.' },
  { name: '--crm-font-size', light: '0.875rem', dark: '', description: 'Base font size.' },
  { name: '--crm-font-size-small', light: '0.75rem', dark: '', description: 'Axis labels, hints, table cells.' },
  { name: '--crm-font-size-large', light: '1.5rem', dark: '', description: 'Headline numbers (KPI values).' },
  { name: '--crm-font-weight-strong', light: '600', dark: '', description: 'Weight of headline numbers and titles.' },
  { name: '--crm-line-height', light: '1.4', dark: '', description: 'Line height of text.' },
  { name: '--crm-space-1', light: '4px', dark: '', description: 'Smallest gap.' },
  { name: '--crm-space-2', light: '8px', dark: '', description: 'Small gap (inside tiles, between controls).' },
  { name: '--crm-space-3', light: '12px', dark: '', description: 'Medium gap (tile padding).' },
  { name: '--crm-space-4', light: '16px', dark: '', description: 'Large gap (between sections).' },
  { name: '--crm-radius', light: '8px', dark: '', description: 'Corner radius of tiles and panels.' },
  { name: '--crm-radius-small', light: '3px', dark: '', description: 'Corner radius of cells, buttons and badges.' },
  { name: '--crm-border-width', light: '1px', dark: '', description: 'Width of borders.' },
  { name: '--crm-focus-width', light: '2px', dark: '', description: 'Width of focus and selection outlines.' },
  { name: '--crm-transition-duration', light: '150ms', dark: '', description: 'Duration of hover/selection transitions (0 under prefers-reduced-motion).' },
  { name: '--crm-color-surface', light: '#ffffff', dark: '#16181d', description: 'Background of the widget.' },
  { name: '--crm-color-surface-raised', light: '#f5f7fa', dark: '#20242c', description: 'Background of tiles, toolbars and table headers.' },
  { name: '--crm-color-text', light: '#1b1f24', dark: '#e6e9ed', description: 'Main text.' },
  { name: '--crm-color-text-muted', light: '#58616d', dark: '#a5adb8', description: 'Secondary text: hints, axes, definitions.' },
  { name: '--crm-color-border', light: '#d3d8df', dark: '#3a404a', description: 'Borders and grid lines.' },
  { name: '--crm-color-accent', light: '#0b5cc4', dark: '#75b0ff', description: 'Focus rings, selection, active controls.' },
  { name: '--crm-color-accent-text', light: '#ffffff', dark: '#0b1524', description: 'Text on the accent colour.' },
  { name: '--crm-color-positive', light: '#005f99', dark: '#6cc4f5', description: 'A change for the better (blue: safe for red-green colour blindness).' },
  { name: '--crm-color-negative', light: '#b34700', dark: '#ff9a57', description: 'A change for the worse (vermillion).' },
  { name: '--crm-color-neutral', light: '#58616d', dark: '#a5adb8', description: 'No change, or a metric without a good direction.' },
  { name: '--crm-color-warning', light: '#8a5a00', dark: '#e3b341', description: 'Stale-data marker.' },
  { name: '--crm-color-error', light: '#b3261e', dark: '#ff8a80', description: 'Error messages.' },
  { name: '--crm-color-ink-on-light', light: '#1b1f24', dark: '#111418', description: 'Text drawn on light palette steps.' },
  { name: '--crm-color-ink-on-dark', light: '#ffffff', dark: '#ffffff', description: 'Text drawn on dark palette steps.' },
  { name: '--crm-color-segment-outline', light: '#1b1f24', dark: '#e6e9ed', description: 'Outline of segment regions in the RFM grid.' },
  { name: '--crm-color-sparkline', light: '#0b5cc4', dark: '#75b0ff', description: 'Sparkline stroke.' },
  { name: '--crm-color-target', light: '#58616d', dark: '#a5adb8', description: 'Target marker.' },
  ...SEQUENTIAL_LIGHT.map((light, i) => ({
    name: `--crm-seq-${i + 1}`,
    light,
    dark: SEQUENTIAL_DARK[i],
    description: `Sequential palette step ${i + 1} of ${SEQUENTIAL_LIGHT.length} (heat maps; ${i === 0 ? 'lowest' : i === SEQUENTIAL_LIGHT.length - 1 ? 'highest' : 'rising'} values).`,
  })),
  ...CATEGORICAL_LIGHT.map((light, i) => ({
    name: `--crm-cat-${i + 1}`,
    light,
    dark: CATEGORICAL_DARK[i],
    description: `Categorical palette colour ${i + 1} of ${CATEGORICAL_LIGHT.length} (segments, tiers, stages).`,
  })),
];

/**
 * From this sequential step on, text on a cell takes the other ink: light steps get dark ink and
 * dark steps light ink (the light ramp darkens as values rise, the dark ramp lightens).
 */
export const INK_FLIP_STEP = 5;

/** The private variable a token resolves into inside a shadow root (`--crm-color-text` -> `--_color-text`). */
export function privateName(token: string): string {
  return token.replace(/^--crm-/, '--_');
}
