#!/usr/bin/env node
// The `crm-lens` command. In a clone (tsx installed with the dev dependencies) it runs the TypeScript
// source, so `npx crm-lens` works right after `npm ci` with no build step; an installed package runs
// the built CLI.
import { existsSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
let tsx;
try {
  tsx = await import('tsx/esm/api');
} catch {
  tsx = undefined;
}
if (tsx && existsSync(source)) {
  tsx.register();
  await import(pathToFileURL(source).href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
