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
 * Posts copies, moving no buffer: moving one detaches it, and after the first detach in a thread
 * V8's typed-array code there checks every access for it (measured in Node: RFM + cohorts + the CLV
 * summary on 1M orders ~15 % slower; in a fresh Chromium Worker, whose code is mostly not optimised
 * yet, within the noise). So a result's arrays are copied as the message is posted and again as the
 * main thread takes it in, where before they were copied twice here and then moved. (A large CSV's
 * part still moves to the part reader unless the page is cross-origin isolated: `partBytes`.)
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
