/**
 * The demo portal: every crm-lens widget on one feed, with a data set switch (sample company, CDNOW,
 * UCI Online Retail, your own file), a language switch, a theme switch (light, dark, a whitelabel
 * brand through custom properties only) and the shared selection shown as a filter bar.
 */
import '../src/index.js';
import type { CrmFeed } from '../components/feed/feed.js';
import type { FeedSelection, FeedState } from '../src/feed/types.js';
import type { FieldMapping } from '../src/engine/ingest/types.js';
import { DERIVED, ORDER_FIELDS, mappingOf, previewFile, type FilePreview } from './own-file.js';
import { isPortalKey, portalText, type PortalKey, type PortalLang } from './strings.js';

type DatasetId = 'sample' | 'cdnow' | 'uci' | 'file';

interface Source {
  readonly src: string;
  readonly name: string;
  readonly map?: FieldMapping;
  readonly format?: 'csv' | 'json' | 'ndjson';
  readonly attribution: PortalKey;
}

/** The built-in data sets; CDNOW and UCI come from the dev server's data middleware. */
const SOURCES: Record<Exclude<DatasetId, 'file'>, Source> = {
  sample: { src: './data/sample-company.json', name: 'sample-company.json', attribution: 'attribution.sample' },
  cdnow: {
    src: './__data/cdnow',
    name: 'CDNOW_master.txt',
    format: 'csv',
    map: { customer_id: 'customer_id', date: 'date', amount: 'dollar_value', quantity: 'number_of_cds' },
    attribution: 'attribution.cdnow',
  },
  uci: {
    src: './__data/uci',
    name: 'online_retail.csv.gz',
    format: 'csv',
    map: { customer_id: 'CustomerID', date: 'InvoiceDate', order_id: 'InvoiceNo' },
    attribution: 'attribution.uci',
  },
};

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;
const feed = $<CrmFeed>('#portal-feed');
const views = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.dashboard > *')];

let lang: PortalLang = 'en';
let current: Source = SOURCES.sample;
let fileUrl: string | undefined;
let preview: FilePreview | undefined;
let pendingFile: File | undefined;

const text = (key: PortalKey, params?: Record<string, string | number>) => portalText(lang, key, params);

function applyLanguage(next: PortalLang): void {
  lang = next;
  document.documentElement.lang = next;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n!;
    if (isPortalKey(key)) el.textContent = text(key);
  }
  // Views re-render when their own `lang` changes (an ancestor's attribute does not notify them).
  for (const view of views()) view.setAttribute('lang', next);
  void markAvailability();
  $('#attribution').textContent = text(current.attribution);
  renderSource(feed.state);
  renderSelection(feed.selection);
  if (preview) renderMapping(preview);
}

function applyTheme(theme: string): void {
  document.body.className = `theme-${theme}`;
  for (const el of [feed, ...views()]) el.setAttribute('theme', theme === 'dark' ? 'dark' : 'light');
}

function useSource(source: Source): void {
  current = source;
  feed.clearSelection();
  feed.map = source.map;
  feed.format = source.format;
  feed.src = source.src;
  $('#attribution').textContent = text(source.attribution);
}

let available: Record<string, boolean> | undefined;

/** Disables the reference data sets this machine does not have. */
async function markAvailability(): Promise<void> {
  available ??= await fetch('./__data/index.json')
    .then((r) => (r.ok ? (r.json() as Promise<Record<string, boolean>>) : {}))
    .catch(() => ({}));
  for (const id of ['cdnow', 'uci'] as const) {
    const option = $<HTMLOptionElement>(`#dataset option[value="${id}"]`);
    option.disabled = !available[id];
    option.textContent = available[id] ? text(`dataset.${id}`) : text('dataset.missing', { name: text(`dataset.${id}`) });
  }
}

function renderSource(state: FeedState): void {
  const line = $('#source-line');
  line.classList.toggle('error', state.status === 'error');
  if (state.status === 'loading' || (state.fetching && !state.summary)) line.textContent = text('source.loading', { name: current.name });
  else if (state.status === 'error') line.textContent = text('source.failed', { name: current.name });
  else if (state.summary) {
    const s = state.summary;
    const fmt = new Intl.NumberFormat(lang);
    line.textContent = text('source.loaded', {
      name: current.name,
      orders: fmt.format(s.tables.orders ?? 0),
      customers: fmt.format(s.customerIds.length),
      rejected: fmt.format(s.report.rejected),
      time: new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(s.loadedAt),
    });
  }
}

function renderSelection(selection: FeedSelection | null): void {
  $('#selection').hidden = !selection;
  if (selection) {
    $('#selection-text').textContent = text('selection.text', {
      label: selection.label ?? selection.key,
      count: new Intl.NumberFormat(lang).format(selection.customers.length),
    });
  }
}

function renderMapping(p: FilePreview): void {
  $('#mapping').hidden = false;
  $('#mapping-file').textContent = text('mapping.file', { name: p.name, columns: p.headers.length });
  $('#mapping-error').textContent = '';
  const rows = ORDER_FIELDS.map(({ name }) => {
    const tr = document.createElement('tr');
    const label = document.createElement('th');
    label.scope = 'row';
    label.textContent = text(`field.${name}` as PortalKey);
    const select = document.createElement('select');
    select.name = name;
    select.setAttribute('aria-label', label.textContent);
    const detected = p.detected[name];
    const options: [string, string][] = [['', text('mapping.none')], ...p.headers.map((h): [string, string] => [h, h])];
    if (detected?.includes(' * ')) options.push([DERIVED, text('mapping.derived', { columns: detected })]);
    for (const [value, caption] of options) select.add(new Option(caption, value));
    select.value = detected?.includes(' * ') ? DERIVED : (detected ?? '');
    const example = document.createElement('td');
    const exampleOf = () => (example.textContent = p.first[p.headers.indexOf(select.value)] ?? '');
    select.addEventListener('change', exampleOf);
    exampleOf();
    const cell = document.createElement('td');
    cell.append(select);
    tr.append(label, cell, example);
    return tr;
  });
  $('#mapping-rows').replaceChildren(...rows);
}

async function openFile(file: File): Promise<void> {
  pendingFile = file;
  $<HTMLSelectElement>('#dataset').value = 'file';
  $('#drop-zone').hidden = false;
  try {
    preview = await previewFile(file);
  } catch (error) {
    preview = undefined;
    $('#source-line').textContent = text('file.unreadable', { name: file.name, reason: error instanceof Error ? error.message : String(error) });
    return;
  }
  // A multi-table JSON feed names its own tables and fields: nothing to map.
  if (preview.headers.length === 0) return loadFile(undefined);
  renderMapping(preview);
}

function loadFile(map: FieldMapping | undefined): void {
  if (!pendingFile || !preview) return;
  if (fileUrl) URL.revokeObjectURL(fileUrl);
  fileUrl = URL.createObjectURL(pendingFile);
  $('#mapping').hidden = true;
  $('#drop-zone').hidden = true;
  useSource({ src: fileUrl, name: preview.name, map, format: preview.format, attribution: 'attribution.file' });
  preview = undefined;
}

function wire(): void {
  $<HTMLSelectElement>('#language').addEventListener('change', (e) => applyLanguage((e.target as HTMLSelectElement).value as PortalLang));
  $('#theme').addEventListener('change', (e) => applyTheme((e.target as HTMLInputElement).value));
  $<HTMLSelectElement>('#dataset').addEventListener('change', (e) => {
    const id = (e.target as HTMLSelectElement).value as DatasetId;
    $('#drop-zone').hidden = id !== 'file';
    if (id !== 'file') {
      $('#mapping').hidden = true;
      useSource(SOURCES[id]);
    }
  });
  $<HTMLInputElement>('#file-input').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void openFile(file);
  });
  // A file can be dropped anywhere on the page, whichever data set is shown.
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    $('#drop-zone').classList.add('over');
  });
  document.addEventListener('dragleave', () => $('#drop-zone').classList.remove('over'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    $('#drop-zone').classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void openFile(file);
  });
  $<HTMLFormElement>('#mapping-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const choices = Object.fromEntries([...$<HTMLFormElement>('#mapping-form').querySelectorAll('select')].map((s) => [s.name, s.value]));
    const result = mappingOf(choices);
    if ('missing' in result) {
      $('#mapping-error').textContent = text('mapping.required', { fields: result.missing.map((f) => text(`field.${f}` as PortalKey)).join(', ') });
      return;
    }
    loadFile(result.map);
  });
  $('#mapping-cancel').addEventListener('click', () => {
    $('#mapping').hidden = true;
    preview = undefined;
  });
  $('#selection-clear').addEventListener('click', () => feed.clearSelection());
  feed.addEventListener('crm-feed-state', (e) => renderSource((e as CustomEvent<FeedState>).detail));
  feed.addEventListener('crm-selection-change', (e) => renderSelection((e as CustomEvent<FeedSelection | null>).detail));
}

// The portal shows the views this build of the kit registers.
for (const view of views()) if (!customElements.get(view.localName)) view.remove();
wire();
applyTheme('light');
applyLanguage('en');
