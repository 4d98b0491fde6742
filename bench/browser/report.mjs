// The browser benchmark's section of docs/performance.md, between the browser-bench markers (the rest
// of the file belongs to bench/run.mjs and the build's bundle-size section).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const START = '<!-- browser-bench:start -->';
export const END = '<!-- browser-bench:end -->';

/** Median of numbers (NaN-free). */
function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? Math.round(x).toString() : x.toFixed(1)) : '—');
const count = (n) => n.toLocaleString('en-US');
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

/** The longest main-thread task of a run (0 when none over 50 ms). */
const longest = (tasks) => tasks.reduce((m, t) => Math.max(m, t.ms), 0);

/** The longest task of any run, with the style/layout/paint part of its frame when known ('none' when none). */
function worstTask(taskLists) {
  const worst = taskLists.flat().reduce((w, t) => (!w || t.ms > w.ms ? t : w), undefined);
  if (!worst) return 'none';
  return worst.renderMs === undefined ? `${ms(worst.ms)} ms` : `${ms(worst.ms)} ms (its frame's style, layout and paint: ${ms(worst.renderMs)} ms)`;
}

/** Median over runs of `pick(run)`. */
const med = (runs, pick) => median(runs.map(pick));

function engineTables(results) {
  const labels = results.sets.map((s) => s.label);
  const rows = results.sets.map((s) => {
    const runs = results.engine[s.label];
    const worst = Math.max(...runs.map((r) => longest(r.longTasks)));
    return `| ${count(s.rows)} orders, ${count(s.customers)} customers | ${ms(med(runs, (r) => r.startMs))} | ${ms(med(runs, (r) => r.ingestMs))} | ${ms(med(runs, (r) => r.analysesMs))} | ${ms(med(runs, (r) => r.totalMs))} | ${ms(Math.min(...runs.map((r) => r.totalMs)))} | ${worst ? ms(worst) : 'none'} |`;
  });
  const names = Object.keys(results.engine[labels[0]][0].analyses);
  const perAnalysis = names.map((name) => {
    const cells = labels.map((l) => {
      const runs = results.engine[l];
      const available = runs[0].analyses[name]?.available;
      return `${ms(med(runs, (r) => r.analyses[name]?.ms))}${available === false ? ' (unavailable)' : ''}`;
    });
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  return [
    '| data | Worker start ms | ingest ms | all analyses ms | ingest + analyses ms | best run ms | longest main-thread task ms (any run) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `| analysis (in the Worker, result on the main thread) | ${labels.map((l) => `${l} ms`).join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
    ...perAnalysis,
  ].join('\n');
}

function targets(results) {
  const big = results.sets.find((s) => s.label === '1m');
  if (!big) return '';
  const runs = results.engine[big.label];
  const total = med(runs, (r) => r.totalMs);
  const analyses = med(runs, (r) => r.analysesMs);
  const worst = Math.max(...runs.map((r) => longest(r.longTasks)));
  const quadrant = results.rendering['100k']?.map((r) => r.quadrant).filter(Boolean) ?? [];
  const interactionWorst = Math.max(0, ...quadrant.flatMap((q) => [...q.hover, ...q.pan, q.brush].map((i) => i.ms)));
  return [
    '| target | measured | verdict |',
    '|---|---:|---:|',
    `| full engine on 1M orders in the Worker < 1 s (ingest + every dashboard analysis) | ${ms(total)} ms | ${verdict(total < 1000)} |`,
    `| the analyses alone, 1M orders | ${ms(analyses)} ms | ${verdict(analyses < 1000)} |`,
    `| no main-thread long task > 50 ms meanwhile (worst of ${runs.length} runs) | ${worst ? `${ms(worst)} ms` : 'none'} | ${verdict(worst === 0)} |`,
    ...(quadrant.length ? [`| value quadrant interactive at 100k points (slowest hover, pan step or brush, to the drawn frame) | ${ms(interactionWorst)} ms | ${verdict(interactionWorst < 100)} |`] : []),
  ].join('\n');
}

function renderTables(results) {
  const labels = Object.keys(results.rendering);
  const views = results.rendering[labels[0]][0].first.map((f) => f.view);
  const firstOf = (label, view) => {
    const runs = results.rendering[label];
    const pick = (key) => med(runs, (r) => r.first.find((f) => f.view === view)?.[key]);
    return `${ms(pick('updateMs'))} / ${ms(pick('frameMs'))}`;
  };
  const selectionOf = (label, view) => {
    const runs = results.rendering[label];
    const hits = runs.map((r) => r.selection.find((s) => s.view === view)).filter((s) => s && !s.none);
    if (!hits.length) return 'no re-render';
    return `${ms(median(hits.map((s) => s.updateMs)))} / ${ms(median(hits.map((s) => s.frameMs)))}`;
  };
  const customers = labels.map((l) => count(results.rendering[l][0].customers));
  const loads = labels.map((l) => ms(med(results.rendering[l], (r) => r.loadMs)));
  const selectionTasks = labels.map((l) => worstTask(results.rendering[l].map((r) => r.selectionLongTasks)));
  return [
    `| view | ${labels.map((l, i) => `first render, ${customers[i]} customers`).join(' | ')} | ${labels.map((l, i) => `after a selection, ${customers[i]} customers`).join(' | ')} |`,
    `|---|${[...labels, ...labels].map(() => '---:').join('|')}|`,
    ...views.map((v) => `| ${v} | ${labels.map((l) => firstOf(l, v)).join(' | ')} | ${labels.map((l) => selectionOf(l, v)).join(' | ')} |`),
    `| *feed src set → every view drawn* | ${loads.join(' | ')} | ${labels.map(() => '').join(' | ')} |`,
    `| *longest main-thread task after the selection* | ${labels.map(() => '').join(' | ')} | ${selectionTasks.join(' | ')} |`,
  ].join('\n');
}

function quadrantTable(results) {
  const runs = (results.rendering['100k'] ?? []).map((r) => r.quadrant).filter(Boolean);
  if (!runs.length) return '';
  const rows = [
    ['hover: pointer move → tooltip of the point under it drawn', runs.flatMap((q) => q.hover)],
    ['pan: one Shift+drag step (zoomed in 2x) → points redrawn', runs.flatMap((q) => q.pan)],
    ['brush: pointer up → selection published, quadrant redrawn', runs.map((q) => q.brush)],
  ];
  return [
    '| interaction (100,000 points, canvas) | median ms | slowest ms | quadrant update ms (median) | of which view model ms | samples |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(([label, xs]) => {
      const total = xs.map((x) => x.ms);
      return `| ${label} | ${ms(median(total))} | ${ms(Math.max(...total.filter(Number.isFinite)))} | ${ms(median(xs.map((x) => x.updateMs)))} | ${ms(median(xs.map((x) => x.vmMs)))} | ${xs.length} |`;
    }),
    '',
    `Longest main-thread task during these: ${worstTask(runs.map((q) => q.longTasks))}. Customers in the brushed`,
    `rectangle: ${runs.map((q) => count(q.brushed)).join(', ')}.`,
  ].join('\n');
}

/** The section (markers included) for the results of one bench/browser/run.mjs run. */
export function browserSection(results) {
  return `${START}
## In the browser: the engine in its Worker, and rendering

Written by \`node bench/browser/run.mjs\` (bench/browser/) on ${results.date.slice(0, 10)}; do not edit by hand.
Chromium ${results.chromium}, headless, ${results.cores} cores; load average ${results.load.toFixed(1)} when the run started
(above ~0.5 means other work shared the cores: the Worker and the page then compete with it).
The page is built by vite in production mode (minified, Lit without dev mode) and served from
127.0.0.1; each run is a fresh page. Figures are medians of ${results.runs} runs (engine) and
${results.renderRuns} runs (rendering).

### The full engine in the Worker

Same CSV files as above, fetched first, then handed to the engine client, which moves the bytes
to the Worker. **ingest** = until the Dataset summary is back on the main thread; **analyses** =
every analysis the dashboard's views ask for (read from the views' own \`requests()\`: KPI tiles, RFM
grid, value quadrant with its BG/NBD and Gamma-Gamma fits, journey map, churn heat map as cohorts and
as risk by tier), asked one after another, each until its result is on the main thread. Long tasks
are main-thread tasks over 50 ms seen by a \`PerformanceObserver\` ('longtask') from the start of
ingest to the last result.

${engineTables(results)}

${targets(results)}

### Rendering

Each view in one \`<crm-feed>\` (the churn heat map twice: cohorts and risk by tier), on the first N
customers' orders of the 100k set (1k customers) and on the 1M set (100k customers). Cells are
**update / frame** in ms: *update* = the view's Lit update once its results are in (view model, render,
DOM commit), *frame* = from the start of that update until a task after the next animation frame
(style, layout and paint included; views that draw in the same frame share it). After a selection
(every 100th customer, published through the feed's handle as a view does), *frame* counts from the
selection.

${renderTables(results)}

### Value quadrant at 100k customers

${quadrantTable(results)}
${END}`;
}

/** The build's section, which the browser section goes before when it is new. */
const BUNDLE_SIZE = '<!-- bundle-size:start -->';

/** Replaces the browser-bench section of the document at `path`, or adds it before the bundle-size section (or at the end). */
export function writeSection(path, section) {
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const bundle = doc.indexOf(BUNDLE_SIZE);
  let next;
  if (start >= 0 && end > start) next = doc.slice(0, start) + section + doc.slice(end + END.length);
  else if (bundle >= 0) next = `${doc.slice(0, bundle)}${section}\n\n${doc.slice(bundle)}`;
  else next = `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}
