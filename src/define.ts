/**
 * Registers the crm-lens elements under a tag prefix of your choice, for whitelabeling or to run two
 * copies side by side: `defineCrmLens({ prefix: 'acme' })` defines `<acme-feed>`, `<acme-rfm-grid>`,
 * ... Defining a tag that already exists warns (`[crm-lens] define-twice`) instead of throwing.
 */
import { defineElement } from '../components/base/register.js';
import { CrmFeed } from '../components/feed/feed.js';
import { CrmKpiTiles } from '../components/kpi-tiles/kpi-tiles.js';
import { CrmRfmGrid } from '../components/rfm-grid/rfm-grid.js';
import { CrmChurnHeatmap } from '../components/churn-heatmap/churn-heatmap.js';
import { CrmValueQuadrant } from '../components/value-quadrant/value-quadrant.js';
import { CrmJourneyMap } from '../components/journey-map/journey-map.js';

/** Every element, by tag name without the prefix. */
export const ELEMENTS: Readonly<Record<string, CustomElementConstructor>> = {
  feed: CrmFeed,
  'rfm-grid': CrmRfmGrid,
  'kpi-tiles': CrmKpiTiles,
  'churn-heatmap': CrmChurnHeatmap,
  'value-quadrant': CrmValueQuadrant,
  'journey-map': CrmJourneyMap,
};

/** Options of {@link defineCrmLens}. */
export interface DefineOptions {
  /** Tag prefix (default `crm`): lowercase letters, digits and hyphens, starting with a letter. */
  readonly prefix?: string;
}

/** Registers every element as `<prefix>-<name>`; returns the tag names. */
export function defineCrmLens(options: DefineOptions = {}): string[] {
  const prefix = options.prefix ?? 'crm';
  if (!/^[a-z][a-z0-9-]*$/.test(prefix)) throw new RangeError(`invalid tag prefix "${prefix}": use lowercase letters, digits and hyphens`);
  return Object.entries(ELEMENTS).map(([name, ctor]) => {
    const tag = `${prefix}-${name}`;
    defineElement(tag, ctor);
    return tag;
  });
}

export { CrmFeed, CrmKpiTiles, CrmRfmGrid, CrmChurnHeatmap, CrmValueQuadrant, CrmJourneyMap };
