import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { shipCommands } from './test/support/build-commands.js';
// @ts-expect-error plain JS helper shared with the scripts
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';

export default defineConfig({
  // Pre-bundled up front so a cold cache does not make Vite re-optimise (and reload) mid-run.
  optimizeDeps: {
    include: [
      'lit',
      'lit/directives/style-map.js',
      '@tanstack/query-core',
      'd3-array',
      'd3-scale',
      'd3-sankey',
      'zod',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts', 'test/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['test/components/**/*.test.ts'],
          globalSetup: ['test/support/http-server.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: findChromium(), args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
            // Build, pack and serve the package for the shipping tests (bundle, embedding, demo).
            commands: shipCommands,
          },
        },
      },
    ],
  },
});
