/** The cohort retention matrix as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { CohortsJson, UnavailableJson } from './contract.js';
import { notAvailable, renderTable, section } from './table.js';

/** Offsets shown in the terminal; JSON carries them all. */
const MAX_OFFSETS = 12;

/** Cohort sizes and "return on" retention per offset; `*` marks a period not complete at the analysis date. */
export function renderCohorts(cohorts: CohortsJson | UnavailableJson, f: Formats): string {
  if (!cohorts.available) return notAvailable('Cohorts', cohorts.message);
  const offsets = Math.min(MAX_OFFSETS, Math.max(0, ...cohorts.cohorts.map((c) => c.retention.length)));
  const table = renderTable(
    [
      { header: 'cohort' },
      { header: 'size', align: 'right' },
      ...Array.from({ length: offsets }, (_, k) => ({ header: `+${k}`, align: 'right' as const })),
    ],
    cohorts.cohorts.map((c) => [
      c.cohort,
      f.integer(c.size),
      ...c.retention.slice(0, offsets).map((r, k) => `${f.percent(r)}${c.partial[k] ? '*' : ''}`),
    ]),
  );
  const more = cohorts.cohorts.some((c) => c.retention.length > MAX_OFFSETS) ? `; first ${MAX_OFFSETS} offsets, all in --format json` : '';
  return section(
    `Cohorts by first-purchase ${cohorts.period}, "return on" retention (* = period not complete at ${cohorts.asOf}${more})`,
    table,
  );
}
