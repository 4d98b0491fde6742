/**
 * Helpers for the element tests in real Chromium: routes on the loopback feed server, a seeded
 * orders feed, mounting markup and waiting for a condition.
 */
import { inject } from 'vitest';
import '../../src/index.js';
import { mulberry32 } from '../../src/engine/math/random.js';
import { ingestText } from '../../src/engine/ingest/index.js';
import { rfm, type RfmResult } from '../../src/engine/analyses/rfm/index.js';

/** Base URL of the loopback feed server. */
export const feedServer = (): string => inject('feedServer');

/** One response of a route (see test/support/http-server.ts). */
export interface RouteResponse {
  status?: number;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  delayMs?: number;
  chunks?: number;
  dripMs?: number;
  dropAfterBytes?: number;
}

let routeCounter = 0;

/** Registers a fresh route and returns its full URL. */
export async function route(name: string, responses: RouteResponse[]): Promise<string> {
  const path = `/${++routeCounter}-${Date.now()}-${name}`;
  await fetch(`${feedServer()}/__route`, { method: 'POST', body: JSON.stringify({ path, responses }) });
  return `${feedServer()}${path}`;
}

/** How many times a route was requested. */
export async function hits(url: string): Promise<number> {
  const path = new URL(url).pathname;
  return (await (await fetch(`${feedServer()}/__hits?path=${encodeURIComponent(path)}`)).json()) as number;
}

/**
 * An orders CSV (`customer_id,date,amount`) of `customers` customers over 2023-2024 with varied
 * frequency and recency; `extra` rows are appended verbatim.
 */
export function ordersCsv(customers = 80, seed = 7, extra: string[] = []): string {
  const rand = mulberry32(seed);
  const lines = ['customer_id,date,amount'];
  const start = Date.UTC(2023, 0, 1);
  const span = 730;
  for (let c = 1; c <= customers; c++) {
    const orders = 1 + Math.floor(rand() ** 2 * 12);
    const last = Math.floor(rand() * span);
    for (let o = 0; o < orders; o++) {
      const day = Math.max(0, last - Math.floor(rand() * 300));
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      lines.push(`C${String(c).padStart(3, '0')},${date},${(10 + rand() * 190).toFixed(2)}`);
    }
  }
  return [...lines, ...extra].join('\n');
}

/** Mounts markup in a fresh container on the page; returns the container. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

/** Removes every mounted container. */
export function cleanup(): void {
  document.body.replaceChildren();
}

/** Resolves once `check` returns a truthy value (polling), or rejects after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 8000, what = 'condition'): Promise<T> {
  const start = performance.now();
  for (;;) {
    let value: T | undefined | null | false;
    try {
      value = check();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The shadow root of an element. */
export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

declare global {
  interface Window {
    axe: {
      run(context: Element, options?: Record<string, unknown>): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
    };
  }
}

/** axe-core violations of an element (ids and the offending nodes), empty when clean. */
export async function axeViolations(el: Element): Promise<string[]> {
  // @ts-expect-error axe-core's browser bundle has no type declarations; it sets window.axe
  await import('axe-core/axe.min.js');
  const { violations } = await window.axe.run(el, { resultTypes: ['violations'] });
  return violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Gzips text with the browser's CompressionStream, as base64. */
export async function gzipBase64(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The RFM grid's shown customer count per cell (`r-f`). */
export function gridCounts(grid: Element): Map<string, number> {
  const rects = [...shadow(grid).querySelectorAll<SVGRectElement>('rect.cell')];
  return new Map(rects.map((r) => [`${r.dataset.r}-${r.dataset.f}`, Number(r.dataset.customers)]));
}

/** The engine's RFM customer count per cell (`r-f`) on ingesting `csv` in one go. */
export function engineGridCounts(csv: string): Map<string, number> {
  const result = rfm(ingestText(csv).dataset) as RfmResult & { available: true };
  return new Map(result.grid.map((c) => [`${c.r}-${c.f}`, c.customers]));
}

/** Whether the grid shows exactly the expected counts. */
export function sameGridCounts(grid: Element, expected: Map<string, number>): boolean {
  const shown = gridCounts(grid);
  return shown.size === expected.size && [...expected].every(([k, v]) => shown.get(k) === v);
}

