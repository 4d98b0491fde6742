/** Locale resolution: own `lang`, else the nearest ancestor's (crossing shadow roots), else the document's. */

/** The BCP 47 tag that applies to `el`. */
export function resolveLang(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang')!;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}
