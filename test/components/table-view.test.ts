import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleCompany } from '../../src/engine/sample/generate.js';
import { axeViolations, cleanup, mount, route, shadow, waitFor } from './helpers.js';

afterEach(cleanup);

const VIEWS = ['crm-rfm-grid', 'crm-value-quadrant', 'crm-journey-map', 'crm-kpi-tiles', 'crm-churn-heatmap'];

describe('the table view of every widget', () => {
  it('shows the chart as a scrollable, labelled, axe-clean table, and back', async () => {
    const url = await route('company.json', [{ body: JSON.stringify(generateSampleCompany({ customers: 80, seed: 5, months: 12 })) }]);
    const root = mount(`<crm-feed src="${url}">${VIEWS.map((v) => `<${v}></${v}>`).join('')}</crm-feed>`);
    for (const tag of VIEWS) {
      const view = root.querySelector(tag)!;
      const toggle = await waitFor(() => shadow(view).querySelector<HTMLButtonElement>('[part="toolbar"] button[aria-pressed]'), 20000, `${tag} toolbar`);
      toggle.click();
      const wrap = await waitFor(() => shadow(view).querySelector<HTMLElement>('.table-wrap'), 5000, `${tag} table`);
      expect(wrap.getAttribute('role'), tag).toBe('region');
      expect(wrap.tabIndex, tag).toBe(0);
      expect(wrap.getAttribute('aria-label'), tag).toBe(wrap.querySelector('caption')!.textContent);
      expect(wrap.querySelectorAll('tbody tr').length, tag).toBeGreaterThan(0);
      expect(await axeViolations(view), tag).toEqual([]);
      toggle.click();
      await waitFor(() => !shadow(view).querySelector('.table-wrap'), 5000, `${tag} chart again`);
    }
  });
});
