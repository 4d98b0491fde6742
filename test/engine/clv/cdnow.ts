/**
 * Loads the CDNOW reference files into Datasets through DatasetBuilder (independently of ingest), for
 * the CLV tests. The files stay in the shared data folder; nothing is copied.
 */
import { readFileSync } from 'node:fs';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import type { Dataset } from '../../../src/engine/dataset/types.js';

/** `cdnow_summary.csv` (ID,x,t_x,T,zbar) as a Dataset with a summary table. */
export function loadSummaryCsv(path: string): Dataset {
  const builder = new DatasetBuilder();
  const table = builder.table('summary', ['customer_id', 'x', 't_x', 'T', 'monetary']);
  const [id, x, tx, T, monetary] = ['customer_id', 'x', 't_x', 'T', 'monetary'].map((f) => table.column(f)!);
  for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const cells = line.split(',');
    id.push(builder.customer(cells[0]));
    [x, tx, T, monetary].forEach((column, k) => column.push(Number(cells[k + 1])));
    table.endRow();
  }
  return builder.build();
}

/** `CDNOW_sample.txt` (headerless: master id, sample id, YYYYMMDD, CDs, dollars) as orders keyed by sample id. */
export function loadSampleOrders(path: string): Dataset {
  const builder = new DatasetBuilder();
  const table = builder.table('orders', ['customer_id', 'date', 'amount']);
  const [id, date, amount] = ['customer_id', 'date', 'amount'].map((f) => table.column(f)!);
  for (const line of readFileSync(path, 'utf8').trim().split('\n')) {
    const cells = line.trim().split(/\s+/);
    const ymd = cells[2];
    id.push(builder.customer(String(Number(cells[1]))));
    date.push(dayFromCivil(+ymd.slice(0, 4), +ymd.slice(4, 6), +ymd.slice(6, 8)));
    amount.push(Number(cells[4]));
    table.endRow();
  }
  return builder.build();
}
