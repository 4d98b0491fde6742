// The one-file bundle for a plain <script type="module">: the kit (every element, or one) with no
// engine in it, and next to it in assets/ the engine Worker and the lazy chunks the kit imports only
// when needed (the main-thread engine when the Worker cannot start, a dictionary other than English).
// The lazy chunks are built first, so the kit's dynamic imports can name their content-hashed files.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { bundleConfig, LAZY_CHUNKS, lazyChunkConfig } from './vite-configs.mjs';

/** The chunks of a vite build result (not its assets). */
const chunksOf = (result) => (Array.isArray(result) ? result : [result]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');

/**
 * Builds the kit of `entry` as `fileName` and each lazy chunk as `assets/<name>-<hash>.js`.
 * With `write`, all of them (and the Worker asset) land in `outDir`.
 * @param {string} root
 * @param {string} outDir
 * @param {{ entry?: string, fileName?: string, write?: boolean }} [options]
 * @returns {Promise<{ kit: string, chunks: { name: string, file: string, code: string }[] }>} the
 *   kit's code, and each lazy chunk's name, file (relative to the kit) and code
 */
export async function buildBundle(root, outDir, { entry, fileName = 'crm-lens.js', write = true } = {}) {
  const chunks = [];
  for (const chunk of LAZY_CHUNKS) {
    const [built] = chunksOf(await build(lazyChunkConfig(root, chunk)));
    const hash = createHash('sha256').update(built.code).digest('base64url').slice(0, 8);
    chunks.push({ name: chunk.name, file: `assets/${chunk.name}-${hash}.js`, code: built.code });
  }
  const chunkFiles = Object.fromEntries(chunks.map((c) => [c.name, `./${c.file}`]));
  const config = bundleConfig(root, outDir, { entry, fileName, chunkFiles });
  const kit = chunksOf(await build({ ...config, build: { ...config.build, write } }));
  if (kit.length !== 1) throw new Error(`the one-file bundle came out as ${kit.length} chunks`);
  if (write) {
    for (const c of chunks) {
      mkdirSync(dirname(join(outDir, c.file)), { recursive: true });
      writeFileSync(join(outDir, c.file), c.code);
    }
  }
  return { kit: kit[0].code, chunks };
}
