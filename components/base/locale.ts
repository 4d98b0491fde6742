/** Locale resolution: own `lang`, else the nearest ancestor's (crossing shadow roots), else the document's. */
import { loadLocale } from '../../src/format/translator.js';
import { warn } from './warnings.js';

/** The BCP 47 tag that applies to `el`. */
export function resolveLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/**
 * Runs an element's update once the dictionary of its locale is loaded (at once when it is), for a
 * Lit element's `scheduleUpdate`: the first paint is in the right language, never English first, and
 * `updateComplete` waits for it. A dictionary that cannot be fetched leaves the element in English,
 * with a warning.
 */
export function updateInLocale(el: Element, update: () => void | Promise<unknown>): void | Promise<unknown> {
  const lang = resolveLang(el);
  const loading = loadLocale(lang);
  if (!loading) return update();
  return loading.then(update, (error: unknown) => {
    warn('locale-unavailable', `the ${lang} dictionary could not be loaded (${error instanceof Error ? error.message : String(error)}); showing English`);
    return update();
  });
}
