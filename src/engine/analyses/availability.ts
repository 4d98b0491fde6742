/**
 * Analyses state what they need. When a table or field is missing they return an
 * {@link Unavailable} result that says why, never a zero that looks like data.
 */
import type { Dataset, TableName } from '../dataset/types.js';
import { TABLES } from '../dataset/schema.js';

/** A table and the canonical fields of it that an analysis needs. */
export interface Requirement {
  readonly table: TableName;
  readonly fields: readonly string[];
}

/** The result of an analysis that could not run on this Dataset. */
export interface Unavailable {
  readonly available: false;
  /** Stable reason code: `missing-table`, `missing-field`, `no-rows`, `invalid-data`. */
  readonly reason: 'missing-table' | 'missing-field' | 'no-rows' | 'invalid-data';
  /** Human-readable explanation in English (widgets localise from `reason` and `needs`). */
  readonly message: string;
  /** What would make it available. */
  readonly needs: readonly Requirement[];
}

/** Marks a result that did run. */
export type Available<T> = T & { readonly available: true };

/** Either the analysis result or why it is unavailable. */
export type Maybe<T> = Available<T> | Unavailable;

/** Whether a value (e.g. an analysis result that crossed from the Worker) is an {@link Unavailable}. */
export function isUnavailable(value: unknown): value is Unavailable {
  return !!value && typeof value === 'object' && (value as { available?: unknown }).available === false;
}

/** Wraps a computed result as available. */
export function available<T extends object>(result: T): Available<T> {
  return { ...result, available: true } as Available<T>;
}

/** An unavailable result. */
export function unavailable(reason: Unavailable['reason'], message: string, needs: readonly Requirement[] = []): Unavailable {
  return { available: false, reason, message, needs };
}

/**
 * Checks that the Dataset has every required table, field and at least one row; returns the first
 * problem as an {@link Unavailable}, or null when all is there.
 */
export function checkRequirements(dataset: Dataset, requirements: readonly Requirement[]): Unavailable | null {
  for (const req of requirements) {
    const table = dataset[req.table] as unknown as Record<string, unknown> | undefined;
    if (!table) {
      return unavailable('missing-table', `needs the ${req.table} table (${req.fields.join(', ')})`, [req]);
    }
    const missing = req.fields.filter((name) => {
      const spec = TABLES[req.table].fields.find((f) => f.name === name);
      return !spec || table[spec.column] === undefined;
    });
    if (missing.length > 0) {
      return unavailable('missing-field', `needs ${req.table}.${missing.join(`, ${req.table}.`)}`, [
        { table: req.table, fields: missing },
      ]);
    }
    if ((table.length as number) === 0) {
      return unavailable('no-rows', `the ${req.table} table has no rows`, [req]);
    }
  }
  return null;
}
