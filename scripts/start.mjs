#!/usr/bin/env node
// `npm start`: the demo portal on a local vite dev server (127.0.0.1), with every widget on the
// embedded sample company; `npm run preview` (--preview) builds the demo first and serves the build.
// --port N picks the port (0: any free one). Prints the URL, then serves until stopped.
import { cpSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, createServer, preview } from 'vite';
import { demoConfig } from './build/demo-config.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { port: { type: 'string', default: '5173' }, preview: { type: 'boolean', default: false } } });
const config = demoConfig(root, { port: Number(values.port) });

let url;
if (values.preview) {
  await build(config);
  // The sample company is data the page fetches at run time, not an import: copy it next to the build.
  cpSync(resolve(root, 'demo/data'), resolve(config.build.outDir, 'data'), { recursive: true });
  const server = await preview(config);
  url = server.resolvedUrls?.local[0];
} else {
  const server = await createServer(config);
  await server.listen();
  url = server.resolvedUrls?.local[0];
}
console.log(`\n  crm-lens demo: ${url}\n`);
