/**
 * The engine Worker: ingest, appends and analyses off the main thread. Loaded by the engine client as
 * `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`. A copy of it started
 * under the part reader's name reads parts of large CSV feeds for it instead (part-reader.ts).
 */
import { EngineCore } from './engine-core.js';
import { onDemand } from '../engine/ingest/parallel.js';
import { PART_READER_NAME, servePartReader, startPartReader } from './part-reader.js';
import { transferables, type EngineRequest, type EngineResponse } from './protocol.js';
import { failureOf } from './types.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: EngineResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
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
        // The engine shares what it derives between analyses (value tiers, fits), so a result may hold
        // typed arrays it reads again: moving those would detach them. The copy is made here, off the
        // main thread, and the copy's buffers move, so the main thread does not copy them again.
        const value = structuredClone(core.analyse(request.version, request.name, request.options));
        post({ id: request.id, ok: true, value }, transferables(value));
      }
    } catch (error) {
      post({ id: request.id, ok: false, failure: failureOf(error) });
    }
  });
  post({ ready: true });
}

if (scope.name === PART_READER_NAME) servePartReader(scope);
else serveEngine(new EngineCore(onDemand(() => startPartReader(scope.location.href))));
