// custom-elements.json from the elements' JSDoc (@summary @attr @prop @fires @slot @csspart
// @cssprop). The base class is analysed too, so every view inherits its attributes and events.
// `npm run build` passes --outdir; the manifest ships as `crm-lens/custom-elements.json`.
import { shippedElements } from './scripts/build/elements.mjs';

const root = new URL('.', import.meta.url).pathname;

/**
 * Elements are registered by src/define.ts (under a prefix of the user's choice), not by their own
 * modules, so the analyser cannot see their tag names: this plugin gives each class its default tag
 * (`crm-<name>`), marks it a custom element and adds the definition export, and marks the abstract
 * base as not an element.
 */
function tagNames() {
  const tags = new Map(shippedElements(root).map((e) => [e.className, `crm-${e.name}`]));
  return {
    name: 'crm-lens-tag-names',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const tag = tags.get(declaration.name);
          if (!tag) {
            delete declaration.customElement;
            continue;
          }
          declaration.tagName = tag;
          declaration.customElement = true;
          mod.exports = [
            ...(mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
            { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: mod.path } },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  litelement: true,
  packagejson: false,
  plugins: [tagNames()],
};
