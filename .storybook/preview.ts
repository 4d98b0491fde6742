import type { Preview } from '@storybook/web-components-vite';
import { defineCrmLens } from '../src/define.js';

// Called, not just imported: package.json declares "sideEffects": false, so a bare import of the
// registering entry would be tree-shaken away in the build.
defineCrmLens();

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};

export default preview;
