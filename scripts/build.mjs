#!/usr/bin/env node
// `npm run build`: everything the published package ships, into dist/ (or --out-dir):
//   index.js, define.js, engine.js, elements/<name>.js   ES modules for bundlers (dependencies imported)
//   crm-lens.js                                          the kit in one module for a <script> tag (no engine)
//   assets/worker-*.js                                   the engine Worker (self-contained)
//   assets/engine-core-*.js                              the main-thread engine crm-lens.js imports only
//                                                        when the Worker cannot start (self-contained)
//   assets/locale-zh-CN-*.js                             the zh-CN dictionary crm-lens.js imports when a
//                                                        widget first shows zh-CN
//   cli/main.js                                          the `crm-lens` command without tsx
//   types/                                               declarations (tsc)
//   custom-elements.json                                 the manifest, from the elements' JSDoc
// and the gzip size report, written into docs/performance.md under "Bundle size" (unless --no-report).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { shippedElements } from './build/elements.mjs';
import { writeSizeReport } from './build/size-report.mjs';
import { buildBundle } from './build/bundle.mjs';
import { cliConfig, esmConfig } from './build/vite-configs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string', default: 'dist' },
    'no-report': { type: 'boolean', default: false },
    'no-types': { type: 'boolean', default: false },
  },
});
const outDir = resolve(root, values['out-dir']);

/** Runs a step, printing its name and duration. */
async function step(name, work) {
  const start = performance.now();
  process.stdout.write(`${name} ... `);
  await work();
  console.log(`${((performance.now() - start) / 1000).toFixed(1)} s`);
}

function run(command, args) {
  const result = spawnSync(process.execPath, [resolve(root, 'node_modules', command), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`);
}

/** The package's exports must name every element, or an element would ship unreachable. */
function checkExports() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const missing = shippedElements(root).filter((e) => !pkg.exports?.[`./${e.name}`]);
  if (missing.length) throw new Error(`package.json "exports" lacks ${missing.map((e) => `"./${e.name}"`).join(', ')}`);
}

try {
  checkExports();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await step('ES modules', () => build(esmConfig(root, outDir)));
  await step('single-file bundle', () => buildBundle(root, outDir));
  await step('CLI', () => build(cliConfig(root, outDir)));
  if (!values['no-types']) {
    await step('type declarations', () => run('typescript/bin/tsc', ['-p', 'scripts/build/tsconfig.types.json', '--outDir', join(outDir, 'types')]));
  }
  await step('custom-elements.json', () =>
    run('@custom-elements-manifest/analyzer/cem.js', ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outDir)]),
  );
  if (!values['no-report']) await step('gzip size report', () => writeSizeReport(root, outDir));
  console.log(`built ${relative(process.cwd(), outDir) || '.'}`);
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
