/** Churn-risk signals and the riskiest customers as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { RiskJson, UnavailableJson } from './contract.js';
import { describePAlive } from './lifecycle-text.js';
import { notAvailable, renderTable, section } from './table.js';

/** Customers listed by score in the terminal; JSON carries every scored customer. */
const TOP = 10;

/** Score bands of the distribution line: [lower, upper) except the last, which includes 100. */
const BANDS = [0, 25, 50, 75] as const;

/** Each signal (customers tripping it, or why it is not available), the score distribution and the top customers. */
export function renderRisk(risk: RiskJson | UnavailableJson, f: Formats): string {
  if (!risk.available) return notAvailable('Churn risk', risk.message);
  const n = risk.customers.length;
  const signals = renderTable(
    [{ header: 'signal' }, { header: 'weight', align: 'right' }, { header: 'customers', align: 'right' }, { header: 'share', align: 'right' }, { header: '' }],
    risk.signals.map((s) =>
      s.available ? [s.signal, f.number(s.weight), f.integer(s.customers), f.percent(s.share)] : [s.signal, f.number(s.weight), '–', '–', `not available: ${s.message}`],
    ),
  );
  const bands = BANDS.map((lo, i) => {
    const hi = i + 1 < BANDS.length ? BANDS[i + 1] : Infinity;
    const count = risk.customers.filter((c) => c.score >= lo && c.score < hi).length;
    return `${lo}-${i + 1 < BANDS.length ? hi : 100}: ${f.integer(count)}`;
  });
  const top = risk.customers
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, TOP);
  const riskiest = renderTable(
    [{ header: 'customer' }, { header: 'score', align: 'right' }, { header: 'signals' }],
    top.map((c) => [c.id, f.number(c.score, 1), c.signals.join(', ')]),
    4,
  );
  return section(
    `Churn risk as of ${risk.asOf} (${f.integer(n)} customers active in the last ${risk.activeWithinDays} days; score = weighted share of the available signals tripped, 0-100)`,
    [signals, `  ${describePAlive(risk.pAlive, f)}`, `  scores: ${bands.join(', ')}`, top.length > 0 ? `  highest scores:\n${riskiest}` : '  no customer trips a signal'].join('\n'),
  );
}
