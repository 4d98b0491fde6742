/** Messages between the engine client (main thread) and the engine Worker. */
import type { DatasetSummary, FeedFailure, FeedInput } from './types.js';

/** Main thread -> Worker. */
export type EngineRequest =
  | { readonly id: number; readonly op: 'ingest'; readonly input: FeedInput }
  /** Rows to append to the current Dataset. */
  | { readonly id: number; readonly op: 'append'; readonly input: FeedInput }
  | { readonly id: number; readonly op: 'analyse'; readonly version: number; readonly name: string; readonly options: Record<string, unknown> };

/** Worker -> main thread. `ready` is sent once when the Worker's module has loaded. */
export type EngineResponse =
  | { readonly ready: true }
  | { readonly id: number; readonly progress: number }
  | { readonly id: number; readonly ok: true; readonly value: DatasetSummary | unknown }
  | { readonly id: number; readonly ok: false; readonly failure: FeedFailure };

/**
 * The bytes of an ingest or append request (fetched, or copied from the caller's), to transfer instead of copy. Records are not walked: a
 * host's `.data` may be huge or nested deeper than the stack.
 */
export function inputTransferables(input: FeedInput): Transferable[] {
  return input.sources.flatMap((s) => (s.kind === 'bytes' ? [s.bytes] : []));
}
