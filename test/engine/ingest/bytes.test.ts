import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestBytes, ingestStream, ingestText } from '../../../src/engine/ingest/index.js';

const encoder = new TextEncoder();

/** A byte stream delivering `bytes` in pieces of `size`. */
function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

/** A CSV with quoted multi-line cells, CRLF, multi-byte characters and some bad rows. */
function sampleCsv(rows: number): string {
  let text = 'customer_id,备注,date,amount\r\n';
  for (let i = 0; i < rows; i++) {
    const note = i % 7 === 0 ? '"多行\r\n备注, ""引号"""' : '普通';
    const date = i % 11 === 0 ? '2023-02-30' : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
    text += `客户${i % 50},${note},${date},${(i % 13) - 2}.25\r\n`;
  }
  return text;
}

describe('bytes and streams', () => {
  const text = sampleCsv(500);
  const expected = ingestText(text);

  it('reads plain bytes, dropping a BOM', async () => {
    const { dataset, report } = await ingestBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]));
    expect(report.tables[0].notes).toContain('bom');
    expect(dataset).toEqual({ ...expected.dataset, version: dataset.version });
    expect(report.reasons).toEqual(expected.report.reasons);
  });

  it('reads bytes larger than its 64 kB pieces as the whole text: rows, quoted line breaks and multi-byte characters across piece ends', async () => {
    // ~40 bytes a row: 8,000 rows are ~5 pieces, and the quoted multi-line cells and 3-byte chars land on piece ends somewhere
    const big = sampleCsv(8_000);
    const whole = ingestText(big);
    const { dataset, report } = await ingestBytes(encoder.encode(big));
    expect(encoder.encode(big).length).toBeGreaterThan(4 * 65_536);
    expect(dataset).toEqual({ ...whole.dataset, version: dataset.version });
    expect(report).toEqual(whole.report);
    // and with progress: the same, progress rising to 1
    const seen: number[] = [];
    const withProgress = await ingestBytes(encoder.encode(big), { onProgress: (f) => seen.push(f) });
    expect(withProgress.dataset).toEqual({ ...whole.dataset, version: withProgress.dataset.version });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });

  it('reads plain rows from the bytes and, from a row that needs the text path, the rest of that piece as text: as the whole text', async () => {
    // ASCII ids, so the fast lane's byte loop takes most rows; now and then a quoted multi-line cell, a bad date or a Chinese id
    let csv = 'customer_id,note,date,amount\n';
    for (let i = 0; i < 12_000; i++) {
      const id = i % 1_499 === 0 ? `客户${i % 50}` : `C${i % 50}`;
      const note = i % 997 === 0 ? '"two\nlines"' : 'n';
      const date = i % 1_009 === 0 ? '2023-02-30' : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
      csv += `${id},${note},${date},${(i % 13) - 2}.25\n`;
    }
    const whole = ingestText(csv);
    const { dataset, report } = await ingestBytes(encoder.encode(csv));
    expect(encoder.encode(csv).length).toBeGreaterThan(4 * 65_536);
    expect(dataset).toEqual({ ...whole.dataset, version: dataset.version });
    expect(report).toEqual(whole.report);
    expect(report.reasons).toEqual({ 'unparseable-date': 12 });
  });

  it('reads a line longer than a piece', async () => {
    const note = '长'.repeat(40_000);
    const csv = `customer_id,note,date,amount\na,${note},2024-01-05,1\nb,x,2024-01-06,2\n`;
    const { dataset, report } = await ingestBytes(encoder.encode(csv));
    const whole = ingestText(csv);
    expect(report.accepted).toBe(2);
    expect(dataset).toEqual({ ...whole.dataset, version: dataset.version });
  });

  it('detects gzip by magic bytes, and by a .gz name', async () => {
    const gz = new Uint8Array(gzipSync(encoder.encode(text)));
    const byMagic = await ingestBytes(gz);
    expect(byMagic.report.tables[0].notes).toContain('gzip');
    expect(byMagic.report.accepted).toBe(expected.report.accepted);
    expect(byMagic.dataset.customerIds).toEqual(expected.dataset.customerIds);
    const byteByByte = await ingestStream(streamOf(gz, 1), { fileName: 'orders.csv.gz' });
    expect(byteByByte.report.rows).toBe(expected.report.rows);
    expect(byteByByte.report.tables[0].notes).toContain('gzip');
  });

  it('reads bytes named .gz that are not gzip (already decoded) as they are, with a note', async () => {
    const plain = await ingestBytes(encoder.encode(text), { fileName: 'orders.csv.gz' });
    expect(plain.report.rows).toBe(expected.report.rows);
    expect(plain.report.tables[0].notes).toContain('named .gz but not gzip data: read as it is');
  });

  it('says so when gzip data is corrupt', async () => {
    const gz = new Uint8Array(gzipSync(encoder.encode(text)));
    await expect(ingestBytes(gz.slice(0, 40))).rejects.toThrow(/gzip data cannot be read/);
  });

  it('gives the same Dataset and report whatever the chunk size, with progress up to 1', async () => {
    const bytes = encoder.encode(text);
    for (const size of [1, 3, 17, 4096]) {
      const seen: number[] = [];
      const result = await ingestStream(streamOf(bytes, size), { totalBytes: bytes.length, onProgress: (f) => seen.push(f) });
      expect(result.dataset).toEqual({ ...expected.dataset, version: result.dataset.version });
      expect(result.report).toEqual(expected.report);
      expect(seen.at(-1)).toBe(1);
      expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    }
  });

  it('streams NDJSON and reads JSON arrays once complete', async () => {
    const ndjson = encoder.encode('{"customer_id":"a","date":"2024-01-05","amount":1}\n{"customer_id":"b","date":"2024-01-06","amount":2}\n');
    const streamed = await ingestStream(streamOf(ndjson, 5));
    expect(streamed.report.tables[0].format).toBe('ndjson');
    expect(streamed.report.accepted).toBe(2);
    const array = encoder.encode('[{"customer_id":"a","date":"2024-01-05","amount":1}]');
    const parsed = await ingestStream(streamOf(array, 4));
    expect(parsed.report.tables[0].format).toBe('json');
    expect(parsed.dataset.customerIds).toEqual(['a']);
  });
});
