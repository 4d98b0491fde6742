/**
 * Reads CDNOW_master.txt (whitespace separated, header, YYYYMMDD dates) into an orders Dataset for
 * tests that must not depend on ingest being correct.
 */
import { readFileSync } from 'node:fs';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import type { Dataset } from '../../../src/engine/dataset/types.js';

/** The CDNOW master file as an orders Dataset (customer_id, date, amount = dollar_value). */
export function readCdnowMaster(path: string): Dataset {
  const builder = new DatasetBuilder();
  const t = builder.table('orders', ['customer_id', 'date', 'amount'], 70_000);
  const [customer, date, amount] = ['customer_id', 'date', 'amount'].map((f) => t.column(f)!);
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    const [id, ymd, , value] = line.trim().split(/\s+/);
    if (!value) continue;
    customer.pushString(id);
    date.push(dayFromCivil(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8))));
    amount.push(Number(value));
    t.endRow();
  }
  return builder.build();
}
