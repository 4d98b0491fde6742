/// <reference types="vite/client" />
/**
 * Documentation coverage, derived from the elements themselves: every attribute and property an
 * element declares (`elementProperties`), every event it dispatches, every CSS part and own custom
 * property its templates and styles use is documented in the element's JSDoc (@attr, @prop, @fires,
 * @csspart, @cssprop) and has a Storybook argType; every theme token and own custom property is listed
 * in docs/theming.md. Adding an attribute, event, part or property without documenting it fails here.
 */
import { describe, expect, it } from 'vitest';
import '../../src/index.js';
import { ELEMENTS } from '../../src/define.js';
import { CrmView } from '../../components/base/crm-view.js';
import { TOKENS } from '../../src/theme/tokens.js';

interface StoryModule {
  default: { component?: string; argTypes?: Record<string, { action?: string }> };
}

const SOURCES = import.meta.glob<string>('../../components/**/*.ts', { query: '?raw', import: 'default', eager: true });
const STORIES = import.meta.glob<StoryModule>('../../stories/**/*.stories.ts', { eager: true });
const THEMING = Object.values(import.meta.glob<string>('../../docs/theming.md', { query: '?raw', import: 'default', eager: true }))[0];

/** Files every view inherits its template pieces and events from. */
const BASE_FILES = ['crm-view.ts', 'states.ts', 'data-table.ts'].map((f) => `../../components/base/${f}`);
const TOKEN_NAMES = new Set(TOKENS.map((t) => t.name));

const source = (path: string) => SOURCES[path] ?? '';
const folderFiles = (folder: string) => Object.keys(SOURCES).filter((p) => p.startsWith(`../../components/${folder}/`));

/** Names after a JSDoc tag (`@attr name - ...`) in the given sources. */
function tagged(texts: readonly string[], tag: string): Set<string> {
  const out = new Set<string>();
  const re = new RegExp(`^\\s*\\*\\s*@${tag}\\s+([^\\s]+)`, 'gm');
  for (const text of texts) for (const m of text.matchAll(re)) out.add(m[1]);
  return out;
}

/** String constants exported by components/base/events.ts (event names dispatched by constant). */
const EVENT_CONSTANTS = Object.fromEntries([...source('../../components/base/events.ts').matchAll(/export const (\w+) = '([\w-]+)'/g)].map((m) => [m[1], m[2]]));

function dispatched(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/new CustomEvent\(\s*(?:'([\w-]+)'|(\w+))/g)) out.add(m[1] ?? EVENT_CONSTANTS[m[2]] ?? `unresolved ${m[2]}`);
  }
  return out;
}

function parts(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\spart="([^"$]+)"/g)) for (const p of m[1].split(/\s+/)) if (p) out.add(p);
  return out;
}

/** `--crm-*` custom properties a source uses that are not theme tokens (the element's own). */
function ownCustomProperties(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/--crm-[a-z0-9-]*[a-z0-9]/g)) if (!TOKEN_NAMES.has(m[0])) out.add(m[0]);
  return out;
}

function argTypesOf(tag: string): Record<string, { action?: string }> {
  const metas = Object.values(STORIES).filter((m) => m.default.component === tag);
  return Object.assign({}, ...metas.map((m) => m.default.argTypes ?? {}));
}

const missing = (want: Iterable<string>, have: (name: string) => boolean) => [...want].filter((name) => !have(name)).sort();

describe('documentation coverage', () => {
  for (const [folder, ctor] of Object.entries(ELEMENTS)) {
    const tag = `crm-${folder}`;
    const isView = ctor.prototype instanceof CrmView;
    const own = folderFiles(folder).map(source);
    const templates = [...own, ...(isView ? BASE_FILES.map(source) : [])];
    const docs = [source(`../../components/${folder}/${folder}.ts`), ...(isView ? [source('../../components/base/crm-view.ts')] : [])];
    const argTypes = argTypesOf(tag);

    describe(`<${tag}>`, () => {
      it('has a source file with JSDoc and a stories module', () => {
        expect(own.length).toBeGreaterThan(0);
        expect(tagged(docs, 'summary').size + tagged(docs, 'attr').size).toBeGreaterThan(0);
        expect(Object.keys(argTypes).length).toBeGreaterThan(0);
      });

      it('documents every attribute and property and has a control for every attribute', () => {
        const properties = (customElements.get(tag) as unknown as { elementProperties: Map<string, { attribute?: string | boolean }> }).elementProperties;
        const attributes = new Map<string, string>();
        const props: string[] = [];
        for (const [name, options] of properties) {
          if (options.attribute === false) props.push(name);
          else attributes.set(typeof options.attribute === 'string' ? options.attribute : name.toLowerCase(), name);
        }
        expect(attributes.size).toBeGreaterThan(0);
        const documented = tagged(docs, 'attr');
        expect(missing(attributes.keys(), (a) => documented.has(a)), 'attributes without @attr').toEqual([]);
        expect(missing(documented, (a) => attributes.has(a)), '@attr that the element does not have').toEqual([]);
        expect(missing(props, (p) => tagged(docs, 'prop').has(p)), 'properties without @prop').toEqual([]);
        expect(missing(attributes.values(), (p) => p in argTypes), 'attributes without a Storybook argType (keyed by property name)').toEqual([]);
      });

      it('documents every event it dispatches and logs it as a Storybook action', () => {
        const events = dispatched(own.concat(isView ? [source('../../components/base/crm-view.ts')] : []));
        expect(events.size).toBeGreaterThan(0);
        const documented = tagged(docs, 'fires');
        expect(missing(events, (e) => documented.has(e)), 'events without @fires').toEqual([]);
        const actions = new Set(Object.values(argTypes).map((a) => a.action));
        expect(missing(events, (e) => actions.has(e)), 'events without an action argType').toEqual([]);
      });

      it('documents every CSS part and lists it in the stories', () => {
        const used = parts(templates);
        expect(used.size).toBeGreaterThan(0);
        const documented = tagged(docs, 'csspart');
        expect(missing(used, (p) => documented.has(p)), 'parts without @csspart').toEqual([]);
        expect(missing(used, (p) => `part:${p}` in argTypes), 'parts without a part:<name> argType').toEqual([]);
      });

      it('documents its own custom properties, in JSDoc, as controls and in docs/theming.md', () => {
        const ownProps = ownCustomProperties(own);
        const documented = tagged(docs, 'cssprop');
        expect(missing(ownProps, (p) => documented.has(p)), 'custom properties without @cssprop').toEqual([]);
        expect(missing(documented, (p) => p in argTypes), '@cssprop without a control').toEqual([]);
        expect(missing(ownProps, (p) => THEMING.includes(`\`${p}\``)), 'custom properties missing from docs/theming.md').toEqual([]);
      });
    });
  }

  it('lists every theme token in docs/theming.md', () => {
    expect(TOKENS.length).toBeGreaterThan(30);
    expect(missing(TOKENS.map((t) => t.name), (name) => THEMING.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
