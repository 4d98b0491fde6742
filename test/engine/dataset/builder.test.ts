import { describe, expect, it } from 'vitest';
import { DatasetBuilder } from '../../../src/engine/dataset/builder.js';
import { Dictionary, packValues, unpackValues } from '../../../src/engine/dataset/growable.js';
import { NO_DAY, type Dataset } from '../../../src/engine/dataset/types.js';

interface EventRow {
  readonly id: string;
  readonly ms: number;
  readonly day: number;
  readonly type?: string;
}

interface FeedbackRow {
  readonly id: string;
  readonly day: number;
  readonly nps: number;
  readonly comment?: string;
}

function addEvents(builder: DatasetBuilder, rows: readonly EventRow[]): void {
  const t = builder.table('events', ['customer_id', 'timestamp', 'type']);
  for (const r of rows) {
    t.column('customer_id')!.pushString(r.id);
    t.column('timestamp')!.pushTime(r.ms, r.day);
    t.column('type')!.pushString(r.type);
    t.endRow();
  }
}

function addFeedback(builder: DatasetBuilder, rows: readonly FeedbackRow[]): void {
  const t = builder.table('feedback', ['customer_id', 'date', 'nps', 'comment']);
  for (const r of rows) {
    t.column('customer_id')!.pushString(r.id);
    t.column('date')!.push(r.day);
    t.column('nps')!.push(r.nps);
    t.column('comment')!.pushString(r.comment);
    t.endRow();
  }
}

function contents(dataset: Dataset): Omit<Dataset, 'version'> {
  const { version: _, ...rest } = dataset;
  return rest;
}

const events: EventRow[] = [
  // 23:30 on day 10 at UTC-2 is already day 11 in UTC: the day as written is kept apart from the instant
  { id: 'a', ms: (11 * 24 + 1.5) * 3_600_000, day: 10, type: 'login' },
  { id: 'b', ms: 12 * 86_400_000, day: 12, type: 'ticket' },
  { id: 'a', ms: NaN, day: NO_DAY },
  { id: 'c', ms: 13 * 86_400_000, day: 13, type: 'visit' },
  { id: 'b', ms: 14 * 86_400_000, day: 14, type: 'login' },
];
const feedback: FeedbackRow[] = [
  { id: 'c', day: 3, nps: 9, comment: 'great' },
  { id: 'd', day: 4, nps: NaN },
  { id: 'a', day: 5, nps: 2, comment: 'slow, "really"' },
];

describe('ColumnBuilder.pushTime', () => {
  it('stores the instant and the day as given', () => {
    const b = new DatasetBuilder();
    addEvents(b, events.slice(0, 3));
    const e = b.build().events!;
    expect(Array.from(e.time)).toEqual([(11 * 24 + 1.5) * 3_600_000, 12 * 86_400_000, NaN]);
    expect(Array.from(e.day)).toEqual([10, 12, NO_DAY]);
    expect(e.type).toEqual({ codes: Int32Array.from([0, 1, -1]), values: ['login', 'ticket'] });
  });
});

describe('DatasetBuilder.build', () => {
  it('counts the customers and makes their id strings once, when first read', () => {
    const b = new DatasetBuilder();
    addEvents(b, events);
    addFeedback(b, feedback);
    const dataset = b.build();
    expect(dataset.customerCount).toBe(4);
    const ids = dataset.customerIds;
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(dataset.customerIds).toBe(ids);
    // ids added to the builder later belong to the next Dataset only
    b.customer('e');
    expect(dataset.customerIds).toEqual(['a', 'b', 'c', 'd']);
    expect(b.build().customerIds).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('DatasetBuilder.extending', () => {
  it('extends a Dataset made elsewhere (a plain object) by its id strings', () => {
    const base: Dataset = { version: 1, customerCount: 2, customerIds: ['b', 'z'] };
    const more = DatasetBuilder.extending(base);
    addEvents(more, events.slice(0, 2));
    const extended = more.build();
    expect(extended.customerIds).toEqual(['b', 'z', 'a']);
    expect(Array.from(extended.events!.customer)).toEqual([2, 0]);
  });

  it('continues every kind of column (time, category, text) as one builder would', () => {
    for (let cut = 0; cut <= events.length; cut++) {
      const first = new DatasetBuilder();
      addEvents(first, events.slice(0, cut));
      addFeedback(first, feedback);
      const base = first.build();
      const more = DatasetBuilder.extending(base);
      addEvents(more, events.slice(cut));
      const whole = new DatasetBuilder();
      addEvents(whole, events);
      addFeedback(whole, feedback);
      const extended = more.build();
      const expected = whole.build();
      // feedback was not declared again: kept as it was
      expect(extended.feedback).toBe(base.feedback);
      // customer codes follow first sight, which differs when feedback came between: compare ids
      const { customer, ...rest } = extended.events!;
      const { customer: expectedCustomer, ...expectedRest } = expected.events!;
      expect(Array.from(customer, (c) => extended.customerIds[c])).toEqual(Array.from(expectedCustomer, (c) => expected.customerIds[c]));
      expect(rest).toEqual(expectedRest);
      expect(extended.customerIds.slice(0, base.customerIds.length)).toEqual(base.customerIds);
      expect(new Set(extended.customerIds).size).toBe(extended.customerIds.length);
    }
  });

  it('re-codes categories of a loaded column into the extended dictionary in the same order', () => {
    const first = new DatasetBuilder();
    addEvents(first, events);
    const more = DatasetBuilder.extending(first.build());
    addEvents(more, [{ id: 'z', ms: 0, day: 0, type: 'complaint' }, { id: 'a', ms: 0, day: 0, type: 'visit' }]);
    const type = more.build().events!.type;
    expect(type.values).toEqual(['login', 'ticket', 'visit', 'complaint']);
    expect(Array.from(type.codes)).toEqual([0, 1, -1, 2, 0, 3, 2]);
  });

  it('refuses a table declared again with other fields', () => {
    const first = new DatasetBuilder();
    addFeedback(first, feedback);
    const more = DatasetBuilder.extending(first.build());
    expect(() => more.table('feedback', ['customer_id', 'date', 'nps'])).toThrow(/fields comment, customer_id, date, nps/);
  });

  it('keeps a loaded Dataset unchanged', () => {
    const first = new DatasetBuilder();
    addEvents(first, events);
    const base = first.build();
    const before = structuredClone(contents(base));
    const more = DatasetBuilder.extending(base);
    addEvents(more, events);
    more.build();
    expect(contents(base)).toEqual(before);
  });
});

describe('Dictionary', () => {
  it('gives first-seen codes and finds values by their place in a text, short and long, non-Latin too', () => {
    const d = new Dictionary();
    const words = ['C0912345', 'x', '', 'a-rather-long-customer-id-42', '顧客一二三', 'C0912346', '😀😀😀😀😀', 'café', 'cafe', 'ÿÿÿÿÿÿÿÿ', 'ÿÿÿÿÿÿÿ', 'C09123456'];
    const codes = words.map((_, k) => k);
    expect(words.map((w) => d.code(w))).toEqual(codes);
    expect(words.map((w) => d.code(w))).toEqual(codes);
    const text = `id=${words.join('|')}|`;
    let at = 3;
    words.forEach((w, k) => {
      expect(d.find(text, at, at + w.length)).toBe(k);
      at += w.length + 1;
    });
    expect(d.find('C091234')).toBe(-1);
    expect(d.find('C091234567')).toBe(-1);
    expect(d.find('caf\u0165')).toBe(-1);
    expect(d.values()).toEqual(words);
  });

  it('adds values from ASCII bytes and from packed chars, finding them again from any source', () => {
    const d = new Dictionary();
    const bytes = new TextEncoder().encode('C1,x,C1234567890123,');
    expect(d.addBytes(bytes, 0, 2)).toBe(0);
    expect(d.addBytes(bytes, 5, 19)).toBe(1);
    expect(d.findBytes(bytes, 0, 44)).toBe(0);
    expect(d.findBytes(bytes, 5, 44)).toBe(1);
    expect(d.find('C1234567890123')).toBe(1);
    expect(d.code('\ud800lone')).toBe(2);
    const other = new Dictionary();
    ['x', 'C1234567890123', '\ud800lone', '😀'].forEach((v) => other.code(v));
    expect(Array.from(d.recode(other.pack()))).toEqual([3, 1, 2, 4]);
    expect(d.values()).toEqual(['C1', 'C1234567890123', '\ud800lone', 'x', '😀']);
    expect(d.find('😀')).toBe(4);
  });

  it('packs strings and unpacks them exactly, longer than one String.fromCharCode call takes', () => {
    const values = ['', 'a', '顧客', '😀', '\udfff', 'x'.repeat(5000), 'tail'];
    const packed = packValues(values);
    expect(Array.from(packed.ends)).toEqual([0, 1, 3, 5, 6, 5006, 5010]);
    expect(unpackValues(packed)).toEqual(values);
    // a lone surrogate (above) must not come back as U+FFFD; without one the chars take the decoder's
    // way to a string, and a U+FFFD of the values' own stays
    const plain = values.filter((v) => !/[\ud800-\udfff]/.test(v));
    expect(plain).toHaveLength(values.length - 2);
    expect(unpackValues(packValues(plain))).toEqual(plain);
    expect(unpackValues(packValues([...plain, 'bad \ufffd byte']))).toEqual([...plain, 'bad \ufffd byte']);
    // a U+FEFF first is the value's own char: the decoder must not drop it as a byte-order mark
    const marked = ['\ufeffA1', 'B22', 'C333'];
    expect(unpackValues(packValues(marked))).toEqual(marked);
    const d = new Dictionary();
    marked.forEach((v) => d.code(v));
    expect(d.values()).toEqual(marked);
    expect(Array.from(new Dictionary().recode(d.pack()))).toEqual([0, 1, 2]);
    const whole = new Dictionary();
    values.forEach((v) => whole.code(v));
    expect(whole.pack()).toEqual(packed);
  });

  it('keeps codes stable while it grows', () => {
    const d = new Dictionary();
    const ids = Array.from({ length: 5000 }, (_, i) => `id${(i * 7919) % 5000}`);
    ids.forEach((id, i) => expect(d.code(id)).toBe(i));
    ids.forEach((id, i) => expect(d.find(id)).toBe(i));
    const seeded = new Dictionary();
    expect(Array.from(seeded.recode(packValues(ids)))).toEqual(ids.map((_, i) => i));
    expect(ids.every((id, i) => seeded.find(id) === i)).toBe(true);
  });
});
