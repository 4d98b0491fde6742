// The gzip size report of `npm run build`: what a page pays for each element alone (its registration
// module bundled with everything it imports, minified, as a `<script type="module">` would load it), for
// the engine alone, for everything in one file, and for the Worker. Written into docs/performance.md
// between the bundle-size markers; the rest of that file belongs to the benchmark report.
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

/** Minified and gzip sizes of the code (not the Worker asset) of one self-contained bundle of `entry`. */
async function measure(root, entry) {
  const config = bundleConfig(root, 'size-report', entry, 'entry.js');
  const outputs = await build({ ...config, build: { ...config.build, write: false } });
  const chunks = (Array.isArray(outputs) ? outputs : [outputs]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
  const code = Buffer.from(chunks.map((c) => c.code).join('\n'));
  return { min: code.length, gzip: gzip(code) };
}

/** Sizes of the built single file and Worker in `outDir`. */
function builtSizes(outDir) {
  const file = (path) => {
    const bytes = readFileSync(path);
    return { min: bytes.length, gzip: gzip(bytes) };
  };
  const worker = readdirSync(join(outDir, 'assets')).find((f) => f.startsWith('worker') && f.endsWith('.js'));
  return { bundle: file(join(outDir, 'crm-lens.js')), worker: worker ? file(join(outDir, 'assets', worker)) : undefined };
}

/** Measures every element, the engine and the whole kit, and rewrites the "Bundle size" section. */
export async function writeSizeReport(root, outDir) {
  const rows = [];
  for (const { name } of shippedElements(root)) rows.push([`\`crm-lens/${name}\` (\`<crm-${name}>\`)`, await measure(root, elementEntry(name))]);
  rows.push(['`crm-lens/engine` (no elements)', await measure(root, resolve(root, 'src/engine/index.ts'))]);
  const { bundle, worker } = builtSizes(outDir);
  rows.push(['`crm-lens.js`: every element, one file', bundle]);
  if (worker) rows.push(['engine Worker (`assets/worker-*.js`, loaded on first use)', worker]);
  const table = [
    '| module | minified | gzip |',
    '|---|---:|---:|',
    ...rows.map(([label, s]) => `| ${label} | ${kB(s.min)} | ${kB(s.gzip)} |`),
  ].join('\n');
  const section = `${START}
## Bundle size

Written by \`npm run build\` (scripts/build/size-report.mjs) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.
Each element row is that element's registration module bundled alone with everything it imports
(lit, the d3 modules it uses, the feed and the main-thread engine fallback), minified, gzip level 9:
what a page pays for that one element. Elements share most of it, so the one-file bundle with all of
them is far less than the sum. The Worker is fetched once, when the first feed starts.

${table}
${END}`;
  const path = join(root, 'docs', 'performance.md');
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Performance\n';
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
  for (const [label, s] of rows) console.log(`\n  ${label.replace(/`/g, '')}: ${kB(s.gzip)} gzip`);
}
