/**
 * Our engine's part reader for the bench (src/node/part-reader.ts): started before the timed runs,
 * as a page starts its engine Worker (which starts its part reader) before data arrives.
 */
import { createPartReader } from '../../src/node/part-reader.ts';

/** A started part reader; throws when its thread cannot start (the figures would be one thread's). */
export async function startedPartReader() {
  const reader = createPartReader();
  if (!(await reader.started)) throw new Error('the part reader thread did not start');
  return reader;
}
