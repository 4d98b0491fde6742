/** Aligned plain-text tables for the terminal (CJK characters count as two columns). */

/** A column: its header and which side its cells align to. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Terminal columns a string occupies: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Renders rows under headers, two spaces between columns, indented by `indent` spaces. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = 2): string {
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    ' '.repeat(indent) +
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i], c.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}

/** A section heading followed by its body. */
export function section(title: string, body: string): string {
  return `${title}\n${body}\n`;
}

/** A section that could not be computed: its title and one line saying why. */
export function notAvailable(title: string, message: string): string {
  return section(title, `  not available: ${message}`);
}
