/**
 * Long life: a widget lives in someone else's page for days. Mounting and removing every widget a
 * thousand times, and a thousand refreshes of a feed, must leave nothing behind: no live Workers, no
 * pending timers or intervals, no listeners on window, document or media queries, no observed
 * elements; and, with a forced garbage collection (`--js-flags=--expose-gc`), the
 * removed elements must be collectable and the JS heap must not have grown
 * (`--enable-precise-memory-info` makes `performance.memory` exact).
 */
import { focusManager, onlineManager } from '@tanstack/query-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CrmFeed } from '../../components/feed/feed.js';
import { cleanup, hits, mount, ordersCsv, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

/** What is alive right now, counted by instrumenting the platform. */
interface Live {
  workers: number;
  timeouts: number;
  intervals: number;
  listeners: number;
  observed: number;
  /** Query clients still subscribed to query-core's global focus and online managers. */
  queryClients: number;
}

const live: Omit<Live, 'queryClients'> = { workers: 0, timeouts: 0, intervals: 0, listeners: 0, observed: 0 };
const subscribers = (manager: object) => (manager as unknown as { listeners: Set<unknown> }).listeners.size;
const snapshot = (): Live => ({ ...live, queryClients: Math.max(subscribers(focusManager), subscribers(onlineManager)) });

/** Installs the counters (once): Worker, timers, listeners on window/document/media queries, observers. */
function instrument(): void {
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    private alive = true;
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      live.workers++;
    }
    override terminate(): void {
      if (this.alive) live.workers--;
      this.alive = false;
      super.terminate();
    }
  };

  const pending = new Set<number>();
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = st(
      (...a: unknown[]) => {
        if (pending.delete(id)) live.timeouts--;
        if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    );
    pending.add(id);
    live.timeouts++;
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && pending.delete(id)) live.timeouts--;
    ct(id);
  }) as typeof window.clearTimeout;
  const intervals = new Set<number>();
  window.setInterval = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = si(fn, ms, ...args);
    intervals.add(id);
    live.intervals++;
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined && intervals.delete(id)) live.intervals--;
    ci(id);
  }) as typeof window.clearInterval;

  const watched = (target: EventTarget) => target === window || target === document || target instanceof MediaQueryList;
  const added = new WeakMap<EventTarget, Set<string>>();
  const key = (type: string, listener: unknown, options?: boolean | EventListenerOptions) =>
    `${type}|${typeof options === 'boolean' ? options : !!options?.capture}|${listenerId(listener)}`;
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const listenerId = (listener: unknown) => {
    if (!listener || typeof listener !== 'object' && typeof listener !== 'function') return 'none';
    if (!ids.has(listener)) ids.set(listener, ++nextId);
    return ids.get(listener);
  };
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    if (watched(this) && listener && !(typeof options === 'object' && options.once)) {
      const set = added.get(this) ?? new Set<string>();
      added.set(this, set);
      const k = key(type, listener, options);
      if (!set.has(k)) {
        set.add(k);
        live.listeners++;
      }
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    if (watched(this) && added.get(this)?.delete(key(type, listener, options))) live.listeners--;
    return remove.call(this, type, listener, options);
  };

  for (const Observer of [ResizeObserver, MutationObserver] as const) {
    const proto = Observer.prototype as unknown as { observe(t: Node): void; unobserve?(t: Node): void; disconnect(): void };
    const targets = new WeakMap<object, Set<Node>>();
    const { observe, unobserve, disconnect } = proto;
    proto.observe = function (target: Node, ...rest: unknown[]) {
      const set = targets.get(this) ?? new Set<Node>();
      targets.set(this, set);
      if (!set.has(target)) {
        set.add(target);
        live.observed++;
      }
      return (observe as (...a: unknown[]) => void).call(this, target, ...rest);
    };
    if (unobserve) {
      proto.unobserve = function (target: Node) {
        if (targets.get(this)?.delete(target)) live.observed--;
        return unobserve.call(this, target);
      };
    }
    proto.disconnect = function () {
      live.observed -= targets.get(this)?.size ?? 0;
      targets.get(this)?.clear();
      return disconnect.call(this);
    };
  }
}

const TAGS = ['crm-rfm-grid', 'crm-kpi-tiles', 'crm-churn-heatmap', 'crm-value-quadrant', 'crm-journey-map'];
const ROUNDS = 1000;
/** Each of these starts (and must stop) an engine Worker, which costs tens of milliseconds. */
const OWN_ROUNDS = 100;
/**
 * What the heap may grow by over the second half of a thousand rounds. The first half warms up:
 * compiled code, inline caches, and bounded buffers of the browser and of query-core that fill up
 * over the first few hundred loads (measured: ~200 bytes per load for 500 loads, then ~15). A leak of
 * a removed element, a listener closure or a cached result (hundreds of bytes and up, per round)
 * adds more than this over 500 rounds.
 */
const HEAP_SLACK_BYTES = 256 * 1024;
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Lets removal timers (the feed's deferred dispose) and pending analyses finish. */
async function settle(ms = 150): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await tick();
}

/**
 * How many of the refs the garbage collector cleared after a forced collection (the test browser runs
 * with `--js-flags=--expose-gc`, see scripts/chromium.mjs).
 */
async function collected(refs: WeakRef<object>[]): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Chromium must run with --js-flags=--expose-gc (scripts/chromium.mjs)');
  await tick(); // WeakRef targets stay alive until the current job ends
  gc();
  return refs.filter((r) => r.deref() === undefined).length;
}

/** The JS heap in use after forced collections, in bytes. */
async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  for (let i = 0; i < 3; i++) {
    await settle(20);
    gc();
  }
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  if (!memory) throw new Error('Chromium must expose performance.memory (scripts/chromium.mjs: --enable-precise-memory-info)');
  return memory.usedJSHeapSize;
}

/** Expects nearly every removed element to have been collected. */
async function expectCollected(refs: WeakRef<object>[]): Promise<void> {
  expect(await collected(refs)).toBeGreaterThanOrEqual(refs.length * 0.9);
}

/** Records for a tiny feed: 12 customers. */
function tinyRecords(): Record<string, unknown>[] {
  return ordersCsv(12, 31)
    .split('\n')
    .slice(1)
    .map((l) => {
      const [customer_id, date, amount] = l.split(',');
      return { customer_id, date, amount: Number(amount) };
    });
}

beforeAll(instrument);

describe('long life', () => {
  it(`mounts and removes every widget ${ROUNDS} times under a feed, and leaves nothing behind`, async () => {
    const feedRoot = mount('<crm-feed no-worker></crm-feed>');
    const feed = feedRoot.querySelector('crm-feed') as CrmFeed;
    feed.data = tinyRecords();
    await waitFor(() => feed.state.status === 'ready', 8000, 'feed ready');
    // warm up: every widget once, fully rendered
    const warm = TAGS.map((tag) => feed.appendChild(document.createElement(tag)));
    await waitFor(() => warm.every((w) => shadow(w)?.querySelector('.base')), 8000, 'warm-up render');
    warm.forEach((w) => w.remove());
    await settle();
    const before = snapshot();
    let heap = 0;
    const refs: WeakRef<object>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round === ROUNDS / 2) heap = await heapAfterGc();
      const widgets = TAGS.map((tag) => feed.appendChild(document.createElement(tag)));
      await Promise.all(widgets.map((w) => (w as unknown as { updateComplete: Promise<unknown> }).updateComplete));
      for (const w of widgets) {
        w.remove();
        if (round % 10 === 0) refs.push(new WeakRef(w));
      }
    }
    await settle();
    expect(snapshot()).toEqual(before);
    await expectCollected(refs);
    expect((await heapAfterGc()) - heap).toBeLessThan(HEAP_SLACK_BYTES);
  });

  it(`mounts and removes a widget with its own .data (and engine Worker) ${OWN_ROUNDS} times, and feeds with Workers ${OWN_ROUNDS / 10} times`, async () => {
    const records = tinyRecords();
    const host = mount('');
    const warm = host.appendChild(document.createElement('crm-rfm-grid')) as HTMLElement & { data: unknown };
    warm.data = records;
    await waitFor(() => shadow(warm)?.querySelector('rect.cell'), 8000, 'own-data warm-up');
    warm.remove();
    await settle();
    const before = snapshot();
    const refs: WeakRef<object>[] = [];
    for (let round = 0; round < OWN_ROUNDS; round++) {
      const grid = document.createElement('crm-rfm-grid') as HTMLElement & { data: unknown };
      grid.data = records;
      host.appendChild(grid);
      await (grid as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      grid.remove();
      refs.push(new WeakRef(grid));
    }
    await settle();
    expect(snapshot()).toEqual(before);
    for (let round = 0; round < OWN_ROUNDS / 10; round++) {
      const feed = host.appendChild(document.createElement('crm-feed')) as CrmFeed;
      feed.data = records;
      feed.appendChild(document.createElement('crm-kpi-tiles'));
      await waitFor(() => feed.state.status === 'ready', 8000, 'worker feed ready');
      expect(feed.engine.mode).toBe('worker');
      feed.remove();
    }
    await settle();
    expect(snapshot()).toEqual(before);
    await expectCollected(refs);
  });

  it(`refreshes an inline feed ${ROUNDS} times and a fetched one ${ROUNDS} times, and leaves nothing behind`, async () => {
    const csv = ordersCsv(8, 32);
    const url = await route('tiny.csv', [{ body: csv, headers: { 'content-type': 'text/csv' } }]);
    const base = snapshot();
    const root = mount(`<crm-feed retries="0"><script type="text/csv">${csv}</script><crm-rfm-grid></crm-rfm-grid></crm-feed>
      <crm-feed src="${url}" retries="0" timeout="5"><crm-rfm-grid></crm-rfm-grid></crm-feed>`);
    const [inline, fetched] = [...root.querySelectorAll('crm-feed')] as CrmFeed[];
    await waitFor(() => [...root.querySelectorAll('crm-rfm-grid')].every((g) => shadow(g).querySelector('rect.cell')), 8000, 'first loads');
    let heap = 0;
    const versions = new Set<number>();
    for (let round = 0; round < ROUNDS; round++) {
      if (round === ROUNDS / 2) heap = await heapAfterGc();
      await inline.reload();
      versions.add(inline.state.summary!.version);
    }
    expect(versions.size).toBe(ROUNDS);
    const inlineGrowth = (await heapAfterGc()) - heap;
    for (let round = 0; round < ROUNDS; round++) {
      if (round === ROUNDS / 2) heap = await heapAfterGc();
      await fetched.reload();
    }
    // every refresh fetched; none left a fetch timeout, abort listener or interval behind
    expect(await hits(url)).toBe(ROUNDS + 1);
    expect([inline.state.status, fetched.state.status]).toEqual(['ready', 'ready']);
    expect(inline.engine.mode).toBe('worker');
    expect(inlineGrowth).toBeLessThan(HEAP_SLACK_BYTES);
    expect((await heapAfterGc()) - heap).toBeLessThan(HEAP_SLACK_BYTES);
    root.remove();
    await settle();
    expect(snapshot()).toEqual(base);
  });
});
