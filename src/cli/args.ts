/**
 * Option parsing shared by the commands: every bad value becomes a one-line `CliError` naming the
 * option, never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from './errors.js';
import { TABLE_NAMES, TABLES } from '../engine/dataset/schema.js';
import { dayFromIsoDate } from '../engine/dataset/days.js';
import type { TableName } from '../engine/dataset/types.js';

/** `value` when it is one of `allowed`, `fallback` when absent; otherwise a CliError. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** A `YYYY-MM-DD` option as a day number (undefined when absent). */
export function dayOption(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const day = dayFromIsoDate(text);
  if (day === undefined) throw new CliError(`--${option} must be a date YYYY-MM-DD (got "${text}")`);
  return day;
}

/** A numeric option that must pass `check` (described by `what`); undefined when absent. */
export function numberOption(option: string, text: string | undefined, check: (v: number) => boolean, what: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new CliError(`--${option} must be ${what} (got "${text}")`);
  return value;
}

/** One table's `--map` entries: plain mappings and derived products. */
export interface TableMapping {
  readonly map: Record<string, string | number>;
  readonly derive: Record<string, [string | number, string | number]>;
}

/** A source column: a 1-based position when the file has no header, else a header name. */
function sourceColumn(text: string, header: boolean): string | number {
  return !header && /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * `customer_id=CustomerID,amount=Quantity*UnitPrice,events.type=Kind` into mappings by table. A field
 * without a table prefix belongs to `tableOf(field)` (orders by default).
 */
export function parseMapping(
  spec: string | undefined,
  header: boolean,
  tableOf: (field: string) => TableName = () => 'orders',
): Partial<Record<TableName, TableMapping>> {
  const mappings: Partial<Record<TableName, TableMapping>> = {};
  if (!spec) return mappings;
  for (const pair of spec.split(',')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 0 || !key || !column) throw new CliError(`--map entries look like field=column or table.field=column (got "${pair}")`);
    const dot = key.indexOf('.');
    const field = key.slice(dot + 1);
    const table = (dot < 0 ? tableOf(field) : key.slice(0, dot)) as TableName;
    if (!TABLE_NAMES.includes(table)) throw new CliError(`unknown table "${table}" in --map; tables are ${TABLE_NAMES.join(', ')}`);
    const fields = TABLES[table].fields.map((f) => f.name);
    if (!fields.includes(field)) throw new CliError(`unknown mapping field "${field}"; ${table} fields are ${fields.join(', ')}`);
    const mapping = (mappings[table] ??= { map: {}, derive: {} });
    const product = column.split('*').map((c) => c.trim());
    if (product.length === 2 && product[0] && product[1]) {
      mapping.derive[field] = [sourceColumn(product[0], header), sourceColumn(product[1], header)];
    } else mapping.map[field] = sourceColumn(column, header);
  }
  return mappings;
}

/** Reads a file, or fails with one line saying why. */
export async function readSource(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}
