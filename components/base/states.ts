/**
 * The states every widget shares, localised: loading (with progress), empty, not connected, error
 * (a message plus the ingest reasons, never a stack trace), "this view needs ..." for missing tables
 * and fields, and the stale-data marker.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Unavailable } from '../../src/engine/analyses/availability.js';
import type { IngestReport, RejectExample } from '../../src/engine/ingest/types.js';
import { exampleLine } from '../../src/feed/report-lines.js';
import type { Translator } from '../../src/format/translator.js';
import type { Formats } from '../../src/format/numbers.js';
import type { FeedFailure } from '../../src/feed/types.js';
import { styleProps } from './style-props.js';

/** Loading, with a determinate progress bar when the share done is known. */
export function renderLoading(t: Translator, fmt: Formats, progress?: number): TemplateResult {
  const known = progress !== undefined && progress > 0;
  const label = known ? t.t('state.loadingProgress', { percent: fmt.percent(progress, 0) }) : t.t('state.loading');
  return html`<div class="state loading" part="state" role="status">
    <span>${label}</span>
    <div
      class="progress"
      part="progress"
      role="progressbar"
      aria-label=${t.t('state.loading')}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${known ? Math.round(progress * 100) : nothing}
    >
      <div class=${known ? 'bar' : 'bar indeterminate'} ${styleProps(known ? { width: `${Math.round(progress * 100)}%` } : {})}></div>
    </div>
  </div>`;
}

/** A plain message state (empty, not connected, computing). */
export function renderMessage(message: string, kind = 'empty'): TemplateResult {
  return html`<div class=${`state ${kind}`} part="state" role="status"><span>${message}</span></div>`;
}

function reasonList(t: Translator, fmt: Formats, report: IngestReport): TemplateResult | typeof nothing {
  const reasons = Object.entries(report.reasons).filter(([, n]) => (n ?? 0) > 0);
  if (reasons.length === 0) return nothing;
  return html`<p>${t.t('error.rejected', { count: fmt.integer(report.rejected), rows: fmt.integer(report.rows) })}</p>
    <ul class="reasons" part="reasons">
      ${reasons.map(
        ([reason, n]) =>
          html`<li>${t.t('reason.count', { reason: t.maybe(`reason.${reason}`, reason), count: fmt.integer(n ?? 0) })}</li>`,
      )}
    </ul>`;
}

/** Rejected rows shown as examples in the error state. */
const MAX_EXAMPLES = 5;
/** The first examples of each reason, interleaved so every reason shows one before any shows two. */
function exampleList(t: Translator, report: IngestReport): TemplateResult | typeof nothing {
  const byReason = new Map<string, RejectExample[]>();
  for (const e of report.examples) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e]);
  const picked: RejectExample[] = [];
  for (let k = 0; picked.length < MAX_EXAMPLES && [...byReason.values()].some((list) => list.length > k); k++) {
    for (const list of byReason.values()) if (list[k] && picked.length < MAX_EXAMPLES) picked.push(list[k]);
  }
  if (picked.length === 0) return nothing;
  return html`<p>${t.t('error.examples')}</p>
    <ul class="examples" part="examples">
      ${picked.map((e) => html`<li>${exampleLine(t, e)}</li>`)}
    </ul>`;
}

/** The localised headline of a failure. */
export function failureMessage(t: Translator, failure: FeedFailure): string {
  switch (failure.kind) {
    case 'http':
      return t.t('error.http', { status: failure.status ?? '?' });
    case 'network':
      return t.t('error.network');
    case 'timeout':
      return t.t('error.timeout', { seconds: failure.seconds ?? 30 });
    case 'parse': {
      if (failure.format === 'html') return t.t('error.html');
      const missing = failure.missingColumn;
      if (missing) {
        return t.t('error.missingColumn', { table: t.maybe(`table.${missing.table}`, missing.table), field: missing.field, columns: missing.columns.join(', ') || '—' });
      }
      return t.t('error.parse', { format: (failure.format ?? '').toUpperCase() || 'CSV / JSON' });
    }
    case 'no-rows':
      return t.t('error.noRows');
    case 'options':
      return t.t('error.options', { detail: failure.detail ?? '' });
    default:
      return t.t('error.analysis');
  }
}

/** An error: title, localised message, ingest reasons. */
export function renderError(t: Translator, fmt: Formats, failure: FeedFailure): TemplateResult {
  return html`<div class="state error" part="state error" role="alert">
    <p class="title">${t.t('error.title')}</p>
    <p>${failureMessage(t, failure)}</p>
    ${failure.report ? reasonList(t, fmt, failure.report) : nothing}
    ${failure.report ? exampleList(t, failure.report) : nothing}
  </div>`;
}

/** The localised lines saying why a result is unavailable and what to map. */
export function unavailableLines(t: Translator, result: Unavailable): string[] {
  const need = result.needs[0];
  const table = need ? t.maybe(`table.${need.table}`, need.table) : '';
  const fields = need ? need.fields.map((f) => `${need.table}.${f}`).join(', ') : '';
  switch (result.reason) {
    case 'missing-table':
      return [t.t('state.needsTable', { table }), ...(fields ? [t.t('state.mapColumns', { fields })] : [])];
    case 'missing-field':
      return [t.t('state.needsField', { fields })];
    case 'no-rows':
      return [t.t('state.noRows', { table })];
    default:
      return [t.t('state.invalidData', { message: result.message })];
  }
}

/** Why a view cannot be shown with this data, and what to map. */
export function renderUnavailable(t: Translator, result: Unavailable): TemplateResult {
  return html`<div class="state unavailable" part="state unavailable" role="status">
    ${unavailableLines(t, result).map((line) => html`<p>${line}</p>`)}
  </div>`;
}

/** The stale marker: data from an earlier load is shown because the latest refresh failed. */
export function renderStale(t: Translator, fmt: Formats, updatedAt: number, failure?: FeedFailure): TemplateResult {
  return html`<p class="stale" part="stale" role="status">
    <span aria-hidden="true">⚠ </span>${t.t('state.stale', { time: fmt.dateTime(updatedAt) })}
    ${failure ? html`<span class="detail">${failureMessage(t, failure)}</span>` : nothing}
  </p>`;
}
