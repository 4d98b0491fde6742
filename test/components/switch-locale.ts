/**
 * For the shipping tests: a page expression that switches every view to zh-CN (which fetches the
 * zh-CN dictionary chunk) and returns each view's title once it has rendered again.
 */
export const SWITCH_TO_ZH = `(async () => {
  const views = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !el.localName.endsWith('-feed') && el.shadowRoot);
  for (const view of views) view.setAttribute('lang', 'zh-CN');
  await Promise.all(views.map((view) => view.updateComplete));
  return views.map((view) => view.shadowRoot.querySelector('[part~="title"]')?.textContent.trim() ?? '');
})()`;

/** Han characters: a title in Chinese has some. */
export const HAN = /\p{Script=Han}/u;

/** Paths of the zh-CN dictionary chunk among requested URLs. */
export const localeChunkRequests = (urls: readonly string[]): string[] =>
  urls.map((u) => new URL(u).pathname).filter((p) => /^\/dist\/assets\/locale-zh-CN-[\w-]+\.js$/.test(p));
