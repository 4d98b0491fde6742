// Checks run inside a page (by the screenshot script and the shipping tests, through Playwright's
// page.evaluate / waitForFunction). Each is self-contained: it is serialised into the page.

/**
 * The state of every crm-lens view on the page: `loaded` (a chart or table is drawn), else the kind of
 * state message it shows (`loading`, `computing`, `error`, `unavailable`, `empty`), or `undefined` when
 * its tag is not registered. Feeds are not views and are left out.
 * @returns {{ tag: string, state: string, text: string }[]}
 */
export function viewStates() {
  const views = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !el.localName.endsWith('-feed') && el.closest('[data-crm-views], .dashboard, body'));
  return views
    .filter((el) => customElements.get(el.localName) ? !!el.shadowRoot : /^[a-z]+-(rfm|kpi|value|journey|churn)/.test(el.localName))
    .map((el) => {
      if (!customElements.get(el.localName)) return { tag: el.localName, state: 'undefined', text: '' };
      const root = el.shadowRoot;
      const message = root.querySelector('[part~="state"]');
      const drawn = root.querySelector('.base') && !message;
      const kind = message ? [...message.classList].find((c) => c !== 'state') ?? 'state' : 'loaded';
      return { tag: el.localName, state: drawn ? 'loaded' : kind, text: (message?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 200) };
    });
}

/** Whether there is at least one view and every view on the page has drawn its data. */
export function allViewsLoaded() {
  const views = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !el.localName.endsWith('-feed') && el.shadowRoot && customElements.get(el.localName));
  return views.length > 0 && views.every((el) => el.shadowRoot.querySelector('.base') && !el.shadowRoot.querySelector('[part~="state"]'));
}
