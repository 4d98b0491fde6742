/**
 * Element registration that tolerates being loaded twice (two bundles, a micro-frontend and its
 * host): defining a tag again warns with the stable code `define-twice` instead of throwing.
 */
import { warn } from './warnings.js';

/** Defines `tag` as `ctor`, or as a fresh subclass when `ctor` is already registered under another tag. */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor && !(existing.prototype instanceof ctor)) {
      warn('define-twice', `<${tag}> is already defined by another copy of crm-lens; keeping the first definition`);
    }
    return;
  }
  // A constructor can back only one tag, so every further prefix gets its own subclass.
  const usedElsewhere = customElements.getName?.(ctor);
  customElements.define(tag, usedElsewhere ? class extends (ctor as typeof HTMLElement) {} : ctor);
}
