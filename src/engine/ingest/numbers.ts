/**
 * Number parsing straight from the char codes of the source text: no substring, no regex on the
 * common path. The policy (docs/feed-format.md "Numbers"):
 * - an optional sign and one leading currency symbol ($ ¥ € £ ￥), in either order;
 * - with the default decimal point, `,` may group thousands in groups of exactly three digits
 *   (`1,234.56`, `1,234,567`); with `decimal: ','`, `.` or a space groups them (`1.234,56`, `1 234,56`);
 *   any other use of a separator (`12,5` under the decimal point, `1,23,456`) makes the value invalid;
 * - an optional exponent (`1.5e3`);
 * - only finite values of magnitude at most 2^53 - 1 are accepted, so sums over a feed stay finite
 *   (`NaN`, `Infinity`, `1e308` are invalid).
 */

/** Decimal separator of a feed's numbers. */
export type DecimalSeparator = '.' | ',';

/** Largest magnitude ingest accepts. */
export const MAX_MAGNITUDE = Number.MAX_SAFE_INTEGER;

/** Powers of ten that are exact doubles. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const NBSP = 0xa0;
const NARROW_NBSP = 0x202f;
const ZERO = 48;

/** Whether a char code is a blank that ingest trims around values. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === 9 || c === NBSP || c === NARROW_NBSP;
}

function isCurrency(c: number): boolean {
  // $ £ ¥ € ￥
  return c === 36 || c === 0xa3 || c === 0xa5 || c === 0x20ac || c === 0xffe5;
}

function isGroupChar(c: number, decimalComma: boolean): boolean {
  return decimalComma ? c === DOT || c === SPACE || c === NBSP || c === NARROW_NBSP : c === COMMA;
}

/**
 * Parses `text[start, end)` (already trimmed, not empty) as a number under the policy above.
 * Returns NaN when the value is not a valid number.
 */
export function parseNumber(text: string, start: number, end: number, decimalComma = false): number {
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    c = text.charCodeAt(++i);
    if (isCurrency(c)) c = text.charCodeAt(++i);
  } else if (isCurrency(c)) {
    c = text.charCodeAt(++i);
    while (i < end && isBlank(c)) c = text.charCodeAt(++i);
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = text.charCodeAt(++i);
    }
  }
  const decimalChar = decimalComma ? COMMA : DOT;
  let mantissa = 0;
  let digits = 0;
  let groupLength = 0;
  let grouped = false;
  let groupChar = -1;
  const numberStart = i;
  for (; i < end; c = text.charCodeAt(++i)) {
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      groupLength++;
    } else if (isGroupChar(c, decimalComma) && (groupChar === -1 || c === groupChar)) {
      if (grouped ? groupLength !== 3 : groupLength < 1 || groupLength > 3) return NaN;
      groupChar = c;
      grouped = true;
      groupLength = 0;
    } else break;
  }
  if (grouped && groupLength !== 3) return NaN;
  let scale = 0;
  if (i < end && c === decimalChar) {
    for (c = text.charCodeAt(++i); i < end; c = text.charCodeAt(++i)) {
      const d = c - ZERO;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      scale--;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (c === 101 || c === 69)) {
    // exponent: e / E
    c = text.charCodeAt(++i);
    let expNegative = false;
    if (c === MINUS || c === PLUS) {
      expNegative = c === MINUS;
      c = text.charCodeAt(++i);
    }
    let exponent = 0;
    let expDigits = 0;
    for (; i < end; c = text.charCodeAt(++i)) {
      const d = c - ZERO;
      if (d < 0 || d > 9) break;
      if (exponent < 10000) exponent = exponent * 10 + d;
      expDigits++;
    }
    if (expDigits === 0) return NaN;
    scale += expNegative ? -exponent : exponent;
  }
  if (i !== end) return NaN;
  let value: number;
  if (mantissa <= MAX_MAGNITUDE && scale >= -22 && scale <= 22) {
    // Both operands are exact doubles, so one multiplication or division is correctly rounded:
    // the same result as parseFloat, without building a string.
    value = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
  } else {
    value = slowParse(text, numberStart, end, decimalChar, groupChar);
  }
  if (!(value <= MAX_MAGNITUDE)) return NaN;
  return negative ? -value : value;
}

/** The rare case of more than 15 significant digits or a large exponent: let the runtime round. */
function slowParse(text: string, start: number, end: number, decimalChar: number, groupChar: number): number {
  let plain = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === groupChar) continue;
    plain += c === decimalChar ? '.' : text[i];
  }
  return Number(plain);
}

/**
 * Whether sample values of a column look numeric: at least one non-empty value and every non-empty
 * one a finite number or a string that parses as one.
 */
export function looksNumeric(values: readonly unknown[], decimalComma = false): boolean {
  let seen = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed === '') continue;
      if (Number.isNaN(parseNumber(trimmed, 0, trimmed.length, decimalComma))) return false;
    } else return false;
    seen++;
  }
  return seen > 0;
}
