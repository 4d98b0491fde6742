/**
 * Keyboard helpers for a roving-tabindex grid (one tab stop; arrows move, Home/End go to the row's
 * ends, Ctrl+Home/End to the first/last cell, Enter/Space select, Escape clears). A list is a grid of
 * one column.
 */

/** What a key does in a grid of `rows` x `cols` cells (row-major indexes). */
export type GridKeyAction =
  | { readonly type: 'move'; readonly index: number }
  | { readonly type: 'select'; readonly index: number }
  | { readonly type: 'clear' };

/** The action of a key press at cell `index`, or null when the key is not the grid's. */
export function gridKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>, index: number, rows: number, cols: number): GridKeyAction | null {
  const row = Math.floor(index / cols);
  const col = index % cols;
  const move = (r: number, c: number): GridKeyAction => ({
    type: 'move',
    index: Math.min(rows - 1, Math.max(0, r)) * cols + Math.min(cols - 1, Math.max(0, c)),
  });
  switch (event.key) {
    case 'ArrowUp':
      return move(row - 1, col);
    case 'ArrowDown':
      return move(row + 1, col);
    case 'ArrowLeft':
      return move(row, col - 1);
    case 'ArrowRight':
      return move(row, col + 1);
    case 'Home':
      return event.ctrlKey || event.metaKey ? move(0, 0) : move(row, 0);
    case 'End':
      return event.ctrlKey || event.metaKey ? move(rows - 1, cols - 1) : move(row, cols - 1);
    case 'Enter':
    case ' ':
      return { type: 'select', index };
    case 'Escape':
      return { type: 'clear' };
    default:
      return null;
  }
}
