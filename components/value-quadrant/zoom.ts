/**
 * The value quadrant's visible domain (pure): which part of the 0-100 x 0-100 score square the plot
 * shows, zoomed about a point and panned, always inside the square and never closer than
 * {@link MAX_ZOOM} times.
 */

/** Visible score ranges: current value `x0..x1`, potential value `y0..y1` (0-100). */
export interface Domain {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The whole score square. */
export const FULL_DOMAIN: Domain = { x0: 0, x1: 100, y0: 0, y1: 100 };

/** Deepest zoom: the plot shows no less than 1/MAX_ZOOM of each axis. */
export const MAX_ZOOM = 64;

/** Zoom factor of one button press or key press. */
export const ZOOM_STEP = 2;

/** A range of length `span` (clamped to the allowed spans) placed as close to `start` as [0, 100] allows. */
function placed(start: number, span: number): [number, number] {
  const s = Math.min(100, Math.max(100 / MAX_ZOOM, span));
  const a = Math.min(100 - s, Math.max(0, start));
  return [a, a + s];
}

/** `d` zoomed by `factor` (> 1 in, < 1 out) keeping the score point (cx, cy) where it is on screen. */
export function zoomAt(d: Domain, factor: number, cx: number, cy: number): Domain {
  const sx = Math.min(100, Math.max(100 / MAX_ZOOM, (d.x1 - d.x0) / factor));
  const sy = Math.min(100, Math.max(100 / MAX_ZOOM, (d.y1 - d.y0) / factor));
  const [x0, x1] = placed(cx - ((cx - d.x0) / (d.x1 - d.x0)) * sx, sx);
  const [y0, y1] = placed(cy - ((cy - d.y0) / (d.y1 - d.y0)) * sy, sy);
  return { x0, x1, y0, y1 };
}

/** `d` moved by (dx, dy) score units, stopping at the edges of the square. */
export function panBy(d: Domain, dx: number, dy: number): Domain {
  const [x0, x1] = placed(d.x0 + dx, d.x1 - d.x0);
  const [y0, y1] = placed(d.y0 + dy, d.y1 - d.y0);
  return { x0, x1, y0, y1 };
}

/** Whether `d` shows the whole square. */
export function isFull(d: Domain): boolean {
  return d.x0 <= 0 && d.x1 >= 100 && d.y0 <= 0 && d.y1 >= 100;
}

/** Whether the score point (x, y) is inside `d`. */
export function inDomain(d: Domain, x: number, y: number): boolean {
  return x >= d.x0 && x <= d.x1 && y >= d.y0 && y <= d.y1;
}

/** The domain between `a` (t = 0) and `b` (t = 1), for an animated zoom. */
export function between(a: Domain, b: Domain, t: number): Domain {
  const mix = (u: number, v: number) => u + (v - u) * t;
  return { x0: mix(a.x0, b.x0), x1: mix(a.x1, b.x1), y0: mix(a.y0, b.y0), y1: mix(a.y1, b.y1) };
}
