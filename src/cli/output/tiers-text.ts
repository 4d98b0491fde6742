/** Value tiers as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { TiersJson, UnavailableJson } from './contract.js';
import { notAvailable, renderTable, section } from './table.js';

/** One row per tier (customers, shares of customers, current and potential value), then the thresholds and weights. */
export function renderTiers(tiers: TiersJson | UnavailableJson, f: Formats): string {
  if (!tiers.available) return notAvailable('Value tiers', tiers.message);
  const share = (x: number | null) => (x === null ? '–' : f.percent(x));
  const table = renderTable(
    [
      { header: 'tier' },
      { header: 'customers', align: 'right' },
      { header: 'share', align: 'right' },
      { header: `${tiers.currentValueMeasure}`, align: 'right' },
      { header: 'value share', align: 'right' },
      { header: 'potential value', align: 'right' },
      { header: 'potential share', align: 'right' },
      { header: 'mean composite', align: 'right' },
    ],
    tiers.summary.map((t) => [
      t.tier,
      f.integer(t.customers),
      f.percent(t.customerShare),
      f.number(t.currentValue),
      share(t.valueShare),
      f.number(t.potentialValue),
      share(t.potentialShare),
      t.meanComposite === null ? '–' : f.number(t.meanComposite, 1),
    ]),
  );
  const th = tiers.thresholds;
  const lines = [
    `  thresholds (0-100 scores): current ${f.number(th.current, 1)} (${th.currentFrom}), potential ${f.number(th.potential, 1)} (${th.potentialFrom}); composite = ${f.number(tiers.weights.current)} current + ${f.number(tiers.weights.potential)} potential`,
  ];
  if (tiers.unscored > 0) lines.push(`  ${f.integer(tiers.unscored)} customers without a potential value are not tiered`);
  if (tiers.potentialFallback) lines.push(`  potential from customers.potential: the model could not be used (${tiers.potentialFallback.message})`);
  const window = tiers.windowStart ? `${tiers.windowStart} to ${tiers.asOf}` : `all orders to ${tiers.asOf}`;
  return section(
    `Value tiers as of ${tiers.asOf} (current: ${tiers.currentValueMeasure} ${window}; potential: ${tiers.potentialSource}; ${f.integer(tiers.totals.customers)} customers)`,
    `${table}\n${lines.join('\n')}`,
  );
}
