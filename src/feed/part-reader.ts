/**
 * The part reader of ingest in a browser (src/engine/ingest/parallel.ts): the engine Worker starts a
 * second copy of its own script, which reads the later rows of large CSV feeds while the engine
 * Worker reads the first ones. No script of its own to ship or find: the copy knows its role by its
 * Worker name.
 */
import { answerPart, PartClient, type PartMessage, type PartReply, type StartingPartReader } from '../engine/ingest/parallel.js';

/** The name the part reader's Worker is started with. */
export const PART_READER_NAME = 'crm-lens-part-reader';

/**
 * Starts the part reader as a Worker running `scriptUrl` (the engine Worker's module script);
 * undefined when a Worker cannot start here.
 */
export function startPartReader(scriptUrl: string): StartingPartReader | undefined {
  let worker: Worker;
  try {
    worker = new Worker(scriptUrl, { type: 'module', name: PART_READER_NAME });
  } catch {
    return undefined;
  }
  const client = new PartClient((message, transfer) => worker.postMessage(message, transfer));
  const started = new Promise<boolean>((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<PartReply | 'ready'>) => {
      if (event.data !== 'ready') return client.receive(event.data);
      client.ready = true;
      resolve(true);
    });
    worker.addEventListener('error', () => {
      client.fail(new Error('the part reader Worker failed'));
      worker.terminate();
      resolve(false);
    });
  });
  return Object.assign(client, { started });
}

/** Runs the part reader in this Worker: answers each message with its part. */
export function servePartReader(scope: DedicatedWorkerGlobalScope): void {
  scope.addEventListener('message', (event: MessageEvent<PartMessage>) => {
    const { reply, transfer } = answerPart(event.data);
    scope.postMessage(reply, transfer);
  });
  scope.postMessage('ready');
}
