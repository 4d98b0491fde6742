/**
 * The ingest report tells a user how to fix the feed, in both locales: each rejected example becomes
 * "Row N, column C: '<value>' is not ... (expected ...)". Checked on adversarial corpus files.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/engine/ingest/index.js';
import { exampleLine } from '../../src/feed/report-lines.js';
import { Translator } from '../../src/format/i18n.js';

const corpus = (name: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/adversarial', name), 'utf8');

function lines(text: string, lang: string, options = {}): string[] {
  const { report } = ingestText(text, { examplesPerReason: 20, ...options });
  const t = new Translator(lang);
  return report.examples.map((e) => exampleLine(t, e));
}

describe('fix-it lines of rejected rows', () => {
  it('dates: impossible, unreadable and outside the window, in English and Chinese', () => {
    const en = lines(corpus('dates.csv'), 'en');
    expect(en).toContain("Row 2, column date: '2024-02-30' is not a date (expected YYYY-MM-DD, YYYYMMDD, M/D/YYYY, YYYY年M月D日 or an ISO date-time).");
    expect(en).toContain("Row 3, column date: '31/02/2024' is not a date (expected YYYY-MM-DD, YYYYMMDD, M/D/YYYY, YYYY年M月D日 or an ISO date-time).");
    expect(en).toContain("Row 5, column date: '9999-12-31' is out of range (expected a date from 1900-01-01 to 2199-12-31).");
    const zh = lines(corpus('dates.csv'), 'zh-CN');
    expect(zh).toContain('第 3 行，date 列：“31/02/2024”不是日期（应为 YYYY-MM-DD、YYYYMMDD、M/D/YYYY、YYYY年M月D日 或 ISO 日期时间）。');
    expect(zh).toContain('第 4 行，date 列：“0001-01-01”超出范围（应为1900-01-01 至 2199-12-31 之间的日期）。');
  });

  it('numbers, empty ids, ragged rows, scores out of their scale and broken records', () => {
    const en = lines(corpus('numbers.csv'), 'en');
    expect(en).toContain("Row 8, column amount: '1.234,56' is not a number (expected e.g. 1234.56, 1,234.56 or -$12.50; for 1.234,56 set the decimal separator to ',').");
    expect(lines(corpus('ragged.csv'), 'en')).toEqual([
      'Row 3, column amount: the row ends before this column (expected as many cells as the header has).',
      'Row 4, column date: the row ends before this column (expected as many cells as the header has).',
      'Row 6, column customer_id: the customer id is empty.',
    ]);
    const nps = 'customer_id,date,nps\nc1,2024-01-05,11\nc2,2024-01-05,7\n';
    expect(lines(nps, 'en', { table: 'feedback' })).toEqual(["Row 2, column nps: '11' is out of range (expected 0 to 10)."]);
    expect(lines(nps, 'zh-CN', { table: 'feedback' })).toEqual(['第 2 行，nps 列：“11”超出范围（应为0 至 10 之间）。']);
    expect(lines(corpus('ndjson-broken.ndjson'), 'en')[0]).toBe(`Row 2: '{"customer_id":"c2",' is not a record (check for an unclosed quote, or that each line is one JSON object).`);
  });

  it('quotes at most 60 characters of a value', () => {
    const [line] = lines(`customer_id,date,amount\nc1,2024-01-05,${'9'.repeat(500)}x\n`, 'en');
    expect(line).toMatch(/^Row 2, column amount: '9{59}…' is not a number/);
  });
});
