/**
 * Static security scan of the kit's source (src/ and components/): no HTML built from strings, no
 * code built from strings, no network or storage besides the feed fetch, and CSS injected only by the
 * theme's style modules (design tokens, never data). SECURITY.md states these promises; this test
 * keeps them. The scanner proves on a sample that it can fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every TypeScript / JavaScript file under a folder. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** Files (relative paths) where the pattern is allowed, with the reason. */
  readonly allowed?: (file: string) => boolean;
  /** Only these files are checked (default: all). */
  readonly applies?: (file: string) => boolean;
}

const browserCode = (file: string) => !file.startsWith('src/cli/');

const RULES: readonly Rule[] = [
  {
    name: 'HTML from strings',
    pattern: /\b(innerHTML|outerHTML|insertAdjacentHTML|unsafeHTML|unsafeSVG|createContextualFragment|srcdoc|DOMParser)\b|document\.write/,
  },
  { name: 'code from strings', pattern: /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]|\bset(Timeout|Interval)\s*\(\s*['"`]|\bimportScripts\s*\(/ },
  {
    name: 'CSS from strings outside the style modules',
    pattern: /\bunsafeCSS\s*\(/,
    allowed: (file) => file === 'src/theme/styles.ts' || /^components\/[\w-]+\/styles\.ts$/.test(file),
  },
  {
    name: 'network besides the feed fetch',
    pattern: /\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|RTCPeerConnection/,
    allowed: (file) => file === 'src/feed/load.ts',
    applies: browserCode,
  },
  {
    name: 'storage or cookies',
    pattern: /document\.cookie|localStorage|sessionStorage|indexedDB|caches\.open/,
    applies: browserCode,
  },
  { name: 'inline event handler attributes', pattern: /setAttribute\(\s*['"`]on/i },
];

/** The text with comment lines blanked (doc comments may name what the code must not do). */
function code(text: string): string[] {
  return text.split('\n').map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? '' : line.replace(/\s\/\/\s.*$/, '')));
}

/** Violations of the rules in one file's text: `rule: file:line: code`. */
function violations(file: string, text: string): string[] {
  const out: string[] = [];
  const lines = code(text);
  for (const rule of RULES) {
    if (rule.applies && !rule.applies(file)) continue;
    if (rule.allowed?.(file)) continue;
    lines.forEach((line, i) => {
      if (rule.pattern.test(line)) out.push(`${rule.name}: ${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'components'))].map((path) => ({
  file: relative(ROOT, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

describe('security scan of src/ and components/', () => {
  it('finds what it looks for (the scanner can fail)', () => {
    const sample = [
      'el.innerHTML = x;',
      'html`${unsafeHTML(x)}`',
      'eval(code);',
      'const f = new Function("a", body);',
      "setTimeout('run()', 10);",
      'document.write(x)',
      'fetch(url)',
      'localStorage.setItem(k, v)',
      "el.setAttribute('onclick', x)",
      'css`${unsafeCSS(data)}`',
    ].join('\n');
    expect(violations('components/x/x.ts', sample)).toHaveLength(10);
    expect(violations('components/x/x.ts', 'const inner = html`<p>${text}</p>`;\n/** never innerHTML */\nx(); // nor eval(')).toEqual([]);
  });

  it('scans the whole kit', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.file === 'src/feed/load.ts')).toBe(true);
  });

  it('has no HTML or code from strings, no network but the feed fetch, no storage', () => {
    expect(files.flatMap((f) => violations(f.file, f.text))).toEqual([]);
  });

  it('fetches feeds with same-origin credentials unless the host opts in', () => {
    const load = files.find((f) => f.file === 'src/feed/load.ts')!.text;
    expect(load).toMatch(/config\.credentials \?\? 'same-origin'/);
    const feed = files.find((f) => f.file === 'components/feed/feed.ts')!.text;
    expect(feed).toMatch(/credentials: this\.credentials \?\? 'same-origin'/);
  });

  it('starts no Worker but the engine module and the part readers, each on a script of its own', () => {
    const workers = files.flatMap((f) => (code(f.text).some((line) => /new Worker\(/.test(line)) ? [f.file] : []));
    expect(workers.sort()).toEqual(['src/feed/engine-client.ts', 'src/feed/part-reader.ts', 'src/node/part-reader.ts']);
    const text = (file: string) => files.find((f) => f.file === file)!.text;
    expect(text('src/feed/engine-client.ts')).toMatch(/new Worker\(new URL\('\.\/worker\.js', import\.meta\.url\)/);
    // the browser part reader is the engine Worker's own script, which worker.ts passes it
    expect(text('src/feed/part-reader.ts')).toMatch(/new Worker\(scriptUrl, \{ type: 'module', name: PART_READER_NAME \}\)/);
    expect(text('src/feed/worker.ts')).toMatch(/startPartReader\(scope\.location\.href\)/);
    // the Node part reader runs its own module
    expect(text('src/node/part-reader.ts')).toMatch(/new Worker\(new URL\(self\), options\)/);
  });
});
