import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // One copy of Lit for the stories and the elements ("Multiple versions of Lit loaded" otherwise).
    const include = ['lit', 'lit/directives/style-map.js', 'lit/directive-helpers.js', '@tanstack/query-core', 'd3-scale', 'd3-shape', 'd3-array', 'd3-format', 'd3-sankey', 'zod'];
    viteConfig.optimizeDeps = { ...viteConfig.optimizeDeps, include: [...(viteConfig.optimizeDeps?.include ?? []), ...include] };
    return viteConfig;
  },
};

export default config;
