/** The ingest report as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { Translator } from '../../format/i18n.js';
import { exampleLine } from '../../feed/report-lines.js';
import type { IngestJson } from './contract.js';
import { renderTable, section } from './table.js';

/** Totals, mapping per table, rejections by reason and the first examples. */
export function renderIngest(source: string, report: IngestJson, f: Formats, t: Translator): string {
  const lines = [`  rows ${f.integer(report.rows)}  accepted ${f.integer(report.accepted)}  rejected ${f.integer(report.rejected)}`];
  for (const t of report.tables) {
    const mapping = Object.entries(t.mapping)
      .map(([field, column]) => `${field} <- ${column}`)
      .join(', ');
    const how = [t.format, t.delimiter && `delimiter ${JSON.stringify(t.delimiter)}`, ...t.notes].filter(Boolean).join(', ');
    lines.push(`  ${t.table}: ${mapping} (${how})`);
  }
  const reasons = Object.entries(report.reasons);
  if (reasons.length > 0) {
    lines.push('  rejected by reason:', renderTable([{ header: 'reason' }, { header: 'rows', align: 'right' }], reasons.map(([r, n]) => [r, f.integer(n)]), 4));
  }
  if (report.examples.length > 0) {
    // The same localised fix-it lines the widgets' error state shows.
    lines.push(`  ${t.t('error.examples')}`, ...report.examples.slice(0, 10).map((e) => `    ${exampleLine(t, e)}`));
  }
  return section(`Ingest ${source}`, lines.join('\n'));
}
