/**
 * The KPI tiles as a picture: a plain description of the tiles as laid out (boxes, text runs at their
 * baselines, sparklines, all in pixels relative to the grid, with resolved colours and fonts) and the
 * standalone SVG document of it. Pure: no DOM; `snapshot.ts` reads the description off the page.
 */

/** One run of text on one line, positioned at its alphabetic baseline. */
export interface TextRun {
  readonly kind: 'text';
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly text: string;
  readonly fill: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly fontWeight: string;
  readonly fontStyle: string;
  /** Further text CSS that differs from the default, e.g. `font-variant-numeric: tabular-nums`. */
  readonly css: string;
}

/** A sparkline: its path in its own viewBox, stretched over its box as on the page. */
export interface Sparkline {
  readonly kind: 'spark';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly viewBox: string;
  readonly path: string;
  readonly stroke: string;
  readonly strokeWidth: number;
  /** The marker on the last point, if drawn. */
  readonly dot: { readonly cx: number; readonly cy: number; readonly r: number; readonly fill: string } | null;
}

/** A rectangle in grid pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One tile: its box and what it shows, in reading order. */
export interface TileShape extends Box {
  readonly metric: string;
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly radius: number;
  /** Inside the border: nothing of the tile is drawn outside it. */
  readonly clip: Box;
  readonly items: readonly (TextRun | Sparkline)[];
}

/** The whole grid of tiles. */
export interface TilesPicture {
  readonly width: number;
  readonly height: number;
  /** Colour behind the tiles (may be transparent). */
  readonly background: string;
  /** The document's title (the view's heading). */
  readonly title: string;
  readonly lang: string;
  /** The font most text uses (set once on the document; runs in another font name theirs). */
  readonly fontFamily: string;
  readonly tiles: readonly TileShape[];
}

// Characters XML 1.0 does not allow at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F):
// escaping cannot save them, so they are dropped, as the page does not show them either.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `text` as XML character data or attribute value: markup characters escaped, forbidden ones dropped. */
function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

function element(name: string, attributes: Readonly<Record<string, string | number | null>>, content?: string): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : xmlText(v)}"`)
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

function textElement(run: TextRun, fontFamily: string): string {
  return element(
    'text',
    {
      x: run.x,
      y: run.y,
      fill: run.fill,
      'font-family': run.fontFamily === fontFamily ? null : run.fontFamily,
      'font-size': run.fontSize,
      'font-weight': run.fontWeight,
      'font-style': run.fontStyle === 'normal' ? null : run.fontStyle,
      style: run.css || null,
      'xml:space': 'preserve',
    },
    xmlText(run.text),
  );
}

function sparkElement(spark: Sparkline): string {
  const line = element('path', {
    d: spark.path,
    fill: 'none',
    stroke: spark.stroke,
    'stroke-width': spark.strokeWidth,
    'stroke-linejoin': 'round',
    'vector-effect': 'non-scaling-stroke',
  });
  const dot = spark.dot ? element('circle', { cx: spark.dot.cx, cy: spark.dot.cy, r: spark.dot.r, fill: spark.dot.fill }) : '';
  return element(
    'svg',
    { x: spark.x, y: spark.y, width: spark.width, height: spark.height, viewBox: spark.viewBox, preserveAspectRatio: 'none' },
    line + dot,
  );
}

function tileElement(tile: TileShape, index: number, fontFamily: string): string {
  const clipId = `tile-clip-${index}`;
  const box = element('rect', {
    x: tile.x + tile.strokeWidth / 2,
    y: tile.y + tile.strokeWidth / 2,
    width: Math.max(0, tile.width - tile.strokeWidth),
    height: Math.max(0, tile.height - tile.strokeWidth),
    rx: tile.radius,
    fill: tile.fill,
    stroke: tile.strokeWidth > 0 ? tile.stroke : 'none',
    'stroke-width': tile.strokeWidth,
  });
  const clip = element('clipPath', { id: clipId }, element('rect', { ...tile.clip, rx: Math.max(0, tile.radius - tile.strokeWidth) }));
  const items = tile.items.map((item) => (item.kind === 'text' ? textElement(item, fontFamily) : sparkElement(item))).join('');
  return element('g', { class: 'tile', 'data-metric': tile.metric }, box + clip + element('g', { 'clip-path': `url(#${clipId})` }, items));
}

/** The standalone SVG document of the tiles (colours and fonts inline, every data string as escaped text). */
export function tilesSvg(picture: TilesPicture): string {
  const background = element('rect', { width: picture.width, height: picture.height, fill: picture.background });
  return element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      'xml:lang': picture.lang,
      'font-family': picture.fontFamily,
      width: picture.width,
      height: picture.height,
      viewBox: `0 0 ${num(picture.width)} ${num(picture.height)}`,
    },
    element('title', {}, xmlText(picture.title)) + background + picture.tiles.map((tile, i) => tileElement(tile, i, picture.fontFamily)).join(''),
  );
}
