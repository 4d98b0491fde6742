/**
 * The RFM grid's adapter: from the engine's RFM result to what the grid draws (pure, no DOM). Cells
 * are laid out with recency score on the x axis (R 1 left, most recent right) and frequency score on
 * the y axis (F highest on top); each carries its colour step, its segment under the R x F map and
 * its accessible label. Segment regions get outline edges and a label position.
 */
import type { RfmResult } from '../../src/engine/analyses/rfm/index.js';
import { segmentName, type Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';
import { SEQUENTIAL_STEPS } from '../../src/theme/tokens.js';
import { quantizeScale } from '../base/scales.js';

/** What colours the cells. */
export type ColorBy = 'customers' | 'revenue' | 'monetary';

/** One drawn cell. */
export interface GridCell {
  readonly r: number;
  readonly f: number;
  /** Column (0 = R 1) and row (0 = top = highest F). */
  readonly col: number;
  readonly row: number;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  readonly meanMonetary: number | null;
  /** Segment name under the R x F map (English, as the engine names it) and its label. */
  readonly segment: string;
  readonly segmentLabel: string;
  /** Colour step 1..N, 0 for an empty cell. */
  readonly step: number;
  readonly value: number;
  readonly label: string;
  /** Selected customers in this cell when another view's selection is shown (else null). */
  readonly highlighted: number | null;
}

/** A segment region: its cells' outline edges and where its name goes (cell units). */
export interface SegmentRegion {
  readonly segment: string;
  readonly label: string;
  /** Edges [x1, y1, x2, y2] in cell units where the neighbour belongs to another segment. */
  readonly edges: readonly (readonly [number, number, number, number])[];
  /** Centre of the label, in cell units. */
  readonly cx: number;
  readonly cy: number;
  /** Width available for the label, in cells. */
  readonly span: number;
}

/** One row of the segment list. */
export interface SegmentRow {
  readonly segment: string;
  readonly label: string;
  readonly customers: number;
  readonly share: number;
  readonly orders: number;
  readonly revenue: number;
  readonly meanMonetary: number | null;
}

/** Everything the grid and the list draw. */
export interface RfmGridModel {
  readonly cols: number;
  readonly rows: number;
  /** Cells in display order: row by row from the top, R ascending. */
  readonly cells: readonly GridCell[];
  readonly regions: readonly SegmentRegion[];
  readonly segments: readonly SegmentRow[];
  readonly colorBy: ColorBy;
  readonly measureLabel: string;
  /** Smallest and largest value of non-empty cells. */
  readonly domain: readonly [number, number];
  readonly asOfDate: string;
  readonly totalCustomers: number;
}

function cellValue(cell: { customers: number; revenue: number; meanMonetary: number | null }, colorBy: ColorBy): number {
  if (colorBy === 'revenue') return cell.revenue;
  if (colorBy === 'monetary') return cell.meanMonetary ?? 0;
  return cell.customers;
}

/** Formats a cell's measure. */
export function formatMeasure(value: number, colorBy: ColorBy, fmt: Formats): string {
  return colorBy === 'customers' ? fmt.integer(value) : fmt.money(value);
}

function outline(cells: readonly GridCell[], cols: number, rows: number, segment: string) {
  const at = (col: number, row: number) => (col < 0 || row < 0 || col >= cols || row >= rows ? undefined : cells[row * cols + col].segment);
  const edges: [number, number, number, number][] = [];
  let minCol = cols;
  let maxCol = -1;
  let minRow = rows;
  let maxRow = -1;
  let count = 0;
  for (const c of cells) {
    if (c.segment !== segment) continue;
    count++;
    minCol = Math.min(minCol, c.col);
    maxCol = Math.max(maxCol, c.col);
    minRow = Math.min(minRow, c.row);
    maxRow = Math.max(maxRow, c.row);
    if (at(c.col, c.row - 1) !== segment) edges.push([c.col, c.row, c.col + 1, c.row]);
    if (at(c.col, c.row + 1) !== segment) edges.push([c.col, c.row + 1, c.col + 1, c.row + 1]);
    if (at(c.col - 1, c.row) !== segment) edges.push([c.col, c.row, c.col, c.row + 1]);
    if (at(c.col + 1, c.row) !== segment) edges.push([c.col + 1, c.row, c.col + 1, c.row + 1]);
  }
  const rectangle = count === (maxCol - minCol + 1) * (maxRow - minRow + 1);
  // A rectangular region is labelled at its centre; any other shape in its first cell.
  const first = cells.find((c) => c.segment === segment)!;
  return rectangle
    ? { edges, cx: (minCol + maxCol + 1) / 2, cy: (minRow + maxRow + 1) / 2, span: maxCol - minCol + 1 }
    : { edges, cx: first.col + 0.5, cy: first.row + 0.5, span: 1 };
}

/**
 * The grid model of an RFM result. `selected` is the mask of a selection made in another view (see
 * `selectionMask`): cells then count how many of its customers they hold.
 */
export function rfmGridModel(
  result: RfmResult,
  colorBy: ColorBy,
  t: Translator,
  fmt: Formats,
  selected?: Uint8Array,
): RfmGridModel {
  const cols = result.bins.r;
  const rows = result.bins.f;
  const byRf = new Map(result.grid.map((c) => [`${c.r}-${c.f}`, c]));
  const values = result.grid.filter((c) => c.customers > 0).map((c) => cellValue(c, colorBy));
  const domain: [number, number] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 0];
  const steps = Array.from({ length: SEQUENTIAL_STEPS }, (_, i) => i + 1);
  const scale = quantizeScale(domain[0] === domain[1] ? [domain[0] - 1, domain[1]] : domain, steps);
  const highlighted = selected ? highlightCounts(result, selected) : undefined;
  const cells: GridCell[] = [];
  for (let row = 0; row < rows; row++) {
    const f = rows - row;
    for (let col = 0; col < cols; col++) {
      const r = col + 1;
      const c = byRf.get(`${r}-${f}`) ?? { r, f, customers: 0, orders: 0, revenue: 0, meanMonetary: null, segment: 'Others' };
      const value = cellValue(c, colorBy);
      const segmentLabel = segmentName(t, c.segment);
      cells.push({
        r,
        f,
        col,
        row,
        customers: c.customers,
        orders: c.orders,
        revenue: c.revenue,
        meanMonetary: c.meanMonetary,
        segment: c.segment,
        segmentLabel,
        step: c.customers > 0 ? scale(value) : 0,
        value,
        highlighted: highlighted ? (highlighted.get(`${r}-${f}`) ?? 0) : null,
        label: t.t('rfm.cell', {
          r,
          f,
          segment: segmentLabel,
          customers: fmt.integer(c.customers),
          revenue: fmt.money(c.revenue),
          monetary: c.meanMonetary === null ? '–' : fmt.money(c.meanMonetary),
        }),
      });
    }
  }
  const names = [...new Set(cells.map((c) => c.segment))];
  const regions = names.map((segment) => ({ segment, label: segmentName(t, segment), ...outline(cells, cols, rows, segment) }));
  const total = result.totals.customers;
  const segments = result.segments.map((s) => ({
    segment: s.name,
    label: segmentName(t, s.name),
    customers: s.customers,
    share: total > 0 ? s.customers / total : 0,
    orders: s.orders,
    revenue: s.revenue,
    meanMonetary: s.customers > 0 ? s.revenue / s.customers : null,
  }));
  return {
    cols,
    rows,
    cells,
    regions,
    segments,
    colorBy,
    measureLabel: t.t(`rfm.colorBy.${colorBy}`),
    domain,
    asOfDate: result.asOfDate,
    totalCustomers: total,
  };
}

/** Selected customers per `r-f` cell, from the selection's mask over Dataset customers. */
function highlightCounts(result: RfmResult, selected: Uint8Array): Map<string, number> {
  const counts = new Map<string, number>();
  const c = result.customers;
  for (let i = 0; i < c.index.length; i++) {
    if (selected[c.index[i]] !== 1) continue;
    const key = `${c.r[i]}-${c.f[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
