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

/**
 * zod's code generation (its JIT, `const F = Function; new F(...)`) is off at run time (the engine sets
 * `jitless`, src/engine/zod.ts); this removes it from the shipped code too, so no bundle holds a way
 * to make code from strings. In zod's eval probe the throw is caught and reads as "no eval".
 */
function noCodeFromStrings() {
  const FUNCTION = /const F = Function;/g;
  return {
    name: 'crm-lens:no-code-from-strings',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id) || !FUNCTION.test(code)) return null;
      return code.replace(FUNCTION, "const F = (() => { throw new Error('crm-lens runs zod jitless: no code from strings'); })();");
    },
  };
}

function common(root, outDir) {
  return {
    configFile: false,
    root,
    // Relative asset URLs: the Worker is found next to the module that starts it, wherever it is served.
    base: './',
    logLevel: 'warn',
    publicDir: false,
    // d3-sankey asks for d3-array 2 and d3-shape 1 and npm nests its own copies; the current ones do
    // the same for what it uses (max, min, sum, linkHorizontal), so the views' d3 is shipped once.
    resolve: { dedupe: ['d3-array', 'd3-shape', 'd3-path'] },
    // The engine Worker is a module Worker (`{ type: 'module' }`) bundled with everything it imports.
    // Minified in every build: it is loaded as it is, never bundled again by a consumer.
    worker: { format: 'es', plugins: () => [noCodeFromStrings()], rolldownOptions: { output: { minify: true } } },
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
    plugins: [elementEntries(root), noCodeFromStrings()],
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
 * What the one-file bundle imports lazily, each built as a self-contained module of its own into
 * `assets/<name>-<hash>.js`: the main-thread engine, imported only when the Worker cannot start
 * (src/feed/engine-client.ts), and the dictionaries but English, imported when a widget first shows
 * that locale (src/format/translator.ts). An English page with a Worker loads none of them.
 */
export const LAZY_CHUNKS = [
  { name: 'engine-core', source: 'src/feed/engine-core.ts' },
  { name: 'locale-zh-CN', source: 'src/format/locales/zh-CN.ts' },
];

/** The placeholder the one-file bundle imports a lazy chunk by, replaced by its file name. */
const lazyChunkId = (name) => `crm-lens:lazy-chunk:${name}`;

/**
 * A plugin that leaves the dynamic imports of the {@link LAZY_CHUNKS} out of the bundle: each import
 * stays, pointing at its chunk file (relative to the bundle), built on its own by
 * {@link lazyChunkConfig}. So the bundle holds none of them and shares no chunk with them: a page
 * that needs none loads one file.
 * @param {string} root
 */
function lazyChunksExternal(root) {
  const bySource = new Map(LAZY_CHUNKS.map((c) => [resolve(root, c.source), c.name]));
  return {
    name: 'crm-lens-lazy-chunks',
    // Before vite's own resolver, which would resolve the import into the bundle.
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!importer || options?.kind !== 'dynamic-import') return undefined;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      const name = resolved && bySource.get(resolved.id);
      return name ? { id: lazyChunkId(name), external: true } : undefined;
    },
  };
}

/** Minified, with `process.env.NODE_ENV` set: what the kit and the engine chunk builds share. */
function bundleBase(root, outDir) {
  const base = common(root, outDir);
  return {
    ...base,
    // Library mode leaves process.env.NODE_ENV to the consumer's bundler; a script tag has none.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { ...base.build, minify: true },
  };
}

/**
 * One minified module for `<script type="module" src=".../crm-lens.js">` that registers every element,
 * without the engine: the Worker is loaded from `assets/` next to it, and the {@link LAZY_CHUNKS} (the
 * main-thread engine when the Worker cannot start, e.g. the kit served from another origin; a
 * dictionary other than English) from their files, imported relative to the bundle.
 * @param {string} root
 * @param {string} outDir
 * @param {{ entry?: string, fileName?: string, chunkFiles?: Record<string, string> }} [options] module
 *   to bundle (default the package entry), output file name, file of each lazy chunk by name,
 *   relative to the bundle (default `./assets/<name>.js`)
 */
export function bundleConfig(root, outDir, { entry = resolve(root, 'src/index.ts'), fileName = 'crm-lens.js', chunkFiles = {} } = {}) {
  const base = bundleBase(root, outDir);
  const paths = Object.fromEntries(LAZY_CHUNKS.map(({ name }) => [lazyChunkId(name), chunkFiles[name] ?? `./assets/${name}.js`]));
  return {
    ...base,
    plugins: [elementEntries(root), lazyChunksExternal(root), noCodeFromStrings()],
    build: {
      ...base.build,
      lib: { entry: { bundle: entry }, formats: ['es'], fileName: () => fileName },
      rolldownOptions: {
        output: { codeSplitting: false, minify: true, paths, assetFileNames: 'assets/[name]-[hash][extname]' },
      },
    },
  };
}

/**
 * One of the {@link LAZY_CHUNKS} as its own self-contained module, for the one-file bundle to import
 * lazily. Built without writing; the caller names it by its content hash.
 * @param {string} root
 * @param {{ name: string, source: string }} chunk
 */
export function lazyChunkConfig(root, chunk) {
  const base = bundleBase(root, 'unused');
  return {
    ...base,
    plugins: [noCodeFromStrings()],
    build: {
      ...base.build,
      write: false,
      lib: { entry: { [chunk.name]: resolve(root, chunk.source) }, formats: ['es'], fileName: () => `${chunk.name}.js` },
      rolldownOptions: { output: { codeSplitting: false, minify: true } },
    },
  };
}

/** The `crm-lens` command for Node (`dist/cli/main.js`), what bin/crm-lens.mjs runs when tsx is absent. */
export function cliConfig(root, outDir) {
  const base = common(root, resolve(outDir, 'cli'));
  return {
    ...base,
    plugins: [noCodeFromStrings()],
    build: {
      ...base.build,
      ssr: resolve(root, 'src/cli/main.ts'),
      target: 'node20',
      minify: false,
      rolldownOptions: {
        external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        // The CLI has every dictionary up front (src/format/i18n.ts): the widgets' lazy import of one
        // stays in the same file, as it should.
        checks: { ineffectiveDynamicImport: false },
        output: { entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es' },
      },
    },
  };
}
