// Builds the React and Vue examples against the built package (run `npm run build` first):
//   npx vite build --config examples/vite.config.mjs
// `crm-lens` resolves to dist/ as it would from node_modules; Vue is its full build (the examples
// compile their templates in the browser, where `isCustomElement` applies).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = process.env.CRM_LENS_DIST ?? resolve(here, '../dist');

export default {
  root: here,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  resolve: {
    alias: [
      { find: /^crm-lens$/, replacement: resolve(dist, 'index.js') },
      { find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' },
    ],
  },
  define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  worker: { format: 'es' },
  build: {
    outDir: process.env.CRM_LENS_EXAMPLES_OUT ?? resolve(here, '../dist-examples'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: { react: resolve(here, 'react/index.html'), vue: resolve(here, 'vue/index.html') } },
  },
};
