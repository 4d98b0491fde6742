/**
 * Reads the rendered KPI tiles into a {@link TilesPicture}: each tile's box, its visible text as runs
 * per line at their baselines, its sparkline, with the computed colours and fonts, all relative to the
 * grid. Lines come from the layout itself (one rect per character), so the picture wraps exactly as
 * the page does at any width; a line that runs past its tile's content box is ellipsised. The
 * definition (a hover tooltip) and screen-reader-only text are not part of the picture.
 */
import type { Box, Sparkline, TextRun, TileShape, TilesPicture } from './picture.js';

const LEFT_OUT = '.definition, .sr-only';
/** Text properties SVG text takes as CSS too, with their defaults (a host may set them on the parts). */
const TEXT_CSS = { 'font-variant-numeric': 'normal', 'font-stretch': '100%', 'letter-spacing': 'normal', 'text-transform': 'none' } as const;
const ELLIPSIS = '…';

interface FontMetrics {
  /** Distance from the top of a character's layout box to its baseline. */
  readonly ascent: number;
  readonly ellipsis: number;
}

type MeasureFont = (style: CSSStyleDeclaration) => FontMetrics;

function fontMeasurer(): MeasureFont {
  const context = document.createElement('canvas').getContext('2d')!;
  const cache = new Map<string, FontMetrics>();
  return (style) => {
    const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    let metrics = cache.get(font);
    if (!metrics) {
      context.font = font;
      const m = context.measureText('M');
      // fontBoundingBoxAscent is missing before Firefox 116: the glyph's own ascent is close enough
      metrics = { ascent: m.fontBoundingBoxAscent ?? m.actualBoundingBoxAscent, ellipsis: context.measureText(ELLIPSIS).width };
      cache.set(font, metrics);
    }
    return metrics;
  };
}

const px = (value: string): number => parseFloat(value) || 0;

/**
 * The user-perceived characters of a text with their offsets; code points where the browser has no
 * `Intl.Segmenter` (the module must still load there: the element registers on import).
 */
function clusters(text: string): Iterable<{ segment: string; index: number }> {
  if (typeof Intl.Segmenter === 'function') return new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
  const out: { segment: string; index: number }[] = [];
  let index = 0;
  for (const segment of text) {
    out.push({ segment, index });
    index += segment.length;
  }
  return out;
}

function relative(rect: DOMRect, origin: DOMRect): Box {
  return { x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height };
}

interface Line {
  readonly top: number;
  readonly left: number;
  readonly chars: { text: string; right: number }[];
  /** Whether characters past the content box were left out. */
  cut: boolean;
}

/** The runs of one text node, one per line it is laid out on; `limit` is the content box's right edge. */
function textRuns(node: Text, origin: DOMRect, limit: number, measure: MeasureFont): TextRun[] {
  const style = getComputedStyle(node.parentElement!);
  const { ascent, ellipsis } = measure(style);
  const css = Object.entries(TEXT_CSS)
    .filter(([name, initial]) => style.getPropertyValue(name) !== initial)
    .map(([name]) => `${name}: ${style.getPropertyValue(name)}`)
    .join('; ');
  const runs: TextRun[] = [];
  const finish = (line: Line): void => {
    const chars = line.chars;
    if (line.cut) {
      while (chars.length && (chars[chars.length - 1].right + ellipsis > limit || !chars[chars.length - 1].text.trim())) chars.pop();
      chars.push({ text: ELLIPSIS, right: limit });
    }
    const text = chars.map((c) => c.text).join('').trimEnd();
    if (!text) return;
    runs.push({
      kind: 'text',
      x: line.left - origin.left,
      y: line.top + ascent - origin.top,
      text,
      fill: style.color,
      fontFamily: style.fontFamily,
      fontSize: px(style.fontSize),
      fontWeight: style.fontWeight,
      fontStyle: style.fontStyle,
      css,
    });
  };
  const range = document.createRange();
  let line: Line | null = null;
  for (const { segment, index } of clusters(node.data)) {
    range.setStart(node, index);
    range.setEnd(node, index + segment.length);
    const rect = range.getBoundingClientRect();
    // Collapsed white space has no box.
    if (rect.width === 0) continue;
    const blank = !segment.trim();
    if (!line || Math.abs(rect.top - line.top) > 1) {
      if (line) finish(line);
      line = null;
      if (blank) continue;
      line = { top: rect.top, left: rect.left, chars: [], cut: false };
    }
    if (line.cut) continue;
    if (rect.right > limit + 0.5) {
      // A space hanging at the end of a wrapped line is not an overflow.
      if (!blank) line.cut = true;
      continue;
    }
    line.chars.push({ text: blank ? ' ' : segment, right: rect.right });
  }
  if (line) finish(line);
  return runs;
}

function sparkline(svg: SVGSVGElement, origin: DOMRect): Sparkline {
  const box = relative(svg.getBoundingClientRect(), origin);
  const path = svg.querySelector('path');
  const dot = svg.querySelector('circle');
  const line = path ? getComputedStyle(path) : undefined;
  return {
    kind: 'spark',
    ...box,
    viewBox: svg.getAttribute('viewBox') ?? `0 0 ${box.width} ${box.height}`,
    path: path?.getAttribute('d') ?? '',
    stroke: line?.stroke ?? 'none',
    strokeWidth: px(line?.strokeWidth ?? '1'),
    dot: dot ? { cx: dot.cx.baseVal.value, cy: dot.cy.baseVal.value, r: dot.r.baseVal.value, fill: getComputedStyle(dot).fill } : null,
  };
}

function tileShape(tile: HTMLElement, origin: DOMRect, measure: MeasureFont): TileShape {
  const rect = tile.getBoundingClientRect();
  const style = getComputedStyle(tile);
  const [top, right, bottom, left] = [style.borderTopWidth, style.borderRightWidth, style.borderBottomWidth, style.borderLeftWidth].map(px);
  const box = relative(rect, origin);
  const limit = rect.right - right - px(style.paddingRight);
  const items: (TextRun | Sparkline)[] = [];
  const walker = document.createTreeWalker(tile, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node instanceof Element && (node.matches(LEFT_OUT) || !(node.checkVisibility?.() ?? true) || node.parentElement instanceof SVGSVGElement)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof SVGSVGElement) items.push(sparkline(node, origin));
    else if (node instanceof Text) items.push(...textRuns(node, origin, limit, measure));
  }
  return {
    metric: tile.dataset.metric ?? '',
    ...box,
    fill: style.backgroundColor,
    stroke: style.borderTopColor,
    strokeWidth: top,
    radius: px(style.borderTopLeftRadius),
    clip: { x: box.x + left, y: box.y + top, width: box.width - left - right, height: box.height - top - bottom },
    items,
  };
}

/** The picture of the tiles in `grid` (the `ul.tiles` list) as laid out now. */
export function snapshotTiles(grid: HTMLElement, meta: { readonly title: string; readonly lang: string; readonly background: string }): TilesPicture {
  const origin = grid.getBoundingClientRect();
  const measure = fontMeasurer();
  return {
    ...meta,
    fontFamily: getComputedStyle(grid).fontFamily,
    width: Math.ceil(origin.width),
    height: Math.ceil(origin.height),
    tiles: [...grid.querySelectorAll<HTMLElement>(':scope > .tile')].map((tile) => tileShape(tile, origin, measure)),
  };
}
