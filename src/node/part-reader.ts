/**
 * The part reader of ingest in Node (src/engine/ingest/parallel.ts): one worker thread, started once
 * and kept, that reads the later rows of large CSV feeds while the main thread reads the first ones.
 * The thread runs this same module. It keeps the process alive only while it reads a part. The bench
 * and the tests use it. The CLI reads on one thread: it reads one file per run, where a thread would
 * save ~40 ms of `analyze`'s ~9 s on 1M orders, and in our tries a thread started from the bundled
 * CLI's shared chunk or through tsx hung (docs/performance.md).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { answerPart, PartClient, type PartMessage, type PartReply, type StartingPartReader } from '../engine/ingest/parallel.js';

/** `workerData.role` of the thread: this module then answers parts instead of being a library. */
const ROLE = 'crm-lens:part-reader';

/** A part reader on a worker thread. */
export interface NodePartReader extends StartingPartReader {
  /** Stops the thread; ingest then reads on one thread. */
  close(): Promise<void>;
}

/**
 * Starts a part reader. Run from the TypeScript sources (a clone), the thread loads them through tsx
 * as `bin/crm-lens.mjs` does; where tsx cannot be found it never becomes ready, and ingest reads on
 * one thread.
 */
export function createPartReader(): NodePartReader {
  const worker = startWorker();
  const client = new PartClient((message, transfer) => {
    worker!.postMessage(message, transfer);
    worker!.ref();
  });
  const started = new Promise<boolean>((resolve) => {
    if (!worker) return resolve(false);
    // a thread still starting does not hold the process (a short run may end before it is up)
    worker.unref();
    worker.once('message', () => {
      client.ready = true;
      resolve(true);
      worker.on('message', (reply: PartReply) => {
        client.receive(reply);
        if (!client.busy) worker.unref();
      });
    });
    worker.on('error', (error) => client.fail(error));
    worker.on('exit', () => {
      client.fail(new Error('the part reader thread has stopped'));
      resolve(false);
    });
  });
  return Object.assign(client, {
    started,
    async close() {
      client.fail(new Error('the part reader is closed'));
      await worker?.terminate();
    },
  });
}

/** The thread, running this module: as it is when built, through tsx from the sources. */
function startWorker(): Worker | undefined {
  const self = import.meta.url;
  const options = { workerData: { role: ROLE } };
  if (!new URL(self).pathname.endsWith('.ts')) return new Worker(new URL(self), options);
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort!;
  port.on('message', (message: PartMessage) => {
    const { reply, transfer } = answerPart(message);
    port.postMessage(reply, transfer);
  });
  port.postMessage('ready');
}

