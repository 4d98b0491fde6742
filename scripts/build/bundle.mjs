// The one-file bundle for a plain <script type="module">: the kit (every element, or one) with no
// engine in it, and next to it in assets/ the engine Worker and the main-thread engine chunk that the
// kit imports only when the Worker cannot start. Two builds: the engine chunk first, so the kit's
// dynamic import can name its content-hashed file.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { bundleConfig, engineChunkConfig } from './vite-configs.mjs';

/** The chunks of a vite build result (not its assets). */
const chunksOf = (result) => (Array.isArray(result) ? result : [result]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');

/**
 * Builds the kit of `entry` as `fileName` and the engine chunk as `assets/engine-core-<hash>.js`.
 * With `write`, both (and the Worker asset) land in `outDir`.
 * @param {string} root
 * @param {string} outDir
 * @param {{ entry?: string, fileName?: string, write?: boolean }} [options]
 * @returns {Promise<{ kit: string, engine: string, engineFile: string }>} the code of each
 */
export async function buildBundle(root, outDir, { entry, fileName = 'crm-lens.js', write = true } = {}) {
  const [engineChunk] = chunksOf(await build(engineChunkConfig(root)));
  const engine = engineChunk.code;
  const hash = createHash('sha256').update(engine).digest('base64url').slice(0, 8);
  const engineFile = `assets/engine-core-${hash}.js`;
  const config = bundleConfig(root, outDir, { entry, fileName, chunkFile: `./${engineFile}` });
  const kit = chunksOf(await build({ ...config, build: { ...config.build, write } }));
  if (kit.length !== 1) throw new Error(`the one-file bundle came out as ${kit.length} chunks`);
  if (write) {
    mkdirSync(dirname(join(outDir, engineFile)), { recursive: true });
    writeFileSync(join(outDir, engineFile), engine);
  }
  return { kit: kit[0].code, engine, engineFile };
}
