// Checks run inside a page (by the screenshot script and the shipping tests, through Playwright's
// page.evaluate / waitForFunction). Each is self-contained: it is serialised into the page.

/**
 * The state of every crm-lens view (any custom element but a feed) on the page: `loaded` when it drew
 * its data, else the kind of state message it shows (`loading`, `computing`, `error`, `unavailable`,
 * `empty`), or `undefined` when its tag is not registered.
 * @returns {{ tag: string, state: string, text: string }[]}
 */
export function viewStates() {
  return [...document.querySelectorAll('*')]
    .filter((el) => el.localName.includes('-') && !el.localName.endsWith('-feed'))
    .map((el) => {
      const root = customElements.get(el.localName) ? el.shadowRoot : null;
      if (!root) return { tag: el.localName, state: 'undefined', text: '' };
      const message = root.querySelector('[part~="state"]');
      const kind = message ? ([...message.classList].find((c) => c !== 'state') ?? 'state') : root.querySelector('.base') ? 'loaded' : 'blank';
      return { tag: el.localName, state: kind, text: (message?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 200) };
    });
}

/**
 * Whether there is at least one registered view and every registered view on the page has drawn its
 * data (tags that are not registered are left to the caller, who knows which ought to be).
 */
export function allViewsLoaded() {
  const views = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !el.localName.endsWith('-feed') && customElements.get(el.localName));
  return views.length > 0 && views.every((el) => el.shadowRoot?.querySelector('.base') && !el.shadowRoot.querySelector('[part~="state"]'));
}
