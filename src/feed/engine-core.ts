/**
 * The engine side of a feed: holds the current Dataset, ingests new feed input into it, appends rows
 * to it and runs registered analyses on it. DOM-free; the Worker and the main-thread fallback both
 * wrap one of these.
 */
import type { TableName } from '../engine/dataset/types.js';
import { TABLE_NAMES } from '../engine/dataset/schema.js';
import { runAnalysis } from '../engine/analyses/registry.js';
import type { IngestResult, PartReaderFor } from '../engine/ingest/index.js';
import { ingestInput } from './ingest-input.js';
import { FeedError, type DatasetSummary, type FeedInput } from './types.js';

/** Current Dataset plus ingest, append and analysis over it. */
export class EngineCore {
  /** The last good ingest or append: appends extend it. */
  private current: IngestResult | undefined;
  /** Ingests and appends run one after another, so an append always extends the latest Dataset. */
  private queue: Promise<unknown> = Promise.resolve();

  /** `parallel`: the part reader for a large CSV source, on another thread (src/feed/part-reader.ts). */
  constructor(private readonly parallel?: PartReaderFor) {}

  /**
   * Builds a Dataset from the input and makes it current. Throws a {@link FeedError} (`no-rows`, with
   * the report) when no row was usable; the previous Dataset then stays current.
   */
  ingest(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.serially(async () => {
      const result = await ingestInput(input, onProgress, undefined, this.parallel);
      if (result.report.accepted === 0) throw new FeedError({ kind: 'no-rows', report: result.report, detail: 'no usable rows' });
      return this.adopt(result);
    });
  }

  /**
   * Appends the input's rows to the current Dataset: only they are parsed, and the new Dataset (a new
   * version) becomes current; its summary's report counts only the appended rows. Throws a
   * {@link FeedError} (`superseded` before any load, `parse` for rows that do not fit the loaded
   * tables); the current Dataset then stays as it was.
   */
  append(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.serially(async () => {
      if (!this.current) throw new FeedError({ kind: 'superseded', detail: 'no data loaded to append to' });
      return this.adopt(await ingestInput(input, onProgress, this.current, this.parallel));
    });
  }

  /** Runs an analysis on the current Dataset, which must be `version` (else `superseded`). */
  analyse(version: number, name: string, options: Record<string, unknown>): unknown {
    const dataset = this.current?.dataset;
    if (!dataset || dataset.version !== version) {
      throw new FeedError({ kind: 'superseded', detail: `dataset ${version} is no longer current` });
    }
    return runAnalysis(dataset, name, options);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private adopt(result: IngestResult): DatasetSummary {
    this.current = result;
    const { dataset, report } = result;
    const tables: Partial<Record<TableName, number>> = {};
    for (const name of TABLE_NAMES) {
      const table = dataset[name];
      if (table) tables[name] = table.length;
    }
    return { version: dataset.version, customerIds: dataset.customerIds, tables, report, loadedAt: Date.now() };
  }
}
