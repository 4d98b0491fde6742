/**
 * The engine Worker: ingest and analyses off the main thread. Loaded by the engine client as
 * `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`.
 */
import { EngineCore } from './engine-core.js';
import { transferables, type EngineRequest, type EngineResponse } from './protocol.js';
import { failureOf } from './types.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = new EngineCore();

function post(message: EngineResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.addEventListener('message', async (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  try {
    if (request.op === 'ingest') {
      const value = await core.ingest(request.input, (progress) => post({ id: request.id, progress }));
      post({ id: request.id, ok: true, value });
    } else {
      // Results are only read on the main thread from now on, so their typed arrays move there.
      const value = core.analyse(request.version, request.name, request.options);
      post({ id: request.id, ok: true, value }, transferables(value));
    }
  } catch (error) {
    post({ id: request.id, ok: false, failure: failureOf(error) });
  }
});

post({ ready: true });
