/**
 * Builds a columnar {@link Dataset} one value at a time, with no row objects: ingest, the sample
 * generator and incremental appends all write through this one builder.
 *
 * Usage: declare a table with the fields the feed has, then per row push exactly one value into every
 * declared column and call `endRow()`.
 */
import { Dictionary, GrowableColumn, packValues, unpackValues, type PackedValues } from './growable.js';
import { keepShape } from './shapes.js';
import { TABLE_NAMES, TABLES, type FieldKind, type FieldSpec } from './schema.js';
import { NO_DAY, type CategoryColumn, type Dataset, type TableName } from './types.js';
import { dayFromEpochMs } from './days.js';

let lastVersion = 0;

/** The customer ids of each built Dataset as the builder packed them, so extending one makes no id strings. */
const packedIds = new WeakMap<object, PackedValues>();

/** A fresh, process-unique Dataset version number. */
export function nextDatasetVersion(): number {
  return ++lastVersion;
}

/** The values of a column being built, by kind (see {@link ColumnBuilder.values}). */
export interface ColumnValues {
  readonly ints: Int32Array | undefined;
  readonly numbers: Float64Array | undefined;
  readonly days: Int32Array | undefined;
  readonly flags: Int8Array | undefined;
  readonly texts: readonly (string | undefined)[] | undefined;
}

/** Writes one column. Push exactly one value per row. */
export class ColumnBuilder {
  readonly numbers?: GrowableColumn<Float64Array>;
  readonly ints?: GrowableColumn<Int32Array>;
  readonly flags?: GrowableColumn<Int8Array>;
  /** Day numbers that go with a `time` column. */
  readonly days?: GrowableColumn<Int32Array>;
  readonly dictionary?: Dictionary;
  readonly texts?: (string | undefined)[];

  constructor(
    readonly spec: FieldSpec,
    customers: Dictionary,
    capacity: number,
  ) {
    // Every field is set, in one order, whatever the kind: one hidden class for all columns (shapes.ts).
    const kind = spec.kind;
    this.numbers = kind === 'time' || kind === 'number' ? new GrowableColumn(Float64Array, capacity) : undefined;
    this.ints = kind === 'customer' || kind === 'category' || kind === 'day' ? new GrowableColumn(Int32Array, capacity) : undefined;
    this.flags = kind === 'flag' ? new GrowableColumn(Int8Array, capacity) : undefined;
    this.days = kind === 'time' ? new GrowableColumn(Int32Array, capacity) : undefined;
    this.dictionary = kind === 'customer' ? customers : kind === 'category' ? new Dictionary() : undefined;
    this.texts = kind === 'text' ? [] : undefined;
  }

  get kind(): FieldKind {
    return this.spec.kind;
  }

  /**
   * Push a numeric value: a day number (`day`, NO_DAY when missing), epoch ms (`time`), a number
   * (NaN when missing), a flag (1, 0, -1), or a customer/category code already obtained from
   * {@link ColumnBuilder.code}.
   */
  push(value: number): void {
    switch (this.spec.kind) {
      case 'time':
        this.numbers!.push(value);
        this.days!.push(Number.isFinite(value) ? dayFromEpochMs(value) : NO_DAY);
        break;
      case 'number':
        this.numbers!.push(value);
        break;
      case 'flag':
        this.flags!.push(value);
        break;
      case 'text':
        this.texts!.push(undefined);
        break;
      default:
        this.ints!.push(value);
    }
  }

  /** Push a date-time of a `time` column with its day as written (which an offset does not move). */
  pushTime(ms: number, day: number): void {
    this.numbers!.push(ms);
    this.days!.push(day);
  }

  /** Push a string value: a customer id, a category (undefined = missing) or free text. */
  pushString(value: string | undefined): void {
    if (this.texts) this.texts.push(value);
    else this.ints!.push(value === undefined ? -1 : this.dictionary!.code(value));
  }

  /** The code of a string in this column's dictionary (customer or category columns). */
  code(value: string): number {
    return this.dictionary!.code(value);
  }

  /**
   * Appends the values of an existing column of a built table (`table` gives a `time` column its
   * days); category codes are re-coded into this column's dictionary, which keeps them when it is
   * fresh.
   */
  seed(value: unknown, table: Record<string, unknown>, length: number): void {
    switch (this.spec.kind) {
      case 'category': {
        const { codes, values } = value as CategoryColumn;
        const recode = Int32Array.from(values, (v) => this.dictionary!.code(v));
        const ints = this.ints!;
        ints.reserve(length);
        for (let i = 0; i < length; i++) ints.push(codes[i] < 0 ? -1 : recode[codes[i]]);
        break;
      }
      case 'customer':
      case 'day':
        this.ints!.pushAll(value as Int32Array);
        break;
      case 'time':
        this.numbers!.pushAll(value as Float64Array);
        this.days!.pushAll(table.day as Int32Array);
        break;
      case 'number':
        this.numbers!.pushAll(value as Float64Array);
        break;
      case 'flag':
        this.flags!.pushAll(value as Int8Array);
        break;
      case 'text':
        for (const text of value as readonly (string | undefined)[]) this.texts!.push(text);
        break;
    }
  }

  /** The values pushed so far, for another builder of the same field to {@link append}. */
  values(): ColumnValues {
    return { ints: this.ints?.toArray(), numbers: this.numbers?.toArray(), days: this.days?.toArray(), flags: this.flags?.toArray(), texts: this.texts };
  }

  /**
   * Appends the {@link values} of another builder of the same field; `recode` maps the codes of
   * that builder's dictionary to this one's (customer and category columns).
   */
  append(values: ColumnValues, recode?: Int32Array): void {
    if (values.ints) {
      if (recode) this.ints!.pushRecoded(values.ints, recode);
      else this.ints!.pushAll(values.ints);
    }
    if (values.numbers) this.numbers!.pushAll(values.numbers);
    if (values.days) this.days!.pushAll(values.days);
    if (values.flags) this.flags!.pushAll(values.flags);
    if (values.texts) for (const text of values.texts) this.texts!.push(text);
  }

  /** Makes room for `extra` more rows. */
  reserve(extra: number): void {
    this.ints?.reserve(extra);
    this.numbers?.reserve(extra);
    this.days?.reserve(extra);
    this.flags?.reserve(extra);
  }

  /** The finished column value for the table object. */
  finish(): Int32Array | Float64Array | Int8Array | CategoryColumn | readonly (string | undefined)[] {
    switch (this.spec.kind) {
      case 'category':
        return { codes: this.ints!.toArray(), values: this.dictionary!.values() };
      case 'customer':
      case 'day':
        return this.ints!.toArray();
      case 'time':
      case 'number':
        return this.numbers!.toArray();
      case 'flag':
        return this.flags!.toArray();
      case 'text':
        return this.texts!.slice();
    }
  }
}

/** Builds one canonical table from the fields a feed has. */
export class TableBuilder {
  readonly columns: ColumnBuilder[];
  /** Extra numeric attributes (customers table), by name. */
  readonly attributes: Map<string, ColumnBuilder> = new Map();
  length = 0;

  constructor(
    readonly table: TableName,
    fields: readonly string[],
    customers: Dictionary,
    capacity = 1024,
    attributeNames: readonly string[] = [],
  ) {
    const spec = TABLES[table];
    this.columns = fields.map((name) => {
      const field = spec.fields.find((f) => f.name === name);
      if (!field) throw new Error(`unknown field "${name}" for table ${table}`);
      return new ColumnBuilder(field, customers, capacity);
    });
    for (const name of attributeNames) {
      this.attributes.set(name, new ColumnBuilder({ name, kind: 'number', column: name }, customers, capacity));
    }
  }

  /** The builder of a declared field, or undefined when the feed lacks it. */
  column(field: string): ColumnBuilder | undefined {
    return this.columns.find((c) => c.spec.name === field);
  }

  /** Makes room for `extra` more rows. */
  reserve(extra: number): void {
    for (const c of this.columns) c.reserve(extra);
    for (const c of this.attributes.values()) c.reserve(extra);
  }

  /** Appends every row of a built table of the same fields (see {@link DatasetBuilder.extending}). */
  seed(table: Record<string, unknown>): void {
    const length = table.length as number;
    for (const c of this.columns) c.seed(table[c.spec.column], table, length);
    const attributes = table.attributes as Record<string, Float64Array> | undefined;
    for (const [name, c] of this.attributes) c.seed(attributes![name], table, length);
    this.length += length;
  }

  /** Marks the end of a row; every declared column must have received one value. */
  endRow(): void {
    this.length++;
  }

  /** Marks the end of `rows` rows pushed column by column (every column received `rows` values). */
  endRows(rows: number): void {
    this.length += rows;
  }

  /** The finished table object (`OrdersTable`, `CustomersTable`, ...). */
  finish(): Record<string, unknown> {
    const table: Record<string, unknown> = { length: this.length };
    for (const c of this.columns) {
      table[c.spec.column] = c.finish();
      if (c.spec.kind === 'time') table.day = c.days!.toArray();
    }
    if (this.attributes.size > 0) {
      const attrs: Record<string, Float64Array> = Object.create(null);
      for (const [name, c] of this.attributes) attrs[name] = c.finish() as Float64Array;
      table.attributes = attrs;
    }
    return table;
  }
}

/** Builds a Dataset table by table, sharing one customer dictionary. */
export class DatasetBuilder {
  readonly customers = new Dictionary();
  private readonly tables = new Map<TableName, TableBuilder>();
  /** Tables carried over from the Dataset being extended, until a feed declares them again. */
  private readonly seeded = new Map<TableName, Record<string, unknown>>();

  /**
   * A builder whose Dataset extends `base`: the same customer indexes (new customers get the next
   * ones), every table's rows first. A table declared again gets its new rows after the old ones (the
   * feed must have the same fields); tables not declared again are kept as they are.
   */
  static extending(base: Dataset): DatasetBuilder {
    const builder = new DatasetBuilder();
    builder.customers.recode(packedIds.get(base) ?? packValues(base.customerIds));
    for (const name of TABLE_NAMES) {
      const table = base[name] as unknown as Record<string, unknown> | undefined;
      if (table) builder.seeded.set(name, table);
    }
    return builder;
  }

  /**
   * Declare a table with the canonical fields the feed provides (required ones must be among them).
   * When extending a Dataset that has the table with rows, the fields must be the ones it has.
   */
  table(name: TableName, fields: readonly string[], capacity?: number, attributeNames?: readonly string[]): TableBuilder {
    const missing = TABLES[name].fields.filter((f) => f.required && !fields.includes(f.name)).map((f) => f.name);
    if (missing.length > 0) throw new Error(`table ${name} needs ${missing.join(', ')}`);
    const seeded = this.seeded.get(name);
    this.seeded.delete(name);
    const old = seeded && (seeded.length as number) > 0 ? seeded : undefined;
    if (old) {
      const given = shape(fields, attributeNames ?? []);
      const loaded = shape(fieldsOf(name, old), Object.keys((old.attributes as object | undefined) ?? {}));
      if (given !== loaded) throw new Error(`the new ${name} rows have ${given} but the loaded ones have ${loaded}: load the whole feed again`);
    }
    const builder = new TableBuilder(name, fields, this.customers, capacity, attributeNames);
    if (old) {
      builder.reserve((old.length as number) + (capacity ?? 1024));
      builder.seed(old);
    }
    this.tables.set(name, builder);
    return builder;
  }

  /** The customer index of an id, adding it when new. */
  customer(id: string): number {
    return this.customers.code(id);
  }

  build(): Dataset {
    const ids = this.customers.pack();
    let strings: string[] | undefined;
    const dataset: Record<string, unknown> = {
      version: nextDatasetVersion(),
      customerCount: ids.ends.length,
      get customerIds() {
        return (strings ??= unpackValues(ids));
      },
    };
    packedIds.set(dataset, ids);
    for (const [name, table] of this.seeded) dataset[name] = table;
    for (const [name, builder] of this.tables) dataset[name] = builder.finish();
    return dataset as unknown as Dataset;
  }
}

/** How an append error names a table's columns: the fields, then any attributes, sorted. */
function shape(fields: readonly string[], attributes: readonly string[]): string {
  const names = `fields ${[...fields].sort().join(', ')}`;
  return attributes.length > 0 ? `${names} and attributes ${[...attributes].sort().join(', ')}` : names;
}

/** The canonical fields a built table has. */
function fieldsOf(name: TableName, table: Record<string, unknown>): string[] {
  return TABLES[name].fields.filter((f) => table[f.column] !== undefined).map((f) => f.name);
}

// An idle builder with a table and its columns, kept for their hidden classes (shapes.ts).
const idle = new DatasetBuilder();
idle.table('orders', ['customer_id', 'date', 'amount'], 16);
keepShape(idle);
