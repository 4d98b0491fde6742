/** Lifecycle stages, flows, touchpoints and the funnel as terminal text. */
import type { Formats } from '../../format/numbers.js';
import type { LifecycleJson, PAliveJson, UnavailableJson } from './contract.js';
import { notAvailable, renderTable, section } from './table.js';

/** Snapshots shown in the terminal; JSON carries them all. */
const MAX_SNAPSHOTS = 12;

/** One line on where P(alive) came from. */
export function describePAlive(p: PAliveJson, f: Formats): string {
  if (!p.available) return `P(alive) not available: ${p.message}`;
  if (p.source === 'values') return `P(alive) given for ${f.integer(p.customers)} customers`;
  const { r, alpha, a, b } = p.params;
  return `P(alive) from BG/NBD fitted to ${f.integer(p.customers)} customers to ${p.calibrationEnd} (r ${f.number(r, 3)}, alpha ${f.number(alpha, 3)}, a ${f.number(a, 3)}, b ${f.number(b, 3)}, ${p.unit}s)`;
}

function renderTouchpoints(t: LifecycleJson['touchpoints'], f: Formats): string {
  if (!t.available) return `  touchpoints not available: ${t.message}`;
  const pains = t.cells.filter((c) => c.painPoint);
  if (pains.length === 0) return `  touchpoints: ${f.integer(t.cells.length)} stage x channel cells, no pain point`;
  return [
    `  pain points (of ${f.integer(t.cells.length)} stage x channel cells):`,
    renderTable(
      [{ header: 'stage' }, { header: 'channel' }, { header: 'interactions', align: 'right' }, { header: 'complaint rate', align: 'right' }, { header: 'dissatisfied', align: 'right' }, { header: 'why' }],
      pains.map((c) => [c.stage, c.channel, f.integer(c.interactions), c.complaintRate === null ? '–' : f.percent(c.complaintRate), c.dissatisfaction === null ? '–' : f.percent(c.dissatisfaction), c.painReasons.join(', ')]),
      4,
    ),
  ].join('\n');
}

function renderFunnel(funnel: LifecycleJson['funnel'], f: Formats): string {
  if (!funnel.available) return `  funnel not available: ${funnel.message}`;
  return [
    `  funnel (${funnel.windowDays}-day window):`,
    renderTable(
      [{ header: 'step' }, { header: 'customers', align: 'right' }, { header: 'conversion', align: 'right' }, { header: 'from previous', align: 'right' }],
      funnel.steps.map((s) => [s.label, f.integer(s.customers), f.percent(s.conversion), f.percent(s.fromPrevious)]),
      4,
    ),
  ].join('\n');
}

/** Customers per stage by period (the last ones), the flows into the last period, touchpoints and funnel. */
export function renderLifecycle(lifecycle: LifecycleJson | UnavailableJson, f: Formats): string {
  if (!lifecycle.available) return notAvailable('Lifecycle', lifecycle.message);
  const shown = lifecycle.snapshots.slice(-MAX_SNAPSHOTS);
  const stages = renderTable(
    [{ header: lifecycle.unit }, ...lifecycle.stages.map((s) => ({ header: s, align: 'right' as const })), { header: 'customers', align: 'right' }],
    shown.map((s) => [`${s.period}${s.partial ? '*' : ''}`, ...lifecycle.stages.map((st) => f.integer(s.counts[st])), f.integer(s.customers)]),
  );
  const last = lifecycle.snapshots.at(-1)!;
  const into = lifecycle.flows.filter((fl) => fl.period === last.period);
  const flows =
    into.length === 0
      ? '  no flows (one snapshot only)'
      : [`  flows into ${last.period}:`, renderTable([{ header: 'from' }, { header: 'to' }, { header: 'customers', align: 'right' }], into.map((fl) => [fl.from, fl.to, f.integer(fl.customers)]), 4)].join('\n');
  const notes = [
    ...(shown.some((s) => s.partial) ? ['* = period not complete'] : []),
    ...(lifecycle.snapshots.length > MAX_SNAPSHOTS ? [`last ${MAX_SNAPSHOTS} periods, all in --format json`] : []),
  ];
  return section(
    `Lifecycle stages by ${lifecycle.unit} as of ${lifecycle.asOf}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
    [stages, `  ${describePAlive(lifecycle.pAlive, f)}; below ${f.number(lifecycle.thresholds.pAliveThreshold)} is declining at the last snapshot`, flows, renderTouchpoints(lifecycle.touchpoints, f), renderFunnel(lifecycle.funnel, f)].join('\n'),
  );
}
