/**
 * The engine side of a feed: holds the current Dataset, ingests new feed input into it and runs
 * registered analyses on it. DOM-free; the Worker and the main-thread fallback both wrap one of these.
 */
import type { Dataset, TableName } from '../engine/dataset/types.js';
import { TABLE_NAMES } from '../engine/dataset/schema.js';
import { runAnalysis } from '../engine/analyses/registry.js';
import { ingestInput } from './ingest-input.js';
import { FeedError, type DatasetSummary, type FeedInput } from './types.js';

/** Current Dataset plus ingest and analysis over it. */
export class EngineCore {
  private dataset: Dataset | undefined;

  /**
   * Builds a Dataset from the input and makes it current. Throws a {@link FeedError} (`no-rows`, with
   * the report) when no row was usable; the previous Dataset then stays current.
   */
  async ingest(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    const { dataset, report } = await ingestInput(input, onProgress);
    if (report.accepted === 0) throw new FeedError({ kind: 'no-rows', report, detail: 'no usable rows' });
    this.dataset = dataset;
    const tables: Partial<Record<TableName, number>> = {};
    for (const name of TABLE_NAMES) {
      const table = dataset[name];
      if (table) tables[name] = table.length;
    }
    return { version: dataset.version, customerIds: dataset.customerIds, tables, report, loadedAt: Date.now() };
  }

  /** Runs an analysis on the current Dataset, which must be `version` (else `superseded`). */
  analyse(version: number, name: string, options: Record<string, unknown>): unknown {
    if (!this.dataset || this.dataset.version !== version) {
      throw new FeedError({ kind: 'superseded', detail: `dataset ${version} is no longer current` });
    }
    return runAnalysis(this.dataset, name, options);
  }
}
