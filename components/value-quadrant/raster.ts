/**
 * Point squares written straight into canvas pixels. At 100k points the canvas path API spends most
 * of a redraw rasterising rectangles (about 85 ms for 100k in Chromium); blending small squares into
 * the ImageData costs a few milliseconds, so zoom and pan frames stay short.
 */

/** An RGBA colour, channels 0-255, as the canvas draws it. */
export type Rgb = readonly [number, number, number];

/** The colour the canvas paints for a CSS colour (any syntax the canvas takes), read back from one pixel. */
export function canvasRgb(g: CanvasRenderingContext2D, colour: string): Rgb {
  g.save();
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.globalAlpha = 1;
  g.clearRect(0, 0, 1, 1);
  g.fillStyle = colour;
  g.fillRect(0, 0, 1, 1);
  const [r, gr, b] = g.getImageData(0, 0, 1, 1).data;
  g.clearRect(0, 0, 1, 1);
  g.restore();
  return [r, gr, b];
}

/**
 * Blends a `side` x `side` square at device pixel (x, y) in colour `rgb` at opacity `alpha` over
 * `data` (unpremultiplied RGBA rows of `width` pixels, as ImageData holds them): source-over, clipped
 * to the image.
 */
export function blendSquare(data: Uint8ClampedArray, width: number, height: number, x: number, y: number, side: number, rgb: Rgb, alpha: number): void {
  const x0 = Math.max(0, x);
  const x1 = Math.min(width, x + side);
  const y0 = Math.max(0, y);
  const y1 = Math.min(height, y + side);
  for (let row = y0; row < y1; row++) {
    for (let col = x0; col < x1; col++) {
      const k = (row * width + col) * 4;
      const below = (data[k + 3] / 255) * (1 - alpha);
      const out = alpha + below;
      data[k] = (rgb[0] * alpha + data[k] * below) / out;
      data[k + 1] = (rgb[1] * alpha + data[k + 1] * below) / out;
      data[k + 2] = (rgb[2] * alpha + data[k + 2] * below) / out;
      data[k + 3] = out * 255;
    }
  }
}
