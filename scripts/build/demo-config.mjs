// The vite configuration of the demo portal (`npm start`, `npm run preview`): demo/ is the site root,
// the kit's source is imported from the project, the reference data comes through the middleware.
import { resolve } from 'node:path';
import { demoDataMiddleware } from './demo-data.mjs';

/**
 * @param {string} root project root
 * @param {{ port?: number, outDir?: string }} options
 */
export function demoConfig(root, { port = 5173, outDir = resolve(root, 'node_modules/.cache/crm-lens-demo') } = {}) {
  const data = demoDataMiddleware(root);
  return {
    configFile: false,
    root: resolve(root, 'demo'),
    base: './',
    logLevel: 'info',
    cacheDir: resolve(root, 'node_modules/.vite/demo'),
    publicDir: false,
    worker: { format: 'es' },
    // Found up front, so the first page load is not interrupted by a dependency re-optimisation.
    optimizeDeps: {
      include: ['lit', 'lit/directives/style-map.js', 'lit/directives/class-map.js', '@tanstack/query-core', 'zod', 'd3-scale', 'd3-shape', 'd3-array', 'd3-format', 'd3-sankey'],
    },
    server: { host: '127.0.0.1', port, strictPort: false, fs: { allow: [root] } },
    preview: { host: '127.0.0.1', port, strictPort: false },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    plugins: [
      {
        name: 'crm-lens-demo-data',
        configureServer: (server) => void server.middlewares.use(data),
        configurePreviewServer: (server) => void server.middlewares.use(data),
      },
    ],
  };
}
