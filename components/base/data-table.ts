/**
 * The table view of what a chart shows: the accessible alternative to the picture, and the source of
 * the CSV export (raw values, not the formatted text).
 */
import { html, type TemplateResult } from 'lit';

/** One cell: the raw value (exported) and its formatted text (shown). */
export interface TableCell {
  readonly value: string | number | null;
  readonly text: string;
}

/** A table: column headings and rows of cells. */
export interface DataTable {
  readonly columns: readonly { readonly label: string; readonly numeric?: boolean }[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** A cell from a raw value and its text. */
export function cell(value: string | number | null, text = value === null ? '' : String(value)): TableCell {
  return { value, text };
}

/** Renders a table (all strings as text bindings). */
export function renderDataTable(table: DataTable, caption: string): TemplateResult {
  // Focusable and labelled so a keyboard user can scroll a wide table (axe scrollable-region-focusable).
  return html`<div class="table-wrap" part="table-wrap" tabindex="0" role="region" aria-label=${caption}>
    <table part="table">
      <caption>${caption}</caption>
      <thead>
        <tr>
          ${table.columns.map((c) => html`<th scope="col" class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${table.rows.map(
          (row) => html`<tr>
            ${row.map((c, i) =>
              i === 0 ? html`<th scope="row">${c.text}</th>` : html`<td class=${table.columns[i]?.numeric ? 'num' : ''}>${c.text}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote what needs it; prefix formula starters so spreadsheets do not execute data (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV of a table's raw values, with a header row. */
export function tableToCsv(table: DataTable): string {
  const lines = [table.columns.map((c) => csvField(c.label)).join(',')];
  for (const row of table.rows) lines.push(row.map((c) => csvField(c.value)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
