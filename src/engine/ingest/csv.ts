/**
 * CSV tokenizer (RFC 4180): a char-code state machine over the text that hands each cell's bounds
 * to a {@link CellSink}. No substrings, no per-row arrays. Quoted cells may hold separators, `""`
 * quotes and line breaks; rows end at LF, CRLF or a lone CR; blank lines are skipped. A quote inside
 * an unquoted cell is an ordinary character (as in spreadsheet exports).
 *
 * It works on a growing buffer too: `run` stops before an unfinished row when the text is not final,
 * and returns where that row starts, so a stream can append the next chunk and call again.
 */

/** `delimiter` value for runs of blanks (spaces and tabs), as in the CDNOW files. */
export const WHITESPACE = -1;

/** Cell flag: the cell was quoted. */
export const QUOTED = 1;
/** Cell flag: the quoted cell holds `""` that stands for one quote. */
export const ESCAPED = 2;
/** Cell flag: bad quoting (text after a closing quote, or a quote never closed); bounds are raw. */
export const MALFORMED = 4;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Receives the cells of each row. */
export interface CellSink {
  beginRow(): void;
  /** Cell `col` (0-based) spans `text[start, end)` (without its quotes). */
  cell(col: number, text: string, start: number, end: number, flags: number): void;
  /** The row had `cells` cells. */
  endRow(cells: number): void;
}

/** Tokenizes delimited text row by row. */
export class CsvTokenizer {
  /** Rows handed to sinks so far. */
  rows = 0;
  private escaped = false;

  /** `delimiter` is a char code, or {@link WHITESPACE}. */
  constructor(readonly delimiter: number) {}

  /**
   * Hands the rows of `text` from `start` to `sink`, at most `maxRows` of them. Returns the index
   * where reading stopped: the start of an unfinished row when `final` is false, the text length
   * when all was read, or the next row after `maxRows`.
   */
  run(text: string, start: number, final: boolean, sink: CellSink, maxRows = Infinity): number {
    const n = text.length;
    const d = this.delimiter;
    const whitespace = d === WHITESPACE;
    const delimiterChar = whitespace ? '' : String.fromCharCode(d);
    let nextDelimiter = -1;
    let nextLf = -1;
    let nextCr = -1;
    let i = start;
    let rows = 0;
    while (i < n && rows < maxRows) {
      const rowStart = i;
      // blank line: only blanks up to the line break
      let c = text.charCodeAt(i);
      while ((c === SPACE || c === TAB) && c !== d && i < n) c = text.charCodeAt(++i);
      if (i >= n) {
        if (!final) return rowStart;
        break;
      }
      if (c === LF || c === CR) {
        if (c === CR && i + 1 >= n && !final) return rowStart;
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        continue;
      }
      if (!whitespace) i = rowStart;
      sink.beginRow();
      let col = 0;
      for (;;) {
        let cellStart = i;
        let cellEnd: number;
        let flags = 0;
        if (text.charCodeAt(i) === QUOTE && i < n) {
          const close = this.closingQuote(text, i, n, final);
          if (close < 0) {
            if (!final) return rowStart;
            flags = MALFORMED;
            cellEnd = i = n;
          } else {
            flags = this.escaped ? QUOTED | ESCAPED : QUOTED;
            cellStart = i + 1;
            cellEnd = close;
            i = close + 1;
            c = text.charCodeAt(i);
            while (i < n && (c === SPACE || c === TAB) && c !== d) c = text.charCodeAt(++i);
            if (i < n && c !== d && c !== LF && c !== CR && !whitespace) {
              flags = MALFORMED;
              cellStart--;
              while (i < n && (c = text.charCodeAt(i)) !== d && c !== LF && c !== CR) i++;
              cellEnd = i;
            }
          }
        } else if (whitespace) {
          while (i < n && (c = text.charCodeAt(i)) !== SPACE && c !== TAB && c !== LF && c !== CR) i++;
          cellEnd = i;
          while (i < n && ((c = text.charCodeAt(i)) === SPACE || c === TAB)) i++;
        } else {
          // The cell ends at the nearest separator or line break. Each is found by indexOf (a fast
          // native search) and remembered until passed, so every char is searched once per kind.
          if (nextDelimiter < i) nextDelimiter = nextIndex(text, delimiterChar, i, n);
          if (nextLf < i) nextLf = nextIndex(text, '\n', i, n);
          if (nextCr < i) nextCr = nextIndex(text, '\r', i, n);
          i = nextDelimiter < nextLf ? (nextDelimiter < nextCr ? nextDelimiter : nextCr) : nextLf < nextCr ? nextLf : nextCr;
          cellEnd = i;
        }
        sink.cell(col++, text, cellStart, cellEnd, flags);
        if (i >= n) {
          if (!final) return rowStart;
          break;
        }
        c = text.charCodeAt(i);
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) return rowStart;
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
          break;
        }
        if (!whitespace) i++; // past the delimiter
      }
      sink.endRow(col);
      rows++;
      this.rows++;
    }
    return i;
  }

  /** Index of the quote closing the quoted cell opened at `open`, or -1 when the text ends first. */
  private closingQuote(text: string, open: number, n: number, final: boolean): number {
    this.escaped = false;
    let j = open + 1;
    for (;;) {
      j = text.indexOf('"', j);
      if (j < 0) return -1;
      if (j + 1 >= n) return final ? j : -1; // the next chunk may start with the quote that escapes it
      if (text.charCodeAt(j + 1) !== QUOTE) return j;
      this.escaped = true;
      j += 2;
    }
  }
}

/** The index of `char` in `text` from `from`, or `n` (the text length) when there is none. */
function nextIndex(text: string, char: string, from: number, n: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? n : at;
}

/** The text of a cell as a string: `""` unescaped when flagged. */
export function cellText(text: string, start: number, end: number, flags: number): string {
  const value = text.substring(start, end);
  return flags & ESCAPED ? value.replaceAll('""', '"') : value;
}

/** A sink that keeps the cells of the rows it gets as strings (headers, samples). */
export class CollectingSink implements CellSink {
  readonly rows: string[][] = [];
  private current: string[] = [];

  beginRow(): void {
    this.current = [];
  }

  cell(col: number, text: string, start: number, end: number, flags: number): void {
    this.current[col] = cellText(text, start, end, flags).trim();
  }

  endRow(): void {
    this.rows.push(this.current);
  }
}

const CANDIDATES = [44, 9, 59, 124]; // , tab ; |

/**
 * Sniffs the separator from the first lines (up to 10, outside quotes): the candidate (`,` tab `;` `|`)
 * seen the same non-zero number of times on every line, the most frequent first; else the one most
 * frequent on the first line; else {@link WHITESPACE} when the lines have runs of blanks between
 * values; else `,` (a single column).
 */
export function sniffDelimiter(text: string): number {
  const counts: number[][] = [];
  let blanksInside = false;
  let i = 0;
  const n = text.length;
  while (i < n && counts.length < 10) {
    const line = [0, 0, 0, 0];
    let inQuotes = false;
    let nonBlankSeen = false;
    let blankRun = false;
    let c = 0;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (inQuotes) continue;
      else if (c === LF || c === CR) break;
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) line[k]++;
      if (c === SPACE || c === TAB) blankRun = nonBlankSeen;
      else {
        if (blankRun) blanksInside = true;
        nonBlankSeen = true;
        blankRun = false;
      }
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (nonBlankSeen) counts.push(line);
  }
  if (counts.length === 0) return CANDIDATES[0];
  // the last line may be cut off in a partial buffer: judge consistency on the complete ones
  const lines = counts.length > 2 ? counts.slice(0, -1) : counts;
  let best = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    const first = lines[0][k];
    if (first > 0 && lines.every((l) => l[k] === first) && (best < 0 || first > lines[0][best])) best = k;
  }
  if (best < 0) {
    for (let k = 0; k < CANDIDATES.length; k++) if (lines[0][k] > 0 && (best < 0 || lines[0][k] > lines[0][best])) best = k;
  }
  if (best >= 0) return CANDIDATES[best];
  return blanksInside ? WHITESPACE : CANDIDATES[0];
}

/** The char code of a `delimiter` option (`whitespace`, `\t`, `tab`, `,` ...), or undefined for auto. */
export function delimiterCode(delimiter: string | undefined): number | undefined {
  if (delimiter === undefined || delimiter === 'auto') return undefined;
  if (delimiter === 'whitespace') return WHITESPACE;
  if (delimiter === 'tab' || delimiter === '\\t') return TAB;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`delimiter must be one character, "tab" or "whitespace" (got "${delimiter}")`);
  }
  return delimiter.charCodeAt(0);
}

/** How reports name a separator. */
export function delimiterName(code: number): string {
  return code === WHITESPACE ? 'whitespace' : code === TAB ? 'tab' : String.fromCharCode(code);
}
