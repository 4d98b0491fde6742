/**
 * JSX types of the crm-lens tags for React 19: attributes as strings, properties typed from the
 * element classes, events as `on<event>` props (React 19 adds listeners for `on` props of custom
 * elements by event name).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CrmChurnHeatmap, CrmFeed, CrmJourneyMap, CrmKpiTiles, CrmRfmGrid, CrmSelectDetail, CrmValueQuadrant } from 'crm-lens';

type Element<T extends HTMLElement, Extra = object> = DetailedHTMLProps<HTMLAttributes<T>, T> & {
  class?: string;
  feed?: string;
  lang?: string;
  theme?: 'light' | 'dark';
  currency?: string;
  labels?: string;
  'as-of'?: string;
  'hide-toolbar'?: boolean;
  'oncrm-select'?: (event: CustomEvent<CrmSelectDetail>) => void;
} & Extra;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'crm-feed': DetailedHTMLProps<HTMLAttributes<CrmFeed>, CrmFeed> & {
        src?: string;
        map?: string;
        'as-of'?: string;
        refresh?: number;
        'show-status'?: boolean;
        data?: unknown;
        'oncrm-selection-change'?: (event: CustomEvent) => void;
      };
      'crm-kpi-tiles': Element<CrmKpiTiles, { metrics?: string; period?: 'month' | 'quarter' | 'year'; targets?: string }>;
      'crm-rfm-grid': Element<CrmRfmGrid, { 'color-by'?: 'customers' | 'revenue' | 'monetary'; view?: 'grid' | 'list'; rules?: string }>;
      'crm-value-quadrant': Element<CrmValueQuadrant, { weights?: string; thresholds?: string; potential?: 'auto' | 'model' | 'field' | 'attributes'; 'window-months'?: number; 'current-value'?: 'revenue' | 'margin' }>;
      'crm-journey-map': Element<CrmJourneyMap, { mode?: 'map' | 'funnel'; unit?: 'month' | 'week' | 'quarter'; periods?: number; sentiment?: 'nps' | 'csat' }>;
      'crm-churn-heatmap': Element<CrmChurnHeatmap, { mode?: 'cohort' | 'risk'; period?: 'month' | 'week' | 'quarter'; measure?: 'retention' | 'on-or-after'; 'group-by'?: string }>;
    }
  }
}
