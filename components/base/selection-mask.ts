/**
 * A feed selection as a 0/1 mask over Dataset customer indexes, made once per selection and shared by
 * every view on the feed. Views then read `mask[customer]` for each of their customers instead of
 * looking an id string up per customer (at 100k customers that look-up cost each view ~12 ms).
 */
import type { FeedSelection } from '../../src/feed/types.js';

const MASKS = new WeakMap<FeedSelection, { readonly customerIds: readonly string[]; readonly mask: Uint8Array }>();
const ID_INDEX = new WeakMap<readonly string[], Map<string, number>>();
const INDEXING = new WeakSet<readonly string[]>();

/** Customer lists up to this long are scanned per selection; an id index would save little. */
const SCAN_MAX = 10_000;

/**
 * Builds the id -> Dataset index map of a customer list while the page is idle (100k ids: ~10-20 ms
 * in one idle callback), so a selection by ids then looks up only its own ids instead of scanning
 * the list inside the task that handles it. Call it whenever a view gets its customer list.
 */
export function indexWhenIdle(customerIds: readonly string[]): void {
  if (customerIds.length <= SCAN_MAX || INDEXING.has(customerIds) || typeof requestIdleCallback !== 'function') return;
  INDEXING.add(customerIds);
  requestIdleCallback(() => {
    const index = new Map<string, number>();
    for (let c = 0; c < customerIds.length; c++) index.set(customerIds[c], c);
    ID_INDEX.set(customerIds, index);
  });
}

/**
 * 1 at the Dataset index of each of the selection's customers in `customerIds` (ids not there are
 * left out). Shared between callers: read-only. Through the list's id index when it is built (see
 * {@link indexWhenIdle}), else one pass over the list with a set of the selected ids.
 */
export function selectionMask(selection: FeedSelection, customerIds: readonly string[]): Uint8Array {
  const known = MASKS.get(selection);
  if (known?.customerIds === customerIds) return known.mask;
  const mask = new Uint8Array(customerIds.length);
  const index = ID_INDEX.get(customerIds);
  if (index) {
    for (const id of selection.customers) {
      const c = index.get(id);
      if (c !== undefined) mask[c] = 1;
    }
  } else {
    const selected = new Set(selection.customers);
    for (let c = 0; c < customerIds.length; c++) if (selected.has(customerIds[c])) mask[c] = 1;
  }
  MASKS.set(selection, { customerIds, mask });
  return mask;
}

/**
 * A selection of customers given by Dataset index, its mask made from the indexes directly, so the
 * views it reaches look no ids up.
 */
export function selectionOfIndexes(indexes: ArrayLike<number>, customerIds: readonly string[], selection: Omit<FeedSelection, 'customers'>): FeedSelection {
  const mask = new Uint8Array(customerIds.length);
  const customers = new Array<string>(indexes.length);
  for (let k = 0; k < indexes.length; k++) {
    mask[indexes[k]] = 1;
    customers[k] = customerIds[indexes[k]];
  }
  const out: FeedSelection = { ...selection, customers };
  MASKS.set(out, { customerIds, mask });
  return out;
}
