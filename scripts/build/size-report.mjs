// The gzip size report of `npm run build`: what a page pays for each element alone (its registration
// module bundled with everything it imports but the engine, minified, as a `<script type="module">`
// would load it), for the whole kit in one file, for the engine (the Worker, the lazy main-thread
// chunk, the `crm-lens/engine` module), next to what other chart kits cost. Written into
// docs/performance.md between the bundle-size markers; the rest of that file belongs to the benchmark
// report.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { shippedElements } from './elements.mjs';
import { bundleConfig, elementEntry } from './vite-configs.mjs';

const START = '<!-- bundle-size:start -->';
const END = '<!-- bundle-size:end -->';

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

/** Minified and gzip sizes of some code. */
function sizes(code) {
  const bytes = Buffer.from(code);
  return { min: bytes.length, gzip: gzip(bytes) };
}

/**
 * Sizes of one bundle of `entry` as the one-file bundle is built: everything it imports but the
 * engine (which it imports lazily) and the Worker asset.
 */
async function measure(root, entry, without = []) {
  const config = bundleConfig(root, 'size-report', { entry, fileName: 'entry.js' });
  const external = (id) => without.some((p) => id === p || id.startsWith(`${p}/`));
  const options = { ...config.build.rolldownOptions, external };
  const outputs = await build({ ...config, build: { ...config.build, rolldownOptions: options, write: false } });
  const chunks = (Array.isArray(outputs) ? outputs : [outputs]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
  return sizes(chunks.map((c) => c.code).join('\n'));
}

/** Sizes of a built file in `outDir/assets` whose name starts with `prefix`. */
function assetSizes(outDir, prefix) {
  const name = readdirSync(join(outDir, 'assets')).find((f) => f.startsWith(prefix) && f.endsWith('.js'));
  return name ? sizes(readFileSync(join(outDir, 'assets', name))) : undefined;
}

/**
 * Published gzip sizes of other kits for one chart, for comparison: ECharts with only what a heat map
 * needs (tree-shaken `echarts/core` + HeatmapChart + components + canvas renderer), Observable Plot
 * (with its d3), Highcharts core.
 */
const PEERS = 'ECharts for one heat map ~200 kB, Observable Plot ~98 kB, Highcharts core ~102 kB';

/** Measures every element, the engine and the whole kit, and rewrites the "Bundle size" section. */
export async function writeSizeReport(root, outDir) {
  const rows = [];
  for (const { name } of shippedElements(root)) rows.push([`\`crm-lens/${name}\` (\`<crm-${name}>\`)`, await measure(root, elementEntry(name))]);
  const kit = sizes(readFileSync(join(outDir, 'crm-lens.js')));
  rows.push(['**whole kit**: `crm-lens.js`, every element, no engine', kit]);
  const withoutZod = await measure(root, resolve(root, 'src/index.ts'), ['zod']);
  const zod = { min: kit.min - withoutZod.min, gzip: kit.gzip - withoutZod.gzip };
  rows.push(['of which zod (no option is validated on the main thread; see below)', zod]);
  const worker = assetSizes(outDir, 'worker');
  if (worker) rows.push(['engine Worker (`assets/worker-*.js`, fetched when the first feed starts)', worker]);
  const fallback = assetSizes(outDir, 'engine-core');
  if (fallback) rows.push(['main-thread engine (`assets/engine-core-*.js`, fetched only when the Worker cannot start)', fallback]);
  const zh = assetSizes(outDir, 'locale-zh-CN');
  if (zh) rows.push(['zh-CN dictionary (`assets/locale-zh-CN-*.js`, fetched when a widget first shows zh-CN)', zh]);
  rows.push(['`crm-lens/engine` (the engine as a module, no elements)', await measure(root, resolve(root, 'src/engine/index.ts'))]);
  const table = [
    '| module | minified | gzip |',
    '|---|---:|---:|',
    ...rows.map(([label, s]) => `| ${label} | ${kB(s.min)} | ${kB(s.gzip)} |`),
  ].join('\n');
  const section = `${START}
## Bundle size

Written by \`npm run build\` (scripts/build/size-report.mjs) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.
Each element row is that element's registration module bundled alone with everything it imports
(lit, the d3 modules it uses, the feed and the engine client) but the engine, minified, gzip level 9:
what a page pays for that one element. Elements share most of it, so the one-file bundle with all of
them is far less than the sum. The engine runs in the Worker, fetched once when the first feed
starts; the main-thread engine is a separate chunk that the kit imports only when the Worker cannot
start (the kit served from another origin, no Worker support), so a page never pays for both.
English is in the kit; the zh-CN dictionary is a chunk of its own, fetched before a widget in zh-CN
first renders. A plain \`<script type="module">\` page serves \`crm-lens.js\` with the \`assets/\`
folder next to it.

${table}

For comparison (gzip, one chart, published sizes): ${PEERS}. The whole kit here is ${kB(kit.gzip)}
for six views, the feed and the engine client; ${kit.gzip < 60 * 1024 ? 'under' : 'over'} the 60 kB target.
${
  zod.gzip > 1024
    ? `zod is ${kB(zod.gzip)} of it, though the main thread validates nothing with it (the Worker parses
analysis options; views check their own attributes): it comes with engine modules the views import
constants from (stage and signal names), whose schemas keep it. Constants in schema-free modules
would leave it out.`
    : 'zod is not in the kit: analysis options are validated in the Worker.'
}
${END}`;
  const path = join(root, 'docs', 'performance.md');
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  for (const [label, s] of rows) console.log(`\n  ${label.replace(/`|\*\*/g, '')}: ${kB(s.gzip)} gzip`);
}
