// A smaller orders CSV for the rendering bench: every order of the first `customers` distinct
// customers of a bench CSV, in the file's order. Derived from the deterministic bench data, so it is
// deterministic too; cached next to it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * Writes (when missing or older than `source`) the orders of the first `customers` customers of
 * `source` to `target`.
 * @param {string} source a bench CSV (`customer_id,date,amount`)
 * @param {number} customers
 * @param {string} target
 * @returns {{ path: string, customers: number, rows: number }}
 */
export function customerSubset(source, customers, target) {
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) {
    const lines = readFileSync(target, 'utf8').trimEnd().split('\n');
    return { path: target, customers, rows: lines.length - 1 };
  }
  const [header, ...lines] = readFileSync(source, 'utf8').trimEnd().split('\n');
  const kept = new Set();
  const out = [header];
  for (const line of lines) {
    const id = line.slice(0, line.indexOf(','));
    if (!kept.has(id)) {
      if (kept.size === customers) continue;
      kept.add(id);
    }
    out.push(line);
  }
  writeFileSync(target, `${out.join('\n')}\n`);
  return { path: target, customers: kept.size, rows: out.length - 1 };
}
