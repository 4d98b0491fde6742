/**
 * Writes one table's rows into a {@link DatasetBuilder}: cells (CSV bounds or JSON values) are parsed
 * into per-input scratch slots, then `endRow` either commits every field or rejects the whole row
 * with one reason. Nothing reaches the builder before the row is known to be good, so accepted rows
 * are exactly what the source said.
 */
import type { ColumnBuilder, ColumnValues, DatasetBuilder, TableBuilder } from '../dataset/builder.js';
import { detach, type Dictionary, type PackedValues } from '../dataset/growable.js';
import type { FieldSpec } from '../dataset/schema.js';
import { NO_DAY } from '../dataset/types.js';
import { dayFromEpochMs } from '../dataset/days.js';
import { cellText, ESCAPED, MALFORMED, type CellSink } from './csv.js';
import { inDateWindow, parseDate, type ParsedDate } from './dates.js';
import type { TablePlan } from './mapping.js';
import { isBlank, MAX_MAGNITUDE, parseNumber } from './numbers.js';
import { RejectionCounter, type CounterState } from './report.js';
import type { RefundPolicy, RejectReason } from './types.js';

/** Why an input is BAD (beyond not parsing as its kind). */
const MALFORMED_CELL = 1;
const OUTSIDE_WINDOW = 2;

/** Cell states. */
const ABSENT = 0; // the row ended before this column
const EMPTY = 1;
const OK = 2;
const BAD = 3;

/** Field kinds as small ints for the hot switch. */
export const CUSTOMER = 0;
export const CATEGORY = 1;
export const TEXT = 2;
export const DAY = 3;
export const TIME = 4;
export const NUMBER = 5;
const FLAG = 6;

const KIND_CODES = { customer: CUSTOMER, category: CATEGORY, text: TEXT, day: DAY, time: TIME, number: NUMBER, flag: FLAG } as const;

const FLAG_VALUES: Readonly<Record<string, number>> = {
  '1': 1, '0': 0, true: 1, false: 0, yes: 1, no: 0, y: 1, n: 0, t: 1, f: 0, 是: 1, 否: 0, 有: 1, 无: 0,
};

/** A number written with a decimal comma (`12,5`, `1.234,56`), for a hint in the report. */
const DECIMAL_COMMA = /^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d{1,2}$/;

/** One output column and the inputs it is computed from. */
interface Slot {
  readonly spec: FieldSpec;
  readonly kind: number;
  readonly column: ColumnBuilder;
  /** Input indexes (two for a derived product). */
  readonly inputs: readonly number[];
  readonly labels: readonly string[];
  readonly refundCheck: boolean;
}

/**
 * A source column the fast CSV lane (csv-fast-rows.ts) reads: the kind of its field and where its
 * values go. A value outside `[low, high]` leaves its row to the general path, which rejects it.
 */
export interface LaneColumn {
  readonly kind: number;
  readonly column: ColumnBuilder;
  readonly dictionary: Dictionary | undefined;
  readonly required: boolean;
  readonly low: number;
  readonly high: number;
}

/**
 * The rows one writer read, for a writer of the same plan to append after its own (the part of a
 * feed read on another thread): plain data that crosses threads, its typed arrays transferable.
 */
export interface TablePart {
  /** Rows accepted: the length of every column. */
  readonly length: number;
  /** Rows before the data (a header), which the row numbers of the examples count. */
  readonly headRows: number;
  /** Data rows read, accepted or not. */
  readonly rowsRead: number;
  readonly extraCellRows: number;
  readonly counter: CounterState;
  /** Per field (the plan's fields, then its attributes): the column's values. */
  readonly columns: readonly ColumnValues[];
  /** Per field: the values of its dictionary, for a customer or category field. */
  readonly dictionaries: readonly (PackedValues | undefined)[];
}

/** Parsing options the writer needs. */
export interface WriterOptions {
  readonly refunds: RefundPolicy;
  readonly examplesPerReason: number;
  readonly decimalComma: boolean;
  readonly dayFirst: boolean;
  /** Expected row count, to size the columns once. */
  readonly capacity: number;
}

/** Parses and commits the rows of one table; as a {@link CellSink} it takes CSV rows directly. */
export class TableWriter implements CellSink {
  readonly counter: RejectionCounter;
  /** Number of the last row read (1-based; set to 1 first when the source has a header row). */
  row = 0;
  /** Rows before the data (a header row); the reader sets it with {@link row}. */
  headRows = 0;
  /** Cells of the header row: rows with more are counted in {@link extraCellRows}. */
  headerCells = Infinity;
  /** Rows that had more cells than the header (the extra cells are ignored). */
  extraCellRows = 0;
  /** Source columns by index: the first input reading it, or -1; `next` chains further inputs. */
  readonly columnInput: Int32Array;
  private readonly inputNext: Int32Array;
  private readonly inputKind: Uint8Array;
  /** Dictionaries of customer and category inputs. */
  private readonly dictionaries: (Dictionary | undefined)[];
  /**
   * Per input: the last value looked up (its place in the text) and its code, tried first: feeds
   * often list a customer's orders together, and the previous cell is still in cache.
   */
  private readonly lastCode: Int32Array;
  private readonly lastText: string[];
  private readonly lastStart: Int32Array;
  private readonly lastEnd: Int32Array;
  /**
   * Whether rows can take the short way: every input is its own output column read from its own
   * source column, with no range or refund check, so a row whose cells all parsed is accepted as is.
   */
  private readonly simple: boolean;
  /** Every input is its own output column, read from a source column no other input reads. */
  private readonly oneToOne: boolean;
  /** Source columns a row needs (the highest one read + 1) and inputs that parsed OK this row. */
  private readonly neededCells: number;
  private okInputs = 0;
  private readonly status: Uint8Array;
  /** The row each input's state belongs to: a stale one means the cell never came (absent). */
  private readonly seen: Uint32Array;
  private generation = 0;
  private readonly num: Float64Array;
  private readonly ms: Float64Array;
  private readonly str: (string | undefined)[];
  private readonly rawText: string[];
  private readonly rawStart: Int32Array;
  private readonly rawEnd: Int32Array;
  /** Per input: 0, {@link MALFORMED_CELL} or {@link OUTSIDE_WINDOW}. */
  private readonly problem: Uint8Array;
  private readonly slots: Slot[] = [];
  private readonly table: TableBuilder;
  private readonly parsed: ParsedDate = { day: 0, ms: 0 };

  constructor(
    builder: DatasetBuilder,
    readonly plan: TablePlan,
    private readonly options: WriterOptions,
  ) {
    this.counter = new RejectionCounter(plan.table, options.examplesPerReason);
    this.table = builder.table(
      plan.table,
      plan.fields.map((f) => f.spec.name),
      options.capacity,
      plan.attributes.map((a) => a.name),
    );
    const sources: number[] = [];
    const kinds: number[] = [];
    this.dictionaries = [];
    const addInput = (source: number, kind: number, column: ColumnBuilder): number => {
      sources.push(source);
      kinds.push(kind);
      this.dictionaries.push(column.dictionary);
      return sources.length - 1;
    };
    for (const f of plan.fields) {
      const kind = KIND_CODES[f.spec.kind];
      const column = this.table.column(f.spec.name)!;
      this.slots.push({
        spec: f.spec,
        kind,
        column,
        inputs: f.sources.map((s) => addInput(s, kind, column)),
        labels: f.label.split(' * '),
        refundCheck: plan.table === 'orders' && f.spec.name === 'amount' && options.refunds === 'drop',
      });
    }
    for (const a of plan.attributes) {
      const column = this.table.attributes.get(a.name)!;
      this.slots.push({
        spec: { name: a.name, kind: 'number', column: a.name },
        kind: NUMBER,
        column,
        inputs: [addInput(a.source, NUMBER, column)],
        labels: [a.name],
        refundCheck: false,
      });
    }
    const columns = Math.max(0, ...sources) + 1;
    this.columnInput = new Int32Array(columns).fill(-1);
    this.inputNext = new Int32Array(sources.length).fill(-1);
    for (let k = sources.length - 1; k >= 0; k--) {
      this.inputNext[k] = this.columnInput[sources[k]];
      this.columnInput[sources[k]] = k;
    }
    const n = sources.length;
    this.neededCells = columns;
    this.oneToOne = this.slots.every((slot, k) => slot.inputs.length === 1 && slot.inputs[0] === k) && new Set(sources).size === n;
    this.simple = this.oneToOne && this.slots.every((slot) => !slot.spec.range && !slot.refundCheck);
    this.lastCode = new Int32Array(n).fill(-1);
    this.lastText = new Array<string>(n).fill('');
    this.lastStart = new Int32Array(n);
    this.lastEnd = new Int32Array(n);
    this.inputKind = Uint8Array.from(kinds);
    this.status = new Uint8Array(n);
    this.seen = new Uint32Array(n);
    this.num = new Float64Array(n);
    this.ms = new Float64Array(n);
    this.str = new Array<string | undefined>(n).fill(undefined);
    this.rawText = new Array<string>(n).fill('');
    this.rawStart = new Int32Array(n);
    this.rawEnd = new Int32Array(n);
    this.problem = new Uint8Array(n);
  }

  /**
   * The columns the fast CSV lane reads, by source column (undefined: not read), or undefined when
   * the plan needs the general path for every row: a derived field, two fields on one column, a flag.
   */
  laneColumns(): (LaneColumn | undefined)[] | undefined {
    const slots = this.slots;
    if (!this.oneToOne || slots.some((slot) => slot.kind === FLAG)) return undefined;
    const lane: (LaneColumn | undefined)[] = new Array(this.columnInput.length).fill(undefined);
    this.columnInput.forEach((input, col) => {
      if (input < 0) return;
      const slot = slots[input];
      lane[col] = {
        kind: slot.kind,
        column: slot.column,
        dictionary: this.dictionaries[input],
        required: slot.spec.required === true,
        low: slot.refundCheck ? 0 : (slot.spec.range?.[0] ?? -Infinity),
        high: slot.spec.range?.[1] ?? Infinity,
      };
    });
    return lane;
  }

  /** What this writer has read, for {@link absorb} by a writer of the same plan. */
  part(): TablePart {
    return {
      length: this.table.length,
      headRows: this.headRows,
      rowsRead: this.row - this.headRows,
      extraCellRows: this.extraCellRows,
      counter: this.counter.state(),
      columns: this.slots.map((slot) => slot.column.values()),
      dictionaries: this.slots.map((slot) => slot.column.dictionary?.pack()),
    };
  }

  /**
   * Appends the rows of a {@link part} read by a writer of the same plan from the rows that follow
   * this one's: its codes recoded into these dictionaries, its row numbers moved on, its counts added.
   * The result is what this writer would hold had it read those rows itself.
   */
  absorb(part: TablePart): void {
    this.slots.forEach((slot, k) => {
      const packed = part.dictionaries[k];
      slot.column.append(part.columns[k], packed && slot.column.dictionary!.recode(packed));
    });
    this.table.endRows(part.length);
    this.counter.absorb(part.counter, this.row - part.headRows);
    this.row += part.rowsRead;
    this.extraCellRows += part.extraCellRows;
  }

  /** Counts rows the fast lane has put into the columns. */
  acceptRows(rows: number): void {
    this.row += rows;
    this.counter.accept(rows);
    this.table.endRows(rows);
  }

  /** Starts a row: every input is absent until a cell arrives. */
  beginRow(): void {
    this.generation = (this.generation + 1) >>> 0;
    this.okInputs = 0;
  }

  /** A CSV cell: source column `col` spans `text[start, end)`. */
  cell(col: number, text: string, start: number, end: number, flags: number): void {
    if (col >= this.columnInput.length) return;
    for (let input = this.columnInput[col]; input >= 0; input = this.inputNext[input]) {
      this.parseText(input, text, start, end, flags);
    }
  }

  /** Parses the text of one input (blanks around it trimmed). */
  parseText(input: number, text: string, start: number, end: number, flags: number): void {
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (this.rawText[input] !== text) this.rawText[input] = text; // CSV cells share one text: skip the store
    this.rawStart[input] = start;
    this.rawEnd[input] = end;
    this.seen[input] = this.generation;
    if (start === end && !(flags & MALFORMED)) {
      this.status[input] = EMPTY;
      return;
    }
    this.problem[input] = flags & MALFORMED ? MALFORMED_CELL : 0;
    if (flags & MALFORMED) {
      this.status[input] = BAD;
      return;
    }
    let ok = true;
    switch (this.inputKind[input]) {
      case CUSTOMER:
      case CATEGORY: {
        const dictionary = this.dictionaries[input]!;
        if (flags & ESCAPED) {
          const value = cellText(text, start, end, flags);
          this.setRaw(input, value);
          this.num[input] = dictionary.find(value);
          this.lastEnd[input] = this.lastStart[input]; // an empty last value matches no cell
        } else {
          let code = this.lastCode[input];
          if (code < 0 || !this.sameAsLast(input, text, start, end)) code = dictionary.find(text, start, end);
          this.num[input] = code;
          this.lastCode[input] = code;
          if (this.lastText[input] !== text) this.lastText[input] = text;
          this.lastStart[input] = start;
          this.lastEnd[input] = end;
        }
        break;
      }
      case TEXT:
        this.str[input] = detach(cellText(text, start, end, flags));
        break;
      case DAY:
      case TIME:
        ok = parseDate(text, start, end, this.parsed, this.options.dayFirst);
        if (ok && !inDateWindow(this.parsed.day)) {
          ok = false;
          this.problem[input] = OUTSIDE_WINDOW;
        }
        this.num[input] = this.parsed.day;
        this.ms[input] = this.parsed.ms;
        break;
      case NUMBER: {
        const value = parseNumber(text, start, end, this.options.decimalComma);
        ok = value === value;
        this.num[input] = value;
        break;
      }
      case FLAG: {
        const flag = FLAG_VALUES[text.substring(start, end).toLowerCase()];
        ok = flag !== undefined;
        this.num[input] = flag ?? -1;
        break;
      }
    }
    if (ok) {
      this.status[input] = OK;
      this.okInputs++;
    } else this.status[input] = BAD;
  }

  /** Whether `text[start, end)` holds the same chars as the last value looked up for `input`. */
  private sameAsLast(input: number, text: string, start: number, end: number): boolean {
    const from = this.lastStart[input];
    if (this.lastEnd[input] - from !== end - start || this.lastText[input] !== text) return false;
    for (let i = 0; i < end - start; i++) if (text.charCodeAt(from + i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  /** A JSON value for one input (records, NDJSON, the `.data` property). */
  value(input: number, value: unknown): void {
    this.seen[input] = this.generation;
    if (value === null || value === undefined) {
      this.status[input] = EMPTY;
      return;
    }
    if (typeof value === 'string') {
      this.parseText(input, value, 0, value.length, 0);
      return;
    }
    const kind = this.inputKind[input];
    let instant = NaN;
    if (value instanceof Date) instant = value.getTime();
    else if (typeof value === 'number' && (kind === DAY || kind === TIME) && value >= 1e11) instant = value;
    if (instant === instant) {
      const day = Math.abs(instant) <= 8.64e15 ? dayFromEpochMs(instant) : NO_DAY;
      const isDate = kind === DAY || kind === TIME;
      const ok = isDate && inDateWindow(day);
      this.setRaw(input, String(value));
      if (isDate && !ok && day !== NO_DAY) this.problem[input] = OUTSIDE_WINDOW;
      this.num[input] = ok ? day : NO_DAY;
      this.ms[input] = instant;
      this.status[input] = ok ? OK : BAD;
      return;
    }
    if (typeof value === 'number' && kind === NUMBER) {
      this.setRaw(input, String(value));
      this.num[input] = value;
      this.status[input] = Number.isFinite(value) && Math.abs(value) <= MAX_MAGNITUDE ? OK : BAD;
      return;
    }
    if (typeof value === 'boolean' && kind === FLAG) {
      this.num[input] = value ? 1 : 0;
      this.status[input] = OK;
      return;
    }
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      const text = String(value);
      this.parseText(input, text, 0, text.length, 0);
      return;
    }
    this.setRaw(input, safeJson(value));
    this.problem[input] = MALFORMED_CELL;
    this.status[input] = BAD;
  }

  private setRaw(input: number, text: string): void {
    this.rawText[input] = text;
    this.rawStart[input] = 0;
    this.rawEnd[input] = text.length;
    this.problem[input] = 0;
  }

  /**
   * A JSON record: an object read by key (`keys[col]` names source column `col`), or with `arrays`
   * an array read by position. Anything else is rejected as `invalid-record`.
   */
  record(record: unknown, keys: readonly string[], arrays: boolean): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record) !== arrays || record instanceof Date) {
      this.rejectRecord(() => safeJson(record));
      return;
    }
    this.beginRow();
    const cells = arrays ? (record as readonly unknown[]).length : 0;
    for (let col = 0; col < this.columnInput.length; col++) {
      const first = this.columnInput[col];
      if (first < 0 || (arrays && col >= cells)) continue;
      const value = arrays ? (record as readonly unknown[])[col] : (record as Record<string, unknown>)[keys[col]];
      for (let input = first; input >= 0; input = this.inputNext[input]) this.value(input, value);
    }
    this.endRow(cells);
  }

  /** Ends a row of `cells` cells (0 for JSON records): commits it or counts its rejection. */
  endRow(cells: number): void {
    const row = ++this.row;
    if (cells > this.headerCells) this.extraCellRows++;
    if (this.simple && this.okInputs === this.slots.length && cells >= this.neededCells) {
      this.commit();
      this.counter.accept();
      return;
    }
    const slots = this.slots;
    const status = this.status;
    const seen = this.seen;
    const generation = this.generation;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const inputs = slot.inputs;
      let state = OK;
      let at = 0;
      for (let j = 0; j < inputs.length; j++) {
        const s = seen[inputs[j]] === generation ? status[inputs[j]] : ABSENT;
        // the worst state of the inputs decides: absent, then bad, then empty
        if (s === ABSENT || (s === BAD && state !== ABSENT) || (s === EMPTY && state === OK)) {
          state = s;
          at = j;
        }
      }
      if (state === OK) {
        if (slot.spec.range || slot.refundCheck) {
          const value = this.slotNumber(slot);
          if (slot.spec.range && (value < slot.spec.range[0] || value > slot.spec.range[1])) return this.rejectAt(row, slot, at, 'out-of-range');
          if (slot.refundCheck && value < 0) return this.rejectAt(row, slot, at, 'refund');
        }
        continue;
      }
      if (state === ABSENT) return this.rejectAt(row, slot, at, 'ragged-row');
      if (state === BAD) return this.rejectAt(row, slot, at, this.badReason(slot, inputs[at]));
      if (slot.spec.required) return this.rejectAt(row, slot, at, missingReason(slot.spec));
    }
    this.commit();
    this.counter.accept();
  }

  /** Rejects a whole row that is not a record at all. */
  rejectRecord(raw: () => string): void {
    this.counter.reject('invalid-record', ++this.row, '*', undefined, raw);
  }

  /** Observations for the report: duplicate headers, rows with extra cells. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.plan.empty) notes.push('the source has no data');
    if (this.plan.duplicates.length > 0) notes.push(`duplicate column names ${this.plan.duplicates.join(', ')}: the first column of each name is used`);
    if (this.extraCellRows > 0) notes.push(`${this.extraCellRows} rows had more cells than the header; the extra cells were ignored`);
    const comma = this.options.decimalComma
      ? undefined
      : this.counter.examples.find((e) => (e.reason === 'non-numeric-amount' || e.reason === 'non-numeric-value') && DECIMAL_COMMA.test(e.value));
    if (comma) notes.push(`values like "${comma.value}" look like a decimal comma: set decimal to ","`);
    return notes;
  }

  private badReason(slot: Slot, input: number): RejectReason {
    if (this.problem[input] === MALFORMED_CELL) return 'invalid-record';
    if (this.problem[input] === OUTSIDE_WINDOW) return 'out-of-range';
    switch (slot.kind) {
      case DAY:
      case TIME:
        return 'unparseable-date';
      case NUMBER:
        return slot.spec.name === 'amount' ? 'non-numeric-amount' : 'non-numeric-value';
      case FLAG:
        return 'invalid-flag';
      default:
        return 'invalid-record';
    }
  }

  private rejectAt(row: number, slot: Slot, at: number, reason: RejectReason): void {
    const input = slot.inputs[at];
    const absent = this.seen[input] !== this.generation;
    this.counter.reject(reason, row, slot.spec.name, slot.labels[at], () =>
      absent ? '' : this.rawText[input].substring(this.rawStart[input], this.rawEnd[input]),
    );
  }

  /** The number a numeric slot holds (a product for a derived one). */
  private slotNumber(slot: Slot): number {
    const inputs = slot.inputs;
    return inputs.length === 1 ? this.num[inputs[0]] : this.num[inputs[0]] * this.num[inputs[1]];
  }

  private commit(): void {
    const slots = this.slots;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const input = slot.inputs[0];
      const ok = this.status[input] === OK;
      const column = slot.column;
      switch (slot.kind) {
        case CUSTOMER:
        case CATEGORY: {
          let code = ok ? this.num[input] : -1;
          if (ok && code < 0) {
            // not found when parsed, so new (only committed rows add values)
            code = this.dictionaries[input]!.add(this.rawText[input].substring(this.rawStart[input], this.rawEnd[input]));
            this.lastCode[input] = code;
          }
          column.ints!.push(code);
          break;
        }
        case TEXT:
          column.texts!.push(ok ? this.str[input] : undefined);
          break;
        case DAY:
          column.ints!.push(ok ? this.num[input] : NO_DAY);
          break;
        case TIME:
          // the day as written, not the UTC day of the instant (docs/feed-format.md)
          column.pushTime(ok ? this.ms[input] : NaN, ok ? this.num[input] : NO_DAY);
          break;
        case NUMBER:
          column.numbers!.push(slot.inputs.length === 1 ? (ok ? this.num[input] : NaN) : this.derived(slot));
          break;
        case FLAG:
          column.flags!.push(ok ? this.num[input] : -1);
          break;
      }
    }
    this.table.endRow();
  }

  private derived(slot: Slot): number {
    for (const input of slot.inputs) if (this.status[input] !== OK) return NaN;
    return this.slotNumber(slot);
  }
}

function missingReason(spec: FieldSpec): RejectReason {
  if (spec.kind === 'customer') return 'missing-customer-id';
  if (spec.kind === 'day' || spec.kind === 'time') return 'missing-date';
  if (spec.name === 'amount') return 'missing-amount';
  return 'missing-value';
}

/** JSON of a value for an example, never throwing (cycles, BigInt, objects without a prototype). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)) ?? describe(value);
  } catch {
    return describe(value);
  }
}

/** A short name of a value that `String()` may refuse (a null-prototype object has no toString). */
function describe(value: unknown): string {
  return value !== null && typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}
