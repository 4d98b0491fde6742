// The vite (rolldown) configurations of `npm run build`: the tree-shakable ES modules for bundlers,
// the one-file bundle for a plain <script type="module">, the Node CLI. Each is a plain object handed to
// vite's `build()` with `configFile: false`, so the test configuration in vite.config.ts never leaks in.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { shippedElements } from './elements.mjs';

/** Folder of the virtual per-element registration modules (nothing is written there). */
const ELEMENT_ENTRY = '/virtual:crm-lens-element/';

/**
 * A plugin that makes one registration module per element: it defines `<crm-NAME>` and re-exports the
 * class. These are the only modules of the package with a side effect.
 * @param {string} root
 */
function elementEntries(root) {
  const register = resolve(root, 'components/base/register.ts');
  const elements = new Map(shippedElements(root).map((e) => [e.name, e]));
  return {
    name: 'crm-lens-element-entries',
    resolveId(id) {
      const at = id.indexOf(ELEMENT_ENTRY);
      return at >= 0 ? `\0${id.slice(at)}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${ELEMENT_ENTRY}`)) return undefined;
      const element = elements.get(id.slice(ELEMENT_ENTRY.length + 1, -'.js'.length));
      if (!element) return undefined;
      return [
        `import { defineElement } from ${JSON.stringify(register)};`,
        `import { ${element.className} } from ${JSON.stringify(element.source)};`,
        `defineElement('crm-${element.name}', ${element.className});`,
        `export { ${element.className} };`,
      ].join('\n');
    },
  };
}

/** The virtual entry id of an element's registration module. */
export const elementEntry = (name) => `${ELEMENT_ENTRY}${name}.js`;

function common(root, outDir) {
  return {
    configFile: false,
    root,
    // Relative asset URLs: the Worker is found next to the module that starts it, wherever it is served.
    base: './',
    logLevel: 'warn',
    publicDir: false,
    // The engine Worker is a module Worker (`{ type: 'module' }`) bundled with everything it imports.
    // Minified in every build: it is loaded as it is, never bundled again by a consumer.
    worker: { format: 'es', rolldownOptions: { output: { minify: true } } },
    build: { outDir, emptyOutDir: false, sourcemap: false, reportCompressedSize: false, target: 'es2022' },
  };
}

/**
 * ES modules for bundlers and import maps: `index.js` (registers all), `define.js`, `engine.js`, one
 * registration module per element under `elements/`; dependencies stay imports (the consumer's bundler
 * dedupes lit, d3 and zod); the engine Worker is its own self-contained asset.
 */
export function esmConfig(root, outDir) {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {});
  const entry = {
    index: resolve(root, 'src/index.ts'),
    define: resolve(root, 'src/define.ts'),
    engine: resolve(root, 'src/engine/index.ts'),
  };
  for (const { name } of shippedElements(root)) entry[`elements/${name}`] = elementEntry(name);
  const base = common(root, outDir);
  return {
    ...base,
    plugins: [elementEntries(root)],
    build: {
      ...base.build,
      minify: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external: (id) => deps.some((d) => id === d || id.startsWith(`${d}/`)),
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
      },
    },
  };
}

/**
 * One self-contained, minified module for `<script type="module" src=".../crm-lens.js">`: registers
 * every element; the Worker is loaded from `assets/` next to it (and when it cannot start, e.g. from
 * another origin, the engine runs on the main thread).
 * @param {string} root
 * @param {string} outDir
 * @param {string} [entry] module to bundle (default the package entry)
 * @param {string} [fileName] output file name
 */
export function bundleConfig(root, outDir, entry = resolve(root, 'src/index.ts'), fileName = 'crm-lens.js') {
  const base = common(root, outDir);
  return {
    ...base,
    plugins: [elementEntries(root)],
    // Library mode leaves process.env.NODE_ENV to the consumer's bundler; a script tag has none.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      ...base.build,
      minify: true,
      lib: { entry: { bundle: entry }, formats: ['es'], fileName: () => fileName },
      rolldownOptions: { output: { codeSplitting: false, minify: true, assetFileNames: 'assets/[name]-[hash][extname]' } },
    },
  };
}

/** The `crm-lens` command for Node (`dist/cli/main.js`), what bin/crm-lens.mjs runs when tsx is absent. */
export function cliConfig(root, outDir) {
  const base = common(root, resolve(outDir, 'cli'));
  return {
    ...base,
    build: {
      ...base.build,
      ssr: resolve(root, 'src/cli/main.ts'),
      target: 'node20',
      minify: false,
      rolldownOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es' },
      },
    },
  };
}
