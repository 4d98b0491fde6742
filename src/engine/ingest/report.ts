/** Collects what happened to the rows of one table, and sums table reports into the ingest report. */
import type { TableName } from '../dataset/types.js';
import type { IngestReport, RejectExample, RejectReason, TableReport } from './types.js';

/** Longest raw value kept in an example. */
const MAX_EXAMPLE_LENGTH = 200;

/** A counter's counts and examples. */
export interface CounterState {
  readonly rows: number;
  readonly accepted: number;
  readonly reasons: Readonly<Partial<Record<RejectReason, number>>>;
  readonly examples: readonly RejectExample[];
}

/** Counts rows by outcome and keeps the first examples of each rejection reason. */
export class RejectionCounter {
  rows = 0;
  accepted = 0;
  readonly reasons: Partial<Record<RejectReason, number>> = {};
  readonly examples: RejectExample[] = [];

  constructor(
    readonly table: TableName,
    private readonly examplesPerReason: number,
  ) {}

  /** Whether the next rejection for `reason` would still be kept as an example. */
  wantsExample(reason: RejectReason): boolean {
    return (this.reasons[reason] ?? 0) < this.examplesPerReason;
  }

  /** Counts a rejected row; `value` is only read when an example is still wanted. */
  reject(reason: RejectReason, row: number, field: string, column: string | undefined, value: () => string): void {
    this.rows++;
    if (this.wantsExample(reason)) {
      const raw = value();
      this.examples.push({
        table: this.table,
        row,
        field,
        ...(column === undefined ? {} : { column }),
        value: raw.length > MAX_EXAMPLE_LENGTH ? `${raw.slice(0, MAX_EXAMPLE_LENGTH - 1)}…` : raw,
        reason,
      });
    }
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
  }

  /** Counts accepted rows (one by default). */
  accept(rows = 1): void {
    this.rows += rows;
    this.accepted += rows;
  }

  /**
   * Counts the rows another counter of the same table saw after this one's (a part read on another
   * thread): its examples keep their order and move `rowOffset` rows on, as far as this counter still
   * wants examples of their reason, so the result is what one counter over all rows would hold.
   */
  absorb(other: CounterState, rowOffset: number): void {
    this.rows += other.rows;
    this.accepted += other.accepted;
    // the other counter's examples of a reason are its first rejections of it: the k-th of them is
    // kept while this counter's rejections of that reason plus k stay under the limit
    const listed: Partial<Record<RejectReason, number>> = {};
    for (const e of other.examples) {
      const before = (this.reasons[e.reason] ?? 0) + (listed[e.reason] ?? 0);
      listed[e.reason] = (listed[e.reason] ?? 0) + 1;
      if (before < this.examplesPerReason) this.examples.push({ ...e, row: e.row + rowOffset });
    }
    for (const [reason, count] of Object.entries(other.reasons) as [RejectReason, number][]) this.reasons[reason] = (this.reasons[reason] ?? 0) + count;
  }

  /** What {@link absorb} needs of a counter, as plain data (it crosses threads). */
  state(): CounterState {
    return { rows: this.rows, accepted: this.accepted, reasons: { ...this.reasons }, examples: this.examples.slice() };
  }

  /** The table's report, given how the source was read. */
  finish(details: Omit<TableReport, 'table' | 'rows' | 'accepted' | 'rejected' | 'reasons' | 'examples'>): TableReport {
    return {
      table: this.table,
      rows: this.rows,
      accepted: this.accepted,
      rejected: this.rows - this.accepted,
      reasons: { ...this.reasons },
      examples: this.examples.slice(),
      ...details,
    };
  }
}

/** The ingest report over several tables: totals plus each table's details. */
export function combineReports(tables: readonly TableReport[]): IngestReport {
  const reasons: Partial<Record<RejectReason, number>> = {};
  let rows = 0;
  let accepted = 0;
  for (const t of tables) {
    rows += t.rows;
    accepted += t.accepted;
    for (const [reason, count] of Object.entries(t.reasons) as [RejectReason, number][]) reasons[reason] = (reasons[reason] ?? 0) + count;
  }
  return { rows, accepted, rejected: rows - accepted, reasons, examples: tables.flatMap((t) => t.examples), tables };
}
