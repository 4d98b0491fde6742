/**
 * The fast lane through CSV rows: one pass per row straight from the text into typed blocks that
 * join the columns in bulk, with no call per cell through the tokenizer's sink and no per-cell state
 * in the writer. The common cells (plain decimal numbers, `YYYY-MM-DD` dates) are read as the cell
 * is scanned; others go through the general parsers. The lane takes the rows of the common feed
 * (unquoted cells that all parse) and leaves every other row (a quote, a blank line, a value that
 * does not parse or is out of range, a missing required value, a short or long row) to the general
 * tokenizer and writer, which read that one row and count its reason. So the Dataset and the report
 * are the same either way; only the time differs.
 */
import { NO_DAY } from '../dataset/types.js';
import { dayFromCivil } from '../dataset/days.js';
import { detach, NOT_ASCII, type Dictionary } from '../dataset/growable.js';
import { keepShape } from '../dataset/shapes.js';
import { inDateWindow, parseDate, type ParsedDate } from './dates.js';
import { isBlank, parseNumber, POW10 } from './numbers.js';
import { CATEGORY, CUSTOMER, DAY, NUMBER, TEXT, TIME, type LaneColumn, type TableWriter } from './table-writer.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DASH = 45;
const DOT = 46;
const ZERO = 48;

/** Rows gathered in the typed blocks before they join the columns. */
const BLOCK_ROWS = 4096;
/** Digits a plain decimal may have and still be read exactly as integer / 10^k. */
const EXACT_DIGITS = 15;

/**
 * Day number of the 1st of each month of the accepted date window, and of the month after it, so a
 * date is two adds and a month's length one subtraction (no leap-year arithmetic that a JIT would
 * first meet on the first 29 February, mid-load).
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const MONTH_START = new Int32Array((LAST_YEAR - FIRST_YEAR + 1) * 12 + 1);
for (let k = 0; k < MONTH_START.length; k++) MONTH_START[k] = dayFromCivil(FIRST_YEAR + Math.floor(k / 12), (k % 12) + 1, 1);

/**
 * Day number of a `YYYY-MM-DD` date from its eight digits' values (char code - '0'), or
 * {@link NO_DAY} when one is not a digit, or the date is not a date or outside the window.
 */
function isoDay(y0: number, y1: number, y2: number, y3: number, m0: number, m1: number, d0: number, d1: number): number {
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const digits = (y0 >>> 0) <= 9 && (y1 >>> 0) <= 9 && (y2 >>> 0) <= 9 && (y3 >>> 0) <= 9 && (m0 >>> 0) <= 9 && (m1 >>> 0) <= 9 && (d0 >>> 0) <= 9 && (d1 >>> 0) <= 9;
  const k = (year - FIRST_YEAR) * 12 + month - 1;
  return digits && year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_START[k + 1] - MONTH_START[k] ? MONTH_START[k] + day - 1 : NO_DAY;
}

/**
 * Rows per block in the first call of the process (or Worker). The optimising JIT compiles the row
 * loop while it runs, with no type feedback yet for the code that only runs when a block is full or
 * when a call ends; reaching that code then throws the compiled loop away, and the recompile of this
 * large function takes ~30 ms, several times over in the first load. A first call that fills and
 * flushes one small block and returns gives that code its feedback first (the next row goes through
 * the general path, then the lane carries on). First 1M-row load in a fresh Node process: the loop
 * compiled twice instead of six times, ~350 -> ~290 ms.
 */
const WARM_ROWS = 16;
let warm = false;
/** {@link warm} for {@link FastCsvRows.runBytes}, a loop of its own. */
let warmBytes = false;
const SPACE = 32;
const TAB = 9;

/** Reads the rows it can of a CSV text into a {@link TableWriter}'s columns. */
export class FastCsvRows {
  /** Whether the last {@link run} stopped at an unfinished row (more text is needed). */
  waiting = false;
  /**
   * Whether {@link runBytes} may read this plan's rows: every column it keeps is an id, a category, a
   * number with a decimal point or a date, and the separator is an ASCII char other than a space.
   */
  readonly readsBytes: boolean;
  private readonly kinds: Int8Array;
  private readonly targets: readonly (LaneColumn | undefined)[];
  /*
   * What the row loop reads of each target, kept apart from the targets: the loop's optimised code
   * then embeds no plain object's hidden class, which a garbage collection between loads could free
   * (and so throw the code away). See "Hot loops are kernels" in docs/architecture.md.
   */
  private readonly dictionaries: (Dictionary | undefined)[];
  private readonly lows: Float64Array;
  private readonly highs: Float64Array;
  /** Per source column: a block of codes or days, and of numbers or instants (this block's rows). */
  private readonly ints: (Int32Array | undefined)[];
  private readonly nums: (Float64Array | undefined)[];
  private readonly texts: ((string | undefined)[] | undefined)[];
  /** Per source column, the row being read: the cell's trimmed bounds. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly parsed: ParsedDate = { day: 0, ms: 0 };

  private constructor(
    private readonly delimiter: number,
    private readonly writer: TableWriter,
    lane: readonly (LaneColumn | undefined)[],
    private readonly decimalComma: boolean,
    private readonly dayFirst: boolean,
  ) {
    this.targets = lane;
    this.kinds = Int8Array.from(lane, (c) => (c ? c.kind : -1));
    this.dictionaries = lane.map((c) => c?.dictionary);
    this.lows = Float64Array.from(lane, (c) => (c ? c.low : -Infinity));
    this.highs = Float64Array.from(lane, (c) => (c ? c.high : Infinity));
    this.ints = lane.map((c) => (c && c.kind !== NUMBER && c.kind !== TEXT ? new Int32Array(BLOCK_ROWS) : undefined));
    this.nums = lane.map((c) => (c && (c.kind === NUMBER || c.kind === TIME) ? new Float64Array(BLOCK_ROWS) : undefined));
    this.texts = lane.map((c) => (c && c.kind === TEXT ? new Array<string | undefined>(BLOCK_ROWS) : undefined));
    this.starts = new Int32Array(lane.length);
    this.ends = new Int32Array(lane.length);
    this.readsBytes =
      !decimalComma && delimiter < 0x80 && delimiter !== SPACE && lane.every((c) => !c || c.kind === CUSTOMER || c.kind === CATEGORY || c.kind === NUMBER || c.kind === DAY);
  }

  static {
    // an idle lane, kept for the class's hidden class (shapes.ts)
    keepShape(new FastCsvRows(44, undefined as unknown as TableWriter, [], false, false));
  }

  /** The fast lane for a writer and a one-character separator, or undefined when its plan has none. */
  static for(delimiter: number, writer: TableWriter, decimalComma: boolean, dayFirst: boolean): FastCsvRows | undefined {
    const lane = writer.laneColumns();
    return lane && lane.length > 0 && delimiter >= 0 ? new FastCsvRows(delimiter, writer, lane, decimalComma, dayFirst) : undefined;
  }

  /**
   * Commits rows of `text` from `start` while they take the fast lane; returns where it stopped:
   * the text's end, a row to leave to the general path, or (with {@link waiting}) an unfinished row.
   */
  run(text: string, start: number, final: boolean): number {
    const n = text.length;
    const d = this.delimiter;
    const kinds = this.kinds;
    const columns = kinds.length;
    const headerCells = this.writer.headerCells;
    const ints = this.ints;
    const nums = this.nums;
    const block = warm ? BLOCK_ROWS : WARM_ROWS;
    let rows = 0;
    let i = start;
    this.waiting = false;
    rows: while (i < n) {
      if (rows === block) {
        rows = this.flush(rows);
        if (!warm) break;
      }
      const rowStart = i;
      let c = text.charCodeAt(i);
      // blank lines, quotes and leading blanks are the general path's
      if (c === LF || c === CR || c === QUOTE || isBlank(c)) break;
      let col = 0;
      // whether the row may hold an id or category not yet in its dictionary (most rows do not)
      let fresh = false;
      for (;;) {
        const cellStart = i;
        const kind = col < columns ? kinds[col] : -1;
        let done = false;
        if (kind === NUMBER && !this.decimalComma) {
          // a plain decimal, read as it is scanned (a decimal comma goes through parseNumber)
          let negative = false;
          if (c === DASH) {
            negative = true;
            c = text.charCodeAt(++i);
          }
          let mantissa = 0;
          let digits = 0;
          let scale = -1;
          for (; i < n; c = text.charCodeAt(++i)) {
            const digit = c - ZERO;
            if (digit >= 0 && digit <= 9) {
              mantissa = mantissa * 10 + digit;
              digits++;
              if (scale >= 0) scale++;
            } else if (c === DOT && scale < 0) scale = 0;
            else break;
          }
          if ((i >= n ? final : c === d || c === LF || c === CR) && digits > 0 && digits <= EXACT_DIGITS && scale !== 0) {
            const value = scale > 0 ? mantissa / POW10[scale] : mantissa;
            const signed = negative ? -value : value;
            if (!(signed >= this.lows[col] && signed <= this.highs[col])) {
              i = rowStart;
              break rows;
            }
            nums[col]![rows] = signed;
            done = true;
          }
        } else if ((kind === CUSTOMER || kind === CATEGORY) && i < n && c !== d && c !== LF && c !== CR && !isBlank(c)) {
          // an id or a category, looked up in the same pass that finds the cell's end
          const dictionary = this.dictionaries[col]!;
          const code = dictionary.findCell(text, i, d);
          const end = dictionary.cellEnd;
          if ((end < n || final) && !isBlank(text.charCodeAt(end - 1))) {
            ints[col]![rows] = code;
            if (code < 0) fresh = true;
            this.starts[col] = i;
            this.ends[col] = end;
            i = end;
            c = text.charCodeAt(i);
            done = true;
          }
        } else if (kind === DAY && i + 10 <= n && text.charCodeAt(i + 4) === DASH && text.charCodeAt(i + 7) === DASH) {
          // `YYYY-MM-DD`, read at fixed places
          const after = i + 10 < n ? text.charCodeAt(i + 10) : -1;
          if (after === -1 ? final : after === d || after === LF || after === CR) {
            // the digits read in place: the check of isoDay written out, as a call here (in the larger
            // loop) measured ~10 % slower, and a call per field does not get inlined in every engine
            const y0 = text.charCodeAt(i) - ZERO;
            const y1 = text.charCodeAt(i + 1) - ZERO;
            const y2 = text.charCodeAt(i + 2) - ZERO;
            const y3 = text.charCodeAt(i + 3) - ZERO;
            const m0 = text.charCodeAt(i + 5) - ZERO;
            const m1 = text.charCodeAt(i + 6) - ZERO;
            const d0 = text.charCodeAt(i + 8) - ZERO;
            const d1 = text.charCodeAt(i + 9) - ZERO;
            const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
            const month = m0 * 10 + m1;
            const day = d0 * 10 + d1;
            const digits = (y0 >>> 0) <= 9 && (y1 >>> 0) <= 9 && (y2 >>> 0) <= 9 && (y3 >>> 0) <= 9 && (m0 >>> 0) <= 9 && (m1 >>> 0) <= 9 && (d0 >>> 0) <= 9 && (d1 >>> 0) <= 9;
            const k = (year - FIRST_YEAR) * 12 + month - 1;
            if (digits && year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_START[k + 1] - MONTH_START[k]) {
              ints[col]![rows] = MONTH_START[k] + day - 1;
              i += 10;
              c = after;
              done = true;
            }
          }
        }
        if (!done) {
          i = cellStart;
          c = i < n ? text.charCodeAt(i) : -1;
          while (i < n && (c = text.charCodeAt(i)) !== d && c !== LF && c !== CR) i++;
          if (i >= n && !final) {
            this.waiting = true;
            i = rowStart;
            break rows;
          }
          if (kind >= 0 && !this.cell(col, rows, text, cellStart, i)) {
            i = rowStart;
            break rows;
          }
          if (kind === CUSTOMER || kind === CATEGORY) fresh = true;
        }
        col++;
        if (i >= n) break;
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            this.waiting = true;
            i = rowStart;
            break rows;
          }
          i += text.charCodeAt(i + 1) === LF ? 2 : 1;
          break;
        }
        c = text.charCodeAt(++i);
        if (c === QUOTE) {
          i = rowStart;
          break rows;
        }
      }
      if (col < columns || col > headerCells) {
        i = rowStart;
        break;
      }
      if (fresh) this.addNewValues(rows, text);
      rows++;
    }
    this.flush(rows);
    warm = true;
    return i;
  }

  /**
   * {@link run} over UTF-8 bytes, for the plainest rows only (see {@link readsBytes}): ids and
   * categories of ASCII chars with no blank at either end, plain decimals, `YYYY-MM-DD` dates, other
   * columns skipped. It stops at any other row (a byte above 0x7F in a kept cell, an empty or blank
   * cell, a quote, a blank line, a short or long row, a value out of range), which the caller then
   * reads as text. `bytes` hold whole lines (the last one may lack its line break only at the end of
   * the feed), so no row is ever cut off. Returns the byte index where it stopped. Reading bytes
   * saves decoding the feed into strings, ~10 % of a load. It repeats {@link run}'s logic for bytes on
   * purpose: one loop over either kind of input would read each char through a call, far slower.
   */
  runBytes(bytes: Uint8Array, start: number): number {
    const n = bytes.length;
    const d = this.delimiter;
    const kinds = this.kinds;
    const columns = kinds.length;
    const headerCells = this.writer.headerCells;
    const ints = this.ints;
    const nums = this.nums;
    const block = warmBytes ? BLOCK_ROWS : WARM_ROWS;
    let rows = 0;
    let i = start;
    rows: while (i < n) {
      if (rows === block) {
        rows = this.flush(rows);
        if (!warmBytes) break;
      }
      const rowStart = i;
      let c = bytes[i];
      if (c === LF || c === CR || c === QUOTE || c === SPACE || c === TAB) break;
      let col = 0;
      let fresh = false;
      for (;;) {
        const kind = col < columns ? kinds[col] : -1;
        if (kind === NUMBER) {
          let negative = false;
          if (c === DASH) {
            negative = true;
            c = ++i < n ? bytes[i] : -1;
          }
          let mantissa = 0;
          let digits = 0;
          let scale = -1;
          for (; i < n; c = ++i < n ? bytes[i] : -1) {
            const digit = c - ZERO;
            if (digit >= 0 && digit <= 9) {
              mantissa = mantissa * 10 + digit;
              digits++;
              if (scale >= 0) scale++;
            } else if (c === DOT && scale < 0) scale = 0;
            else break;
          }
          if (!((i >= n || c === d || c === LF || c === CR) && digits > 0 && digits <= EXACT_DIGITS && scale !== 0)) {
            i = rowStart;
            break rows;
          }
          const value = scale > 0 ? mantissa / POW10[scale] : mantissa;
          const signed = negative ? -value : value;
          if (!(signed >= this.lows[col] && signed <= this.highs[col])) {
            i = rowStart;
            break rows;
          }
          nums[col]![rows] = signed;
        } else if (kind === CUSTOMER || kind === CATEGORY) {
          // an empty cell (also at the feed's end) or a blank one is the general path's
          if (i >= n || c === d || c === LF || c === CR || c === SPACE || c === TAB) {
            i = rowStart;
            break rows;
          }
          const code = this.dictionaries[col]!.findBytes(bytes, i, d);
          if (code === NOT_ASCII) {
            i = rowStart;
            break rows;
          }
          const end = this.dictionaries[col]!.cellEnd;
          if (bytes[end - 1] === SPACE || bytes[end - 1] === TAB) {
            i = rowStart;
            break rows;
          }
          ints[col]![rows] = code;
          if (code < 0) fresh = true;
          this.starts[col] = i;
          this.ends[col] = end;
          i = end;
          c = i < n ? bytes[i] : -1;
        } else if (kind === DAY) {
          if (i + 10 > n) {
            i = rowStart;
            break rows;
          }
          const after = i + 10 < n ? bytes[i + 10] : -1;
          if (bytes[i + 4] !== DASH || bytes[i + 7] !== DASH || !(after === -1 || after === d || after === LF || after === CR)) {
            i = rowStart;
            break rows;
          }
          const day = isoDay(bytes[i] - ZERO, bytes[i + 1] - ZERO, bytes[i + 2] - ZERO, bytes[i + 3] - ZERO, bytes[i + 5] - ZERO, bytes[i + 6] - ZERO, bytes[i + 8] - ZERO, bytes[i + 9] - ZERO);
          if (day === NO_DAY) {
            i = rowStart;
            break rows;
          }
          ints[col]![rows] = day;
          i += 10;
          c = after;
        } else {
          // a column the plan does not keep
          while (i < n && (c = bytes[i]) !== d && c !== LF && c !== CR) i++;
        }
        col++;
        if (i >= n) break;
        if (c === LF) {
          i++;
          break;
        }
        if (c === CR) {
          i += i + 1 < n && bytes[i + 1] === LF ? 2 : 1;
          break;
        }
        c = ++i < n ? bytes[i] : -1;
        if (c === QUOTE) {
          i = rowStart;
          break rows;
        }
      }
      if (col < columns || col > headerCells) {
        i = rowStart;
        break;
      }
      if (fresh) this.addNewBytes(rows, bytes);
      rows++;
    }
    this.flush(rows);
    warmBytes = true;
    return i;
  }

  /** Reads one cell of a column through the general parsers; false leaves the row to the general path. */
  private cell(col: number, row: number, text: string, start: number, end: number): boolean {
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    this.starts[col] = start;
    this.ends[col] = end;
    const target = this.targets[col]!;
    const kind = this.kinds[col];
    if (start === end) {
      if (target.required) return false;
      if (kind === NUMBER || kind === TIME) this.nums[col]![row] = NaN;
      if (kind === TEXT) this.texts[col]![row] = undefined;
      else if (kind !== NUMBER) this.ints[col]![row] = kind === DAY || kind === TIME ? NO_DAY : -1;
      return true;
    }
    switch (kind) {
      case CUSTOMER:
      case CATEGORY:
        this.ints[col]![row] = target.dictionary!.find(text, start, end);
        return true;
      case DAY:
      case TIME: {
        const parsed = this.parsed;
        if (!parseDate(text, start, end, parsed, this.dayFirst) || !inDateWindow(parsed.day)) return false;
        this.ints[col]![row] = parsed.day;
        if (kind === TIME) this.nums[col]![row] = parsed.ms;
        return true;
      }
      case NUMBER: {
        const value = parseNumber(text, start, end, this.decimalComma);
        this.nums[col]![row] = value;
        return value >= target.low && value <= target.high;
      }
      case TEXT:
        this.texts[col]![row] = detach(text.substring(start, end));
        return true;
      default:
        return false;
    }
  }

  /** Adds the row's new ids and categories to their dictionaries (only accepted rows add values). */
  private addNewValues(row: number, text: string): void {
    const kinds = this.kinds;
    for (let col = 0; col < kinds.length; col++) {
      const kind = kinds[col];
      if ((kind === CUSTOMER || kind === CATEGORY) && this.ints[col]![row] < 0 && this.ends[col] > this.starts[col]) {
        this.ints[col]![row] = this.dictionaries[col]!.add(text, this.starts[col], this.ends[col]);
      }
    }
  }

  /** {@link addNewValues} for a row read from bytes (its new values are ASCII). */
  private addNewBytes(row: number, bytes: Uint8Array): void {
    const kinds = this.kinds;
    for (let col = 0; col < kinds.length; col++) {
      const kind = kinds[col];
      if ((kind === CUSTOMER || kind === CATEGORY) && this.ints[col]![row] < 0) {
        this.ints[col]![row] = this.dictionaries[col]!.addBytes(bytes, this.starts[col], this.ends[col]);
      }
    }
  }

  /** Moves the block's rows into the columns; returns 0, the rows left in the block. */
  private flush(rows: number): number {
    if (rows === 0) return 0;
    const kinds = this.kinds;
    for (let col = 0; col < kinds.length; col++) {
      const kind = kinds[col];
      if (kind < 0) continue;
      const column = this.targets[col]!.column;
      if (kind === TEXT) {
        const texts = this.texts[col]!;
        for (let r = 0; r < rows; r++) column.texts!.push(texts[r]);
      } else if (kind === NUMBER) column.numbers!.pushAll(this.nums[col]!.subarray(0, rows));
      else if (kind === TIME) {
        column.numbers!.pushAll(this.nums[col]!.subarray(0, rows));
        column.days!.pushAll(this.ints[col]!.subarray(0, rows));
      } else column.ints!.pushAll(this.ints[col]!.subarray(0, rows));
    }
    this.writer.acceptRows(rows);
    return 0;
  }
}
