/**
 * Shared by the shipping tests: the registered view tags, and expressions evaluated in a tab opened by
 * the ship commands (test/support/build-commands.ts).
 */
import { ELEMENTS } from '../../src/define.js';

/** Every registered view's tag (the feed is not a view). */
export const VIEW_TAGS = Object.keys(ELEMENTS)
  .filter((name) => name !== 'feed')
  .map((name) => `crm-${name}`);

/**
 * Clicks the first RFM grid cell that has customers (in the tab); evaluates to that cell's customer
 * count.
 */
export const CLICK_RFM_CELL = `(() => {
  const grid = document.querySelector('crm-rfm-grid');
  const cell = [...grid.shadowRoot.querySelectorAll('rect.cell')].find((r) => Number(r.dataset.customers) > 0);
  cell.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  return Number(cell.dataset.customers);
})()`;

/** Evaluates (after `ms` milliseconds) to the trimmed text of the element matching `selector`. */
export const textAfter = (selector: string, ms = 300): string =>
  `new Promise((done) => setTimeout(() => done(document.querySelector(${JSON.stringify(selector)})?.textContent.trim() ?? null), ${ms}))`;
