// custom-elements.json from the elements' JSDoc (@summary @attr @prop @fires @slot @csspart
// @cssprop). The base class is analysed too, so every view inherits its attributes and events.
// `npm run build` passes --outdir; the manifest ships as `crm-lens/custom-elements.json`.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  litelement: true,
  packagejson: false,
};
