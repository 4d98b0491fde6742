/** KPI tiles as a terminal table. */
import type { Formats } from '../../format/numbers.js';
import type { KpiUnit } from '../../engine/analyses/kpis/index.js';
import type { KpisJson } from './contract.js';
import { renderTable, section } from './table.js';

function formatValue(value: number | null, unit: KpiUnit, f: Formats): string {
  if (value === null) return '–';
  switch (unit) {
    case 'count':
      return f.integer(value);
    case 'percent':
      return f.percent(value, 2);
    case 'score':
      return f.number(value, 1);
    default:
      return f.number(value, 2);
  }
}

function formatChange(kpi: KpisJson['kpis'][number], f: Formats): string {
  if (!kpi.available || kpi.change === null) return '';
  return kpi.unit === 'percent' ? `${f.signed(kpi.change * 100, 'number', 2)} pt` : f.signed(kpi.change, 'number', 2);
}

/** One row per KPI: value in the current period, the previous one, the change; why, when unavailable. */
export function renderKpis(kpis: KpisJson, f: Formats): string {
  const rows = kpis.kpis.map((k) =>
    k.available
      ? [k.id, formatValue(k.value, k.unit, f), formatValue(k.previous, k.unit, f), formatChange(k, f)]
      : [k.id, '–', '–', '', `not available: ${k.message}`],
  );
  const title = kpis.current
    ? `KPIs for ${kpis.current} vs ${kpis.previous ?? '(none)'} (${kpis.period}; inactivity window ${kpis.inactivityDays} days)`
    : 'KPIs';
  return section(
    title,
    renderTable(
      [
        { header: 'kpi' },
        { header: kpis.current ?? 'value', align: 'right' },
        { header: kpis.previous ?? 'previous', align: 'right' },
        { header: 'change', align: 'right' },
        { header: '' },
      ],
      rows,
    ),
  );
}
