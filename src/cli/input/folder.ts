/**
 * A FOLDER feed: one file per canonical table, named after it (`orders.csv`, `events.ndjson.gz`, ...).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CliError } from '../errors.js';
import { readSource } from '../args.js';
import { TABLE_NAMES } from '../../engine/dataset/schema.js';
import type { TableName } from '../../engine/dataset/types.js';
import type { Feed } from '../../engine/ingest/index.js';

/** A table file of a FOLDER: `orders.csv`, `events.ndjson.gz`, ... */
const TABLE_FILE = new RegExp(`^(${TABLE_NAMES.join('|')})\\.(csv|tsv|txt|tab|ndjson|jsonl|json)(\\.gz)?$`, 'i');

/**
 * Reads a FOLDER's table files into a feed: CSV and NDJSON as text, `.json` as an array of records;
 * gzip (by name or magic bytes) is unpacked and a UTF-8 BOM dropped.
 */
export async function readFolder(dir: string): Promise<{ feed: Feed; fileNames: Partial<Record<TableName, string>> }> {
  const feed: Record<string, string | unknown[]> = {};
  const fileNames: Partial<Record<TableName, string>> = {};
  for (const name of (await readdir(dir)).sort()) {
    const match = TABLE_FILE.exec(name);
    if (!match) continue;
    const table = match[1].toLowerCase() as TableName;
    if (fileNames[table]) throw new CliError(`${dir} has two files for the ${table} table: ${fileNames[table]} and ${name}`);
    fileNames[table] = name;
    let bytes = await readSource(join(dir, name));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
    if (match[2].toLowerCase() !== 'json') feed[table] = text;
    else {
      let records: unknown;
      try {
        records = JSON.parse(text);
      } catch (error) {
        throw new CliError(`cannot read ${join(dir, name)}: not valid JSON (${(error as Error).message})`);
      }
      if (!Array.isArray(records)) throw new CliError(`cannot read ${join(dir, name)}: a table file in JSON holds an array of records`);
      feed[table] = records;
    }
  }
  if (Object.keys(fileNames).length === 0) {
    throw new CliError(`no table files in ${dir}: expected ${TABLE_NAMES.slice(0, 5).map((t) => `${t}.csv`).join(', ')} (or .json, .ndjson, optionally .gz)`);
  }
  return { feed: feed as Feed, fileNames };
}
