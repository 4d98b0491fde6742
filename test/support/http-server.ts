/**
 * A real HTTP server on loopback for the browser tests' feed loading: each test registers a route
 * (body, status, headers, delay, drip, drop) through a control endpoint and points a feed at it.
 */
import { createServer, type Server } from 'node:http';
import type { TestProject } from 'vitest/node';

interface Route {
  status?: number;
  headers?: Record<string, string>;
  /** Body as text, or base64 when `base64` is set. */
  body?: string;
  base64?: boolean;
  delayMs?: number;
  /** Send the body in this many chunks, `dripMs` apart. */
  chunks?: number;
  dripMs?: number;
  /** Destroy the socket after sending this many bytes of the body. */
  dropAfterBytes?: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    feedServer: string;
  }
}

let server: Server;

export async function setup(project: TestProject): Promise<void> {
  // Each route is a queue: responses are served in order, the last one repeats.
  const routes = new Map<string, Route[]>();
  const hits = new Map<string, number>();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.end();
    if (url.pathname === '/__route' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { path, responses } = JSON.parse(body) as { path: string; responses: Route[] };
        routes.set(path, responses);
        hits.set(path, 0);
        res.end('ok');
      });
      return;
    }
    if (url.pathname === '/__hits') {
      res.setHeader('Content-Type', 'application/json');
      return void res.end(JSON.stringify(hits.get(url.searchParams.get('path') ?? '') ?? 0));
    }
    const queue = routes.get(url.pathname);
    if (!queue || queue.length === 0) {
      res.statusCode = 404;
      return void res.end('not found');
    }
    const n = hits.get(url.pathname) ?? 0;
    hits.set(url.pathname, n + 1);
    const route = queue[Math.min(n, queue.length - 1)];
    const send = () => {
      res.statusCode = route.status ?? 200;
      for (const [k, v] of Object.entries(route.headers ?? {})) res.setHeader(k, v);
      const body = Buffer.from(route.body ?? '', route.base64 ? 'base64' : 'utf8');
      if (route.dropAfterBytes !== undefined) {
        res.setHeader('Content-Length', String(body.length));
        res.write(body.subarray(0, route.dropAfterBytes));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      const chunks = Math.max(1, route.chunks ?? 1);
      const size = Math.ceil(body.length / chunks);
      let i = 0;
      const next = () => {
        if (i >= chunks) return void res.end();
        res.write(body.subarray(i * size, (i + 1) * size));
        i++;
        setTimeout(next, route.dripMs ?? 0);
      };
      next();
    };
    setTimeout(send, route.delayMs ?? 0);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('feed server has no port');
  project.provide('feedServer', `http://127.0.0.1:${address.port}`);
}

export async function teardown(): Promise<void> {
  // A request the browser still holds open must not keep vitest from closing.
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}
