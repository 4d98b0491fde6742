import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCrmLens } from '../../src/define.js';
import { CrmRfmGrid } from '../../src/index.js';
import { cleanup, mount, ordersCsv, shadow, waitFor } from './helpers.js';

/** Every element the kit ships, by tag name without the prefix. */
const TAGS = ['feed', 'rfm-grid', 'kpi-tiles', 'value-quadrant', 'journey-map', 'churn-heatmap'];

afterEach(cleanup);

describe('element registration', () => {
  it('registers every element with the crm prefix on import', () => {
    for (const tag of TAGS.map((t) => `crm-${t}`)) expect(customElements.get(tag)).toBeDefined();
    expect(customElements.get('crm-rfm-grid')).toBe(CrmRfmGrid);
  });

  it('registers under another prefix, and the prefixed elements work together', async () => {
    expect([...defineCrmLens({ prefix: 'acme' })].sort()).toEqual(TAGS.map((t) => `acme-${t}`).sort());
    const root = mount(`<acme-feed><script type="text/csv">${ordersCsv(40, 31)}</script><acme-rfm-grid></acme-rfm-grid></acme-feed>`);
    const grid = root.querySelector('acme-rfm-grid')!;
    expect(grid).toBeInstanceOf(CrmRfmGrid);
    await waitFor(() => shadow(grid).querySelectorAll('rect.cell').length === 25, 8000, 'prefixed grid');
  });

  it('warns with a stable code instead of throwing when a tag is defined twice', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    customElements.define('zz-rfm-grid', class extends HTMLElement {});
    expect(() => defineCrmLens({ prefix: 'zz' })).not.toThrow();
    expect(warn.mock.calls.some(([m]) => String(m).startsWith('[crm-lens] define-twice:'))).toBe(true);
    expect(() => defineCrmLens({ prefix: 'crm' })).not.toThrow();
    warn.mockRestore();
  });

  it('rejects an invalid prefix', () => {
    expect(() => defineCrmLens({ prefix: 'Bad Prefix' })).toThrow(RangeError);
  });
});
