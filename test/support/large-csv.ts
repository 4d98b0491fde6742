/**
 * A CSV past the size ingest reads on two threads (src/engine/ingest/parallel.ts), for the browser
 * tests of the part reader: customer `i % 5000`, a bad date every 10,007th row.
 */
import { PARALLEL_MIN_BYTES } from '../../src/engine/ingest/index.js';

/** Data rows 0, 10,007, 20,014, ... (counted from 0) have an impossible date. */
export const BAD_DATE_EVERY = 10_007;

export function largeCsv(): string {
  const rows = ['customer_id,date,amount,channel'];
  for (let i = 0; rows.length * 40 < PARALLEL_MIN_BYTES * 1.2; i++) {
    const date = i % BAD_DATE_EVERY === 0 ? '2024-02-30' : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    rows.push(`CUSTOMER-${i % 5000},${date},${(i % 300) + 0.5},web`);
  }
  return `${rows.join('\n')}\n`;
}

/** What the ingest report of {@link largeCsv} says, worked out from how it is made. */
export function largeCsvReport(csv: string): { rows: number; reasons: Record<string, number>; secondExampleRow: number } {
  const rows = csv.trimEnd().split('\n').length - 1;
  // data rows i = 0, 10007, 20014, ... have the bad date; the second sits on file line 10007 + 2 (the header is line 1)
  return { rows, reasons: { 'unparseable-date': Math.ceil(rows / BAD_DATE_EVERY) }, secondExampleRow: BAD_DATE_EVERY + 2 };
}
