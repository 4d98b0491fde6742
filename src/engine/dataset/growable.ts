/** Append-only typed-array columns that grow by doubling, so builders never keep a row object. */

type TypedArray = Int32Array | Float64Array | Int8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

/** A typed array with a length that grows by doubling as values are pushed. */
export class GrowableColumn<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The filled part, trimmed to length (a copy, so the column can keep growing). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** A string dictionary: stable int codes in first-seen order. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  /** The code of a known value, or -1. */
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
