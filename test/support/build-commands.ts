/**
 * Vitest browser commands for the shipping tests (bundle, embedding examples, demo, npm pack). They
 * run in the vitest process, next to Playwright: the first use builds the package once into
 * node_modules/.cache (`scripts/build.mjs`), builds the React and Vue examples against it, writes a
 * small sample company and serves all of it from a real HTTP server on loopback (the CSP example with
 * its policy as a header). Each page opens in its own tab of the test browser, where CSP violations,
 * page errors and requests are recorded from before the first script runs.
 *
 * Registered in vite.config.ts under the components project's `browser.commands`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import type { Page } from 'playwright';
// @ts-expect-error plain JS helpers shared with the screenshot script
import { allViewsLoaded, viewStates } from '../../scripts/build/views-loaded.mjs';
import { largeCsv } from './large-csv.js';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'node_modules', '.cache', `crm-lens-ship-${process.pid}`);

/** The strict policy of the CSP example, as the server sends it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
};

function run(args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** A page with the one-file bundle and every view on inline tables: nothing else is loaded. */
function bundleOnlyPage(tags: readonly string[]): string {
  const company = JSON.parse(readFileSync(join(work, 'data', 'company.json'), 'utf8')) as Record<string, unknown[]>;
  const tables = Object.entries(company)
    .map(([table, rows]) => `<script type="application/json" data-table="${table}">${JSON.stringify(rows).replace(/</g, '\\u003c')}</script>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bundle only</title>
<script type="module" src="/dist/crm-lens.js"></script></head><body>
<crm-feed>${tables}${tags.map((t) => `<${t}></${t}>`).join('')}</crm-feed></body></html>`;
}

/** A page on this origin that loads the bundle from `bundleOrigin` (another origin) and feeds it from this one. */
function crossOriginPage(bundleOrigin: string, tags: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>cross-origin kit</title>
<script type="module" src="${bundleOrigin}/dist/crm-lens.js"></script></head><body>
<crm-feed src="/examples/data/company.json">${tags.map((t) => `<${t}></${t}>`).join('')}</crm-feed></body></html>`;
}

/** A page with the one-file bundle and an RFM grid on the large CSV (past the size read on two threads). */
function largeFeedPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>large feed</title>
<script type="module" src="/dist/crm-lens.js"></script></head><body>
<crm-feed src="/examples/data/large.csv"><crm-rfm-grid></crm-rfm-grid></crm-feed></body></html>`;
}

/** What a URL path of the ship server maps to on disk. */
function fileOf(pathname: string): string | undefined {
  const mounts: [string, string][] = [
    ['/dist/', join(work, 'dist')],
    ['/examples/data/', join(work, 'data')],
    ['/examples/react/', join(work, 'examples', 'react')],
    ['/examples/vue/', join(work, 'examples', 'vue')],
    ['/examples/assets/', join(work, 'examples', 'assets')],
    ['/examples/', join(root, 'examples')],
  ];
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    let file = resolve(dir, decodeURIComponent(pathname.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return undefined;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    return existsSync(file) ? file : undefined;
  }
  return undefined;
}

function serve(tags: readonly string[]): Promise<{ server: Server; port: number }> {
  let port = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The kit may be loaded from another origin (a CDN): module scripts need CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (url.pathname.startsWith('/examples/csp/')) res.setHeader('Content-Security-Policy', STRICT_CSP);
    const page = { '/bundle-only.html': bundleOnlyPage, '/cross-origin.html': () => crossOriginPage(`http://localhost:${port}`, tags), '/large-feed.html': largeFeedPage }[url.pathname];
    if (page) {
      res.setHeader('Content-Type', TYPES['.html']);
      return void res.end(page(tags));
    }
    const file = fileOf(url.pathname);
    if (!file) {
      res.statusCode = 404;
      return void res.end('not found');
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      done({ server, port });
    }),
  );
}

interface Ship {
  readonly base: string;
  readonly port: number;
}

let ship: Promise<Ship> | undefined;
let demo: Promise<string> | undefined;
const cleanups: (() => void)[] = [];
process.once('exit', () => {
  for (const c of cleanups) c();
});

/** Builds the package and the examples once, and serves them. */
function prepare(tags: readonly string[]): Promise<Ship> {
  ship ??= (async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    run(['scripts/build.mjs', '--out-dir', join(work, 'dist'), '--no-report', '--no-types']);
    run(['node_modules/vite/bin/vite.js', 'build', '--config', 'examples/vite.config.mjs'], {
      CRM_LENS_DIST: join(work, 'dist'),
      CRM_LENS_EXAMPLES_OUT: join(work, 'examples'),
    });
    mkdirSync(join(work, 'data'));
    run(['bin/crm-lens.mjs', 'sample', '--customers', '120', '--seed', '7', '--months', '15', '--out', join(work, 'data', 'company.json')]);
    writeFileSync(join(work, 'data', 'large.csv'), largeCsv());
    const { server, port } = await serve(tags);
    // Never what keeps the test process alive.
    server.unref();
    return { base: `http://127.0.0.1:${port}`, port };
  })();
  return ship;
}

/** Starts `npm start` (scripts/start.mjs on a free port) once; resolves with the URL it prints. */
function startDemo(): Promise<string> {
  demo ??= new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.unref();
    cleanups.push(() => child.kill());
    let out = '';
    const timer = setTimeout(() => fail(new Error(`npm start printed no URL in 60 s:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/crm-lens demo: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) {
        clearTimeout(timer);
        // The server runs until the test process exits; its output pipes must not hold that up.
        for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref(): void }).unref();
        done(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => fail(new Error(`npm start exited (${code}):\n${out}`)));
  });
  return demo;
}

interface Tab {
  readonly page: Page;
  readonly violations: string[];
  readonly errors: string[];
  readonly requests: string[];
}

const tabs = new Map<string, Tab>();
let nextTab = 0;

/** What a test learns about a tab. */
export interface TabReport {
  readonly url: string;
  /** Whether every view drew its data before the timeout. */
  readonly loaded: boolean;
  readonly views: { tag: string; state: string; text: string }[];
  /** `engine.mode` of every feed on the page. */
  readonly engineModes: (string | undefined)[];
  readonly violations: string[];
  readonly errors: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

function provider(context: Parameters<BrowserCommand<[]>>[0]): Page {
  const page = (context as unknown as { page?: Page }).page;
  if (!page) throw new Error('the shipping tests need the playwright provider');
  return page;
}

/**
 * Opens `path` in a new tab: on the ship server (`ship`), or on `npm start`'s dev server (`demo`).
 * `tags` are the registered view tags, for the generated bundle pages. Returns the tab id.
 */
const shipOpen: BrowserCommand<[target: 'ship' | 'demo', path: string, tags: string[]]> = async (context, target, path, tags) => {
  const base = target === 'demo' ? await startDemo() : (await prepare(tags)).base;
  const page = await provider(context).context().newPage();
  const tab: Tab = { page, violations: [], errors: [], requests: [] };
  await page.exposeFunction('__reportViolation', (v: string) => tab.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportViolation(v: string): void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('pageerror', (e) => tab.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && tab.errors.push(m.text()));
  page.on('request', (r) => tab.requests.push(r.url()));
  const id = `tab-${++nextTab}`;
  tabs.set(id, tab);
  await page.goto(new URL(path, base).href);
  return id;
};

/** Waits until every view on the tab drew its data (or `timeoutMs` passed) and reports the tab. */
const shipReport: BrowserCommand<[id: string, timeoutMs?: number]> = async (_context, id, timeoutMs = 20_000): Promise<TabReport> => {
  const tab = tabs.get(id);
  if (!tab) throw new Error(`no tab ${id}`);
  const loaded = await tab.page
    .waitForFunction(allViewsLoaded, undefined, { timeout: timeoutMs, polling: 100 })
    .then(() => true)
    .catch(() => false);
  const views = (await tab.page.evaluate(viewStates)) as TabReport['views'];
  const engineModes = await tab.page.evaluate(() =>
    [...document.querySelectorAll('*')].filter((el) => el.localName.endsWith('-feed')).map((f) => (f as unknown as { engine?: { mode?: string } }).engine?.mode),
  );
  return { url: tab.page.url(), loaded, views, engineModes, violations: [...tab.violations], errors: [...tab.errors], requests: [...tab.requests] };
};

/** Evaluates a JavaScript expression in the tab (awaiting a promise) and returns its JSON value. */
const shipEval: BrowserCommand<[id: string, expression: string]> = async (_context, id, expression) => {
  const tab = tabs.get(id);
  if (!tab) throw new Error(`no tab ${id}`);
  return tab.page.evaluate(expression);
};

/** Closes a tab. */
const shipClose: BrowserCommand<[id: string]> = async (_context, id) => {
  await tabs.get(id)?.page.close();
  tabs.delete(id);
};

/** What the packed package did in a scratch project. */
export interface PackReport {
  readonly files: string[];
  /** stdout of the Node script run in the scratch project (JSON). */
  readonly output: string;
  readonly cliHelp: string;
}

/**
 * `npm pack` of the built package, installed from the tarball into a scratch project with
 * `npm install --offline`, then `script` (an ES module) run there with Node, and the installed
 * `crm-lens --help` (which runs dist/cli/main.js: the scratch project has no tsx).
 */
const shipPack: BrowserCommand<[script: string, tags: string[]]> = async (_context, script, tags) => {
  await prepare(tags);
  const staging = join(work, 'package');
  const app = join(work, 'app');
  rmSync(staging, { recursive: true, force: true });
  rmSync(app, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'bin']) cpSync(join(root, entry), join(staging, entry), { recursive: true });
  cpSync(join(work, 'dist'), join(staging, 'dist'), { recursive: true });
  const npm = (args: string[], cwd: string) => {
    const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
  };
  const packed = JSON.parse(npm(['pack', staging, '--json', '--pack-destination', work], work)) as { filename: string; files: { path: string }[] }[];
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  npm(['install', '--offline', '--ignore-scripts', join(work, packed[0].filename)], app);
  writeFileSync(join(app, 'check.mjs'), script);
  const output = spawnSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' });
  if (output.status !== 0) throw new Error(`the scratch project's script failed:\n${output.stderr}`);
  const cli = spawnSync(process.execPath, [join(app, 'node_modules', 'crm-lens', 'bin', 'crm-lens.mjs'), '--help'], { cwd: app, encoding: 'utf8' });
  return { files: packed[0].files.map((f) => f.path), output: output.stdout, cliHelp: cli.stdout + cli.stderr } satisfies PackReport;
};

/** What makes code from strings, as it would stand in built JavaScript. */
const CODE_FROM_STRINGS = /\beval\s*\(|new\s+Function\s*\(|[^.\w]Function\s*\(|=\s*Function\s*[,;]/;

/** Builds the package (once) and lists every built .js file that could make code from strings. */
const shipScan: BrowserCommand<[tags: string[]]> = async (_context, tags) => {
  await prepare(tags);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) files.push(path);
    }
  };
  walk(join(work, 'dist'));
  return {
    files: files.map((f) => relative(work, f)),
    offending: files.filter((f) => CODE_FROM_STRINGS.test(readFileSync(f, 'utf8'))).map((f) => relative(work, f)),
  };
};

/** The commands, for `browser.commands` in vite.config.ts. */
export const shipCommands = { shipOpen, shipReport, shipEval, shipClose, shipPack, shipScan };

declare module 'vitest/browser' {
  interface BrowserCommands {
    shipOpen(target: 'ship' | 'demo', path: string, tags: string[]): Promise<string>;
    shipReport(id: string, timeoutMs?: number): Promise<TabReport>;
    shipEval(id: string, expression: string): Promise<unknown>;
    shipClose(id: string): Promise<void>;
    shipPack(script: string, tags: string[]): Promise<PackReport>;
    shipScan(tags: string[]): Promise<{ files: string[]; offending: string[] }>;
  }
}
