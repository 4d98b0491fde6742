/**
 * How to fix a rejected row, in the reader's language: which row, which column, what was there and
 * what was expected. DOM-free, so the widgets' error state and a command line can both say it.
 */
import { fieldSpec } from '../engine/dataset/schema.js';
import type { RejectExample } from '../engine/ingest/types.js';
import type { Translator } from '../format/translator.js';

/** Characters of a raw value quoted in an example. */
const MAX_VALUE = 60;

function shortValue(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

/**
 * How to fix one rejected row, localised: which row, which column, what was there and what was
 * expected, e.g. "Row 17, column InvoiceDate: '31/02/2024' is not a date (expected YYYY-MM-DD, ...)".
 */
export function exampleLine(t: Translator, example: RejectExample): string {
  const { reason, value, field, table } = example;
  let range = '';
  if (reason === 'out-of-range') {
    const spec = fieldSpec(table, field);
    range = spec?.range ? t.t('fix.numberRange', { min: spec.range[0], max: spec.range[1] }) : t.t('fix.dateRange');
  }
  const problem = t.maybe(`fix.${reason}`, t.maybe(`reason.${reason}`, reason), { value: shortValue(value), field, range });
  return example.column === undefined ? t.t('error.row', { row: example.row, problem }) : t.t('error.rowColumn', { row: example.row, column: example.column, problem });
}

