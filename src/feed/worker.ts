/**
 * The engine Worker: ingest, appends and analyses off the main thread. Loaded by the engine client as
 * `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`. A copy of it started
 * under the part reader's name reads parts of large CSV feeds for it instead (part-reader.ts).
 */
import { EngineCore } from './engine-core.js';
import { onDemand } from '../engine/ingest/parallel.js';
import { PART_READER_NAME, servePartReader, startPartReader } from './part-reader.js';
import type { EngineRequest, EngineResponse } from './protocol.js';
import { failureOf } from './types.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * Posts copies, moving no buffer: a moved buffer is detached, which slows this thread's typed-array
 * code for good (docs/architecture.md, "The engine's thread moves no buffer out"). A result's arrays
 * are copied as the message is posted and again as the main thread takes it in.
 */
function post(message: EngineResponse): void {
  scope.postMessage(message);
}

/** Answers the engine client's requests with one engine. */
function serveEngine(core: EngineCore): void {
  scope.addEventListener('message', async (event: MessageEvent<EngineRequest>) => {
    const request = event.data;
    try {
      if (request.op === 'ingest' || request.op === 'append') {
        const onProgress = (progress: number) => post({ id: request.id, progress });
        const value = await (request.op === 'ingest' ? core.ingest(request.input, onProgress) : core.append(request.input, onProgress));
        post({ id: request.id, ok: true, value });
      } else {
        post({ id: request.id, ok: true, value: core.analyse(request.version, request.name, request.options) });
      }
    } catch (error) {
      post({ id: request.id, ok: false, failure: failureOf(error) });
    }
  });
  post({ ready: true });
}

if (scope.name === PART_READER_NAME) servePartReader(scope);
else serveEngine(new EngineCore(onDemand(() => startPartReader(scope.location.href))));
