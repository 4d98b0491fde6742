// The elements the package ships, read from src/define.ts (the one list of them), so every build
// step, the size report and the checks pick up a new element without being told.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Every registered element: `name` is the tag without its prefix (`rfm-grid`), `className` the
 * exported class, `source` the absolute path of its module.
 * @param {string} root project root
 * @returns {{ name: string, className: string, source: string }[]}
 */
export function shippedElements(root) {
  const define = readFileSync(resolve(root, 'src/define.ts'), 'utf8');
  const imports = new Map();
  for (const m of define.matchAll(/import\s*\{\s*(\w+)\s*\}\s*from\s*'(\.\.\/components\/[^']+)\.js'/g)) {
    imports.set(m[1], resolve(root, 'src', `${m[2]}.ts`));
  }
  const body = define.match(/export const ELEMENTS[^=]*=\s*\{([^}]*)\}/);
  if (!body) throw new Error('src/define.ts: no ELEMENTS object found');
  return [...body[1].matchAll(/'?([a-z][a-z0-9-]*)'?\s*:\s*(\w+)/g)].map(([, name, className]) => {
    const source = imports.get(className);
    if (!source) throw new Error(`src/define.ts: no import of ${className}`);
    return { name, className, source };
  });
}
