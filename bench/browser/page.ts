/**
 * The in-page side of the browser benchmark (bench/browser/run.mjs builds it with vite and drives it
 * from Playwright): the engine through the engine client in its Worker, and the six views rendering
 * their results, with the main thread's long tasks watched by a PerformanceObserver. Exposes
 * `window.crmBench`; every function returns plain numbers for the Node side to aggregate.
 */
import '../../src/index.js';
import { canonicalJson } from '../../src/feed/canonical-json.js';
import { EngineClient } from '../../src/feed/engine-client.js';
import type { FeedSelection } from '../../src/feed/types.js';
import type { CrmFeed } from '../../components/feed/feed.js';

/** One analysis request, as a view makes it. */
interface Request {
  readonly name: string;
  readonly options: Record<string, unknown>;
}

/** A view of the dashboard: its tag and attributes (besides `as-of`). */
type ViewSpec = readonly [tag: string, attributes: Readonly<Record<string, string>>];

/**
 * The dashboard: every view once, and the churn heat map in both modes. An orders-only feed has no
 * customer segments, so the risk heat map groups by value tier (as the Node bench does).
 */
const DASHBOARD: readonly ViewSpec[] = [
  ['crm-kpi-tiles', {}],
  ['crm-rfm-grid', {}],
  ['crm-value-quadrant', {}],
  ['crm-journey-map', {}],
  ['crm-churn-heatmap', {}],
  ['crm-churn-heatmap', { mode: 'risk', 'group-by': 'tier' }],
];

/**
 * A main-thread long task (> 50 ms), relative to the start of what was watched. `renderMs` is the
 * style, layout and paint part of the long animation frame that holds it (the rest is script), when
 * one does.
 */
interface LongTask {
  readonly start: number;
  readonly ms: number;
  readonly renderMs?: number;
}

/** The parts of a 'long-animation-frame' entry read here. */
interface AnimationFrameTiming extends PerformanceEntry {
  readonly renderStart: number;
}

/** Watches long tasks (and long animation frames) on the main thread from `start()` to `stop()`. */
class LongTaskWatch {
  private readonly entries: PerformanceEntry[] = [];
  private readonly frames: AnimationFrameTiming[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));
  private readonly frameObserver = new PerformanceObserver((list) => this.frames.push(...(list.getEntries() as AnimationFrameTiming[])));
  private from = 0;

  start(): void {
    this.from = performance.now();
    this.observer.observe({ type: 'longtask' });
    this.frameObserver.observe({ type: 'long-animation-frame' });
  }

  /** Stops after a moment (entries are delivered late) and returns the tasks since `start()`. */
  async stop(): Promise<LongTask[]> {
    await sleep(200);
    this.entries.push(...this.observer.takeRecords());
    this.frames.push(...(this.frameObserver.takeRecords() as AnimationFrameTiming[]));
    this.observer.disconnect();
    this.frameObserver.disconnect();
    return this.entries
      .filter((e) => e.startTime + e.duration >= this.from)
      .map((e) => {
        const frame = this.frames.find((f) => f.startTime <= e.startTime + 1 && e.startTime <= f.startTime + f.duration);
        const renderMs = frame && frame.renderStart > 0 ? frame.startTime + frame.duration - frame.renderStart : undefined;
        return { start: round(e.startTime - this.from), ms: round(e.duration), ...(renderMs === undefined ? {} : { renderMs: round(renderMs) }) };
      });
  }
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const round = (ms: number) => Math.round(ms * 10) / 10;
/**
 * Times of the frames drawn since the page started: a task right after each animation frame (so
 * style, layout and paint of that frame are done). Recorded by a rAF loop, not by whoever waits, so
 * a waiter that wakes late still gets the frame that followed its update.
 */
const frames: number[] = [];
function recordFrames(): void {
  requestAnimationFrame(() => {
    setTimeout(() => frames.push(performance.now()), 0);
    recordFrames();
  });
}
recordFrames();

/** The first frame drawn after time `t`. */
async function frameAfter(t: number): Promise<number> {
  for (;;) {
    const f = frames.find((x) => x > t);
    if (f !== undefined) return f;
    await sleep(4);
  }
}

/** A view element made from its spec (not connected). */
function viewElement([tag, attributes]: ViewSpec, asOf: string): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('as-of', asOf);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** The requests the dashboard's views make (read from the views themselves), each once. */
function dashboardRequests(asOf: string): Request[] {
  const byKey = new Map<string, Request>();
  for (const spec of DASHBOARD) {
    const view = viewElement(spec, asOf) as unknown as { requests(): Request[] };
    for (const r of view.requests()) byKey.set(canonicalJson(r), r);
  }
  return [...byKey.values()];
}

/** What one engine run measured (ms). */
export interface EngineRun {
  /** Starting the Worker until it answers. */
  readonly startMs: number;
  /** Ingest of the CSV bytes (transfer to the Worker, parse, Dataset, summary back). */
  readonly ingestMs: number;
  /** Each analysis, asked one after another, until its result is on the main thread. */
  readonly analyses: Record<string, { ms: number; available: boolean }>;
  readonly analysesMs: number;
  readonly totalMs: number;
  readonly mode: string | undefined;
  readonly rows: number;
  readonly customers: number;
  readonly longTasks: LongTask[];
}

/** Ingest and every dashboard analysis in the Worker, timed apart, long tasks watched. */
async function engine(url: string, asOf: string): Promise<EngineRun> {
  const requests = dashboardRequests(asOf);
  const bytes = await (await fetch(url)).arrayBuffer();
  const t0 = performance.now();
  const client = new EngineClient();
  // An analysis of a Dataset that does not exist: answered (rejected) once the Worker runs.
  await client.analyse(-1, 'rfm').catch(() => undefined);
  const startMs = performance.now() - t0;
  const watch = new LongTaskWatch();
  watch.start();
  const t1 = performance.now();
  const summary = await client.load({ sources: [{ kind: 'bytes', bytes, fileName: 'orders.csv' }] });
  const t2 = performance.now();
  const analyses: EngineRun['analyses'] = {};
  for (const r of requests) {
    const t = performance.now();
    const result = (await client.analyse(summary.version, r.name, r.options)) as { available?: boolean };
    analyses[label(r)] = { ms: round(performance.now() - t), available: result?.available !== false };
  }
  const t3 = performance.now();
  const longTasks = await watch.stop();
  const mode = client.mode;
  client.dispose();
  return {
    startMs: round(startMs),
    ingestMs: round(t2 - t1),
    analyses,
    analysesMs: round(t3 - t2),
    totalMs: round(t3 - t1),
    mode,
    rows: summary.tables.orders ?? 0,
    customers: summary.customerIds.length,
    longTasks,
  };
}

/** A request's name, with the options that tell two requests of one analysis apart. */
function label(r: Request): string {
  const extra = Object.entries(r.options).filter(([k, v]) => k !== 'asOf' && typeof v === 'string');
  return extra.length ? `${r.name} (${extra.map(([, v]) => v).join(', ')})` : r.name;
}

/** One update of a view: when it started, how long it took, whether it had results. */
interface UpdateRecord {
  readonly start: number;
  readonly ms: number;
  readonly vmMs: number;
  readonly hasResults: boolean;
}

/** Updates of every view, recorded by wrapping the view classes' `update` and `viewModel`. */
const updates = new Map<Element, UpdateRecord[]>();
let instrumented = false;

function instrument(): void {
  if (instrumented) return;
  instrumented = true;
  for (const tag of new Set(DASHBOARD.map(([t]) => t))) {
    const proto = customElements.get(tag)!.prototype as Record<string, (...args: unknown[]) => unknown>;
    const update = proto.update;
    const viewModel = proto.viewModel;
    let vmMs = 0;
    proto.viewModel = function (this: Element, ...args: unknown[]) {
      const t = performance.now();
      const vm = viewModel.apply(this, args);
      vmMs += performance.now() - t;
      return vm;
    };
    proto.update = function (this: Element & { results?: unknown }, ...args: unknown[]) {
      vmMs = 0;
      const start = performance.now();
      update.apply(this, args);
      const list = updates.get(this) ?? [];
      list.push({ start, ms: performance.now() - start, vmMs, hasResults: this.results !== undefined });
      updates.set(this, list);
    };
  }
}

/** The first update of `el` that starts at or after `since` and matches, within `timeoutMs`. */
async function updateAfter(el: Element, since: number, timeoutMs: number, match: (u: UpdateRecord) => boolean = () => true): Promise<UpdateRecord | undefined> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const found = updates.get(el)?.find((u) => u.start >= since && match(u));
    if (found || performance.now() > until) return found;
    await sleep(5);
  }
}

/** One view's render times (ms): its update (view model + Lit render + DOM commit) and to the next frame. */
export interface RenderTime {
  readonly view: string;
  readonly vmMs: number;
  readonly updateMs: number;
  readonly frameMs: number;
}

/** What one render run measured. */
export interface RenderRun {
  readonly customers: number;
  /** Load to every view drawn. */
  readonly loadMs: number;
  readonly first: RenderTime[];
  readonly selection: (RenderTime | { view: string; none: true })[];
  readonly selectionLongTasks: LongTask[];
  readonly quadrant?: { hover: Interaction[]; pan: Interaction[]; brush: Interaction; brushed: number; longTasks: LongTask[] };
}

/** A view's key in the report: its tag, and the mode when it has one. */
const viewName = (el: Element) => `${el.localName}${el.getAttribute('mode') ? ` (${el.getAttribute('mode')})` : ''}`;

/**
 * Mounts a feed of `url` with every view, and measures each view's first render after its results
 * land, the re-render after a selection made through the feed, and (with `interact`) hover, pan and
 * brush on the value quadrant.
 */
async function render(url: string, asOf: string, interact: boolean): Promise<RenderRun> {
  instrument();
  updates.clear();
  document.body.replaceChildren();
  const feed = document.createElement('crm-feed');
  feed.setAttribute('as-of', asOf);
  const views = DASHBOARD.map((spec) => viewElement(spec, asOf));
  for (const view of views) view.style.display = 'block';
  feed.append(...views);
  document.body.append(feed);
  const t0 = performance.now();
  feed.setAttribute('src', url);
  const first: RenderTime[] = [];
  await Promise.all(
    views.map(async (view) => {
      const u = await updateAfter(view, t0, 120_000, (x) => x.hasResults);
      if (!u) throw new Error(`${viewName(view)} never drew its results`);
      const frame = await frameAfter(u.start + u.ms);
      first.push({ view: viewName(view), vmMs: round(u.vmMs), updateMs: round(u.ms), frameMs: round(frame - u.start) });
    }),
  );
  const loadMs = round(performance.now() - t0);
  await sleep(300);

  // The feed's handle: what views publish their selections through.
  const controller = (feed as CrmFeed).feedHandle;
  const ids = controller.state.summary?.customerIds ?? [];
  // Every 100th customer: a selection of 1 % that every view intersects with its own data.
  const customers = ids.filter((_, i) => i % 100 === 0);
  const watch = new LongTaskWatch();
  watch.start();
  const t1 = performance.now();
  controller.select({ customers, source: 'bench', key: 'bench:every-100th', label: 'every 100th customer' });
  const selection = await Promise.all(
    views.map(async (view) => {
      const u = await updateAfter(view, t1, 2000);
      if (!u) return { view: viewName(view), none: true as const };
      const frame = await frameAfter(u.start + u.ms);
      return { view: viewName(view), vmMs: round(u.vmMs), updateMs: round(u.ms), frameMs: round(frame - t1) };
    }),
  );
  const selectionLongTasks = await watch.stop();
  controller.select(null);
  await sleep(300);

  const quadrant = interact ? await quadrantInteractions(views.find((v) => v.localName === 'crm-value-quadrant')!) : undefined;
  return { customers: ids.length, loadMs, first, selection, selectionLongTasks, quadrant };
}

/** Dispatches a pointer event on the quadrant's chart. */
function pointer(chart: Element, type: string, x: number, y: number, shiftKey = false): void {
  chart.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, button: 0, pointerId: 1, shiftKey }));
}

/** One interaction: ms from the act until the quadrant's next update was drawn, and that update's own ms. */
interface Interaction {
  readonly ms: number;
  readonly updateMs: number;
  readonly vmMs: number;
}

/** Times `act` on the quadrant: until its next update has been drawn (NaN when it did not update). */
async function timed(quadrant: Element, act: () => void): Promise<Interaction> {
  const t = performance.now();
  act();
  const u = await updateAfter(quadrant, t, 2000);
  if (!u) return { ms: NaN, updateMs: NaN, vmMs: NaN };
  const frame = await frameAfter(u.start + u.ms);
  return { ms: round(frame - t), updateMs: round(u.ms), vmMs: round(u.vmMs) };
}

/** Hover (tooltip of the point under the pointer), Shift+drag pan and a brush on the quadrant. */
async function quadrantInteractions(quadrant: Element): Promise<NonNullable<RenderRun['quadrant']>> {
  const root = quadrant.shadowRoot!;
  const chart = root.querySelector('svg.chart')!;
  const plot = root.querySelector('rect[data-tier="strategic"]')?.getBoundingClientRect() ?? chart.getBoundingClientRect();
  const watch = new LongTaskWatch();
  watch.start();
  const hover: Interaction[] = [];
  for (let i = 0; i < 10; i++) {
    const x = plot.left + plot.width * (0.2 + 0.06 * i);
    const y = plot.top + plot.height * (0.8 - 0.05 * i);
    hover.push(await timed(quadrant, () => pointer(chart, 'pointermove', x, y)));
  }
  pointer(chart, 'pointerleave', plot.left - 10, plot.top - 10);
  (quadrant as unknown as { zoomBy(f: number): void }).zoomBy(2);
  await sleep(600);
  const pan: Interaction[] = [];
  const cx = plot.left + plot.width / 2;
  const cy = plot.top + plot.height / 2;
  pointer(chart, 'pointerdown', cx, cy, true);
  for (let i = 1; i <= 10; i++) pan.push(await timed(quadrant, () => pointer(chart, 'pointermove', cx - 8 * i, cy + 5 * i, true)));
  pointer(chart, 'pointerup', cx - 80, cy + 50, true);
  (quadrant as unknown as { resetZoom(): void }).resetZoom();
  await sleep(600);
  let brushed = 0;
  quadrant.addEventListener('crm-select', (e) => (brushed = (e as CustomEvent<FeedSelection | null>).detail?.customers.length ?? 0), { once: true });
  pointer(chart, 'pointerdown', plot.left + 2, plot.top + 2);
  pointer(chart, 'pointermove', plot.left + plot.width / 2, plot.top + plot.height / 2);
  await sleep(100);
  const brush = await timed(quadrant, () => pointer(chart, 'pointerup', plot.left + plot.width / 2, plot.top + plot.height / 2));
  const longTasks = await watch.stop();
  return { hover, pan, brush, brushed, longTasks };
}

declare global {
  interface Window {
    crmBench: { engine: typeof engine; render: typeof render };
  }
}

window.crmBench = { engine, render };
