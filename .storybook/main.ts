import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { demoDataMiddleware } from '../scripts/build/demo-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // One copy of Lit for the stories and the elements ("Multiple versions of Lit loaded" otherwise).
    const include = ['lit', 'lit/directives/style-map.js', 'lit/directives/until.js', 'lit/directive-helpers.js', '@tanstack/query-core', 'd3-array', 'd3-sankey', 'zod'];
    viteConfig.optimizeDeps = { ...viteConfig.optimizeDeps, include: [...(viteConfig.optimizeDeps?.include ?? []), ...include] };
    // The reference data sets (CDNOW) are served from $CRM_LENS_DATA (default ../shared/data) under
    // /__data/, never copied into the project or the static build; the CDNOW stories say when they are absent.
    const data = demoDataMiddleware(root);
    viteConfig.plugins = [
      ...(viteConfig.plugins ?? []),
      {
        name: 'crm-lens-reference-data',
        configureServer: (server) => void server.middlewares.use(data),
        configurePreviewServer: (server) => void server.middlewares.use(data),
      },
    ];
    return viteConfig;
  },
};

export default config;
