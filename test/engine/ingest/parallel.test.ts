import { isDeepStrictEqual } from 'node:util';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendBytes, ingestBytes, PARALLEL_MIN_BYTES, readPart, type PartReader, type PartRequest } from '../../../src/engine/ingest/index.js';
import type { IngestOptions, IngestResult } from '../../../src/engine/ingest/types.js';
import { answerPart, balance, mainShare, PartClient, partBytes, partStart, type PartMessage, type PartReply } from '../../../src/engine/ingest/parallel.js';
import { createPartReader } from '../../../src/node/part-reader.js';

// A large CSV is read on two threads: the first rows here, the rest by a part reader, whose part is
// then appended (parallel.ts). The independent expectation is the same bytes read on one thread:
// every column, every dictionary in its order, every count and example (with its row number).

const encoder = new TextEncoder();

/**
 * A part reader on this thread: the request and the part cross a structured clone, as between
 * threads. It keeps the length of each part it was asked to read.
 */
function sameThreadReader(): PartReader & { reads: number; bodies: number[] } {
  return {
    ready: true,
    reads: 0,
    bodies: [],
    async read(request: PartRequest) {
      this.reads++;
      this.bodies.push(request.body.length);
      const start = performance.now();
      const part = readPart(structuredClone(request));
      return { part: structuredClone(part), ms: performance.now() - start };
    },
  };
}

function withoutVersion(result: IngestResult) {
  return { ...result.dataset, version: 0 };
}

/** Both results alike (a quick deep comparison first: the columns are long, and toEqual's diff is only wanted on a failure). */
function expectSame(two: IngestResult, alone: IngestResult) {
  if (!isDeepStrictEqual(withoutVersion(two), withoutVersion(alone))) expect(withoutVersion(two)).toEqual(withoutVersion(alone));
  expect(two.report).toEqual(alone.report);
}

async function expectSameAsOneThread(bytes: Uint8Array, options: IngestOptions, reader: PartReader & { reads: number }) {
  const alone = await ingestBytes(bytes, options);
  const two = await ingestBytes(bytes, { ...options, parallel: reader });
  expect(reader.reads).toBe(1);
  expectSame(two, alone);
  return two;
}

/** Repeats `rows` (numbered so ids and dates vary) under `head` until the feed passes the parallel threshold. */
function feedOf(head: string, rows: readonly string[], eol = '\n'): Uint8Array {
  const lines: string[] = [];
  let size = head.length;
  for (let k = 0; size < PARALLEL_MIN_BYTES * 1.1; k++) {
    const line = rows[k % rows.length].replaceAll('#', String(k % 997));
    lines.push(line);
    size += line.length + eol.length;
  }
  return encoder.encode(head + lines.join(eol) + eol);
}

const plainRow = fc.constantFrom('C#,2024-01-05,12.5,web', 'K#,2023-12-31,-3,shop', 'C#,2024-02-29,0.1,web', 'Z#,2022-06-30,100,mail');
const messyRow = fc.constantFrom(
  '客户#,2024-03-01,5,店',
  'C#,2023-02-30,5,web',
  'C#,,5,web',
  ',2024-01-01,5,web',
  'C#,2024-01-01,abc,web',
  'C#,2024-01-01',
  'C#,2024-01-01,7,web,extra',
  'C#,1/5/2024,8,web',
  'C#,2024-01-01,1,234.5,web',
  '   ',
  'C#,2024-01-01,-0,',
);

describe('reading a large CSV on two threads', () => {
  it('gives the Dataset and report of one thread, over mixed feeds (new ids in either half, bad rows, Chinese values, options)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 6, arbitrary: plainRow }, { weight: 1, arbitrary: messyRow }), { minLength: 5, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.constantFrom(1, 5),
        fc.constantFrom('keep', 'drop'),
        async (rows, eol, bom, examplesPerReason, refunds) => {
          const head = `${bom ? '\ufeff' : ''}customer_id,date,amount,channel${eol}`;
          // a customer first seen late in the feed, in the part
          const bytes = feedOf(head, [...rows, ...(rows.length > 20 ? ['LATE#,2024-05-05,9,web'] : [])], eol);
          await expectSameAsOneThread(bytes, { examplesPerReason, refunds: refunds as 'keep' | 'drop' }, sameThreadReader());
        },
      ),
      { numRuns: 8 },
    );
  });

  it('numbers the rows of the part as rows of the whole feed', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `CUSTOMER-${i % 1000},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 50}.25`);
    // row 140,000 of the data (row 140,001 of the file, after the header) is bad: its example must say so
    rows[139_999] = 'C1,2024-02-30,1';
    const bytes = encoder.encode(`customer_id,date,amount\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const { report } = await expectSameAsOneThread(bytes, {}, sameThreadReader());
    expect(report.examples).toEqual([expect.objectContaining({ row: 140_001, value: '2024-02-30', reason: 'unparseable-date' })]);
  });

  it('reads a header with quotes, a separator line and other separators as one thread does', async () => {
    const semicolons = feedOf('sep=;\n"Customer ID";"Order Date";"Amount"\n', ['C#;2024-01-05;12,5', 'D#;2024-01-06;3']);
    await expectSameAsOneThread(semicolons, { decimal: ',' }, sameThreadReader());
    const tabs = feedOf('customer_id\tdate\tamount\n', ['C#\t2024-01-05\t12.5', 'D#\t05/01/2024\t3']);
    await expectSameAsOneThread(tabs, { dayFirst: true }, sameThreadReader());
    const headerless = feedOf('', ['C#,2024-01-05,12.5']);
    await expectSameAsOneThread(headerless, { header: false, map: { customer_id: 1, date: 2, amount: 3 } }, sameThreadReader());
  });

  it('reads customers with numeric attributes as one thread does', async () => {
    const bytes = feedOf('customer_id,signup_date,segment,score,visits\n', ['C#,2024-01-05,gold,0.5,3', 'D#,2023-02-01,silver,1.25,']);
    await expectSameAsOneThread(bytes, { table: 'customers' }, sameThreadReader());
  });

  it('appends a large CSV on two threads as on one', async () => {
    const base = await ingestBytes(encoder.encode('customer_id,date,amount\nC1,2024-01-01,5\nOLD,2024-01-02,6\n'));
    const bytes = feedOf('customer_id,date,amount\n', ['C#,2024-01-05,12.5', 'N#,2024-02-05,1']);
    const reader = sameThreadReader();
    const alone = await appendBytes(base, bytes);
    const two = await appendBytes(base, bytes, { parallel: reader });
    expect(reader.reads).toBe(1);
    expectSame(two, alone);
  });

  it('reads alone when the part reader is not ready, fails, or the feed does not suit it', async () => {
    const bytes = feedOf('customer_id,date,amount\n', ['C#,2024-01-05,12.5']);
    const alone = await ingestBytes(bytes);
    const notReady = { ...sameThreadReader(), ready: false };
    expectSame(await ingestBytes(bytes, { parallel: notReady }), alone);
    expect(notReady.reads).toBe(0);
    // a reader that fails: this thread reads the rest itself
    const failing = { ready: true, reads: 0, read: async () => Promise.reject(new Error('gone')) };
    expectSame(await ingestBytes(bytes, { parallel: failing }), alone);
    // a small feed
    const reader = sameThreadReader();
    await ingestBytes(encoder.encode('customer_id,date,amount\nC1,2024-01-01,5\n'), { parallel: reader });
    expect(reader.reads).toBe(0);
  });

  it('reads quoted cells on two threads, and reads on alone when a quoted cell runs across the split', async () => {
    // every cell quoted, as many exports write them
    const quotedCells = feedOf('"customer_id","date","amount"\n', ['"C#","2024-01-05","12.5"', '"D, #","2024-01-06","3"']);
    await expectSameAsOneThread(quotedCells, {}, sameThreadReader());
    // a note over two lines in every row: every other line start is inside a quoted cell
    const notes = feedOf('customer_id,date,amount,note\n', ['C#,2024-01-05,12.5,"first line\nsecond, line"']);
    const alone = await ingestBytes(notes);
    // a share whose split lands at a row start, and one whose split lands inside a note
    const kinds = new Map<string, number>();
    for (let k = 0; kinds.size < 2 && k < 100; k++) {
      const share = 0.5 + k / 1e4;
      const split = partStart(notes, 0, share);
      kinds.set(notes[split] === 67 ? 'row' : 'note', share);
    }
    expect([...kinds.keys()].sort()).toEqual(['note', 'row']);
    for (const share of kinds.values()) {
      const reader = sameThreadReader();
      balance(reader, share, 1, 1 - share, 1);
      expectSame(await ingestBytes(notes, { parallel: reader }), alone);
      expect(reader.reads).toBe(1);
    }
  });

  it('splits each feed on the speeds both threads read the last part at', async () => {
    const bytes = feedOf('customer_id,date,amount\n', ['C#,2024-01-05,12.5', 'N#,2024-02-05,1']);
    const reader = sameThreadReader();
    // a reader that has not read yet runs code its thread has not compiled: it gets the smaller part
    expect(mainShare(reader)).toBeGreaterThan(0.5);
    for (let k = 0; k < 2; k++) {
      const from = Math.floor(bytes.length * mainShare(reader));
      await ingestBytes(bytes, { parallel: reader });
      // the part starts at the line after that share of the bytes
      const start = bytes.length - reader.bodies[k];
      expect(bytes[start - 1]).toBe(10);
      expect(start > from && bytes.subarray(from, start - 1).indexOf(10) < 0).toBe(true);
    }
    // 600 bytes in 60 ms here (10 per ms), 400 in 80 ms there (5 per ms): 2/3 here, and both take 2/3 N / 10 ms
    balance(reader, 600, 60, 400, 80);
    expect(mainShare(reader)).toBeCloseTo(2 / 3, 12);
    balance(reader, 500, 50, 500, 50);
    expect(mainShare(reader)).toBe(0.5);
    // a reader slowed down a thousandfold once (its thread shared a core) still gets a part, to be timed again
    balance(reader, 1000, 1, 1, 1000);
    expect(mainShare(reader)).toBeLessThan(1);
    expectSame(await ingestBytes(bytes, { parallel: reader }), await ingestBytes(bytes));
    expect(reader.reads).toBe(3);
  });

  it('shares the bytes with the part reader where it can, so no buffer of this thread is detached', async () => {
    // Moving a buffer would detach it, and after a thread's first detach V8 checks every typed-array
    // access there for it (parallel.ts). The reader moves its part back, which detaches only there.
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (message: PartMessage) => {
      const { reply, transfer } = answerPart(message);
      port2.postMessage(reply, transfer);
    });
    const moved: ArrayBuffer[][] = [];
    const client = new PartClient((message, transfer) => {
      moved.push(transfer);
      port1.postMessage(message, transfer);
    });
    port1.on('message', (reply: PartReply) => client.receive(reply));
    client.ready = true;
    try {
      const rows = 'C1,2024-01-05,12.5\nC2,2024-01-06,3\n';
      // Node has SharedArrayBuffer: the part's bytes are read where they are, nothing moves
      const head = partBytes(encoder.encode('customer_id,date,amount\n'));
      const body = partBytes(encoder.encode(rows));
      expect(body.buffer).toBeInstanceOf(SharedArrayBuffer);
      const { part } = await client.read({ head, body, options: {} });
      expect(moved[0]).toEqual([]);
      expect(new TextDecoder().decode(body.slice())).toBe(rows);
      expect(part.columns.some((c) => c.ints?.length === 2)).toBe(true);
      // bytes in a plain buffer (a platform without SharedArrayBuffer) move, and are detached here
      const plain = encoder.encode(rows);
      await client.read({ head: encoder.encode('customer_id,date,amount\n'), body: plain, options: {} });
      expect(moved[1]).toHaveLength(2);
      expect(plain.byteLength).toBe(0);
    } finally {
      port1.close();
    }
  });

  it('moves plain bytes where a page cannot post shared ones, and reads alone when posting fails', async () => {
    const scope = globalThis as { crossOriginIsolated?: boolean };
    scope.crossOriginIsolated = false;
    try {
      expect(partBytes(encoder.encode('C1')).buffer).toBeInstanceOf(ArrayBuffer);
    } finally {
      delete scope.crossOriginIsolated;
    }
    const client = new PartClient(() => {
      throw new DOMException('cannot be cloned', 'DataCloneError');
    });
    client.ready = true;
    const bytes = feedOf('customer_id,date,amount\n', ['C#,2024-01-05,12.5']);
    expectSame(await ingestBytes(bytes, { parallel: client }), await ingestBytes(bytes));
    expect(client.busy).toBe(false);
  });

  it('reads a part whose bytes are shared, quoted and non-ASCII rows included, as one thread does', async () => {
    const bytes = feedOf('customer_id,date,amount,note\n', ['C#,2024-01-05,12.5,"a, b"', '客户#,2024-01-06,3,店']);
    const alone = await ingestBytes(bytes);
    const reader = sameThreadReader();
    const shared: PartReader = { ready: true, read: (request) => reader.read({ ...request, head: partBytes(request.head), body: partBytes(request.body) }) };
    expectSame(await ingestBytes(bytes, { parallel: shared }), alone);
    expect(reader.reads).toBe(1);
  });

  it('reads the part on a Node worker thread', async () => {
    const reader = createPartReader();
    try {
      expect(await reader.started).toBe(true);
      const bytes = feedOf('customer_id,date,amount,channel\n', ['C#,2024-01-05,12.5,web', '客户#,2024-01-06,3,店', 'C#,2024-13-01,1,web']);
      const alone = await ingestBytes(bytes);
      let reads = 0;
      const counted: PartReader = { ready: reader.ready, read: (request) => (reads++, reader.read(request)) };
      const two = await ingestBytes(bytes, { parallel: counted });
      expect(reads).toBe(1);
      expectSame(two, alone);
    } finally {
      await reader.close();
    }
    // closed: no longer ready, so ingest reads alone
    expect(reader.ready).toBe(false);
  });
});
