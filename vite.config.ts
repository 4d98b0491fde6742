import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error plain JS helper shared with the scripts
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';

export default defineConfig({
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
          },
        },
      },
    ],
  },
});
