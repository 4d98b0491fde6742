/** RFM segments and bin edges as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { RfmJson, UnavailableJson } from './contract.js';
import { notAvailable, renderTable, section } from './table.js';

/** Segment totals with shares, then the bin edges of each dimension. */
export function renderRfm(rfm: RfmJson | UnavailableJson, f: Formats): string {
  if (!rfm.available) return notAvailable('RFM', rfm.message);
  const total = rfm.segments.reduce((s, x) => s + x.customers, 0);
  const segments = renderTable(
    [
      { header: 'segment' },
      { header: 'customers', align: 'right' },
      { header: 'share', align: 'right' },
      { header: 'orders', align: 'right' },
      { header: 'revenue', align: 'right' },
      { header: 'revenue/customer', align: 'right' },
    ],
    [...rfm.segments]
      .sort((a, b) => b.customers - a.customers)
      .map((s) => [
        s.name,
        f.integer(s.customers),
        f.percent(total > 0 ? s.customers / total : NaN),
        f.integer(s.orders),
        f.number(s.revenue),
        f.number(s.customers > 0 ? s.revenue / s.customers : NaN),
      ]),
  );
  const edges = renderTable(
    [{ header: 'bin edges' }, ...rfm.thresholds.recency.map(() => ({ header: '', align: 'right' as const }))],
    (['recency', 'frequency', 'monetary'] as const).map((d) => [d, ...rfm.thresholds[d].map((v) => f.number(v))]),
  );
  return section(`RFM as of ${rfm.asOf} (rules: ${rfm.rules}; ${f.integer(total)} customers)`, `${segments}\n\n${edges}`);
}
