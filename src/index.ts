/**
 * crm-lens elements: importing this module registers every element with the `crm` prefix
 * (`<crm-feed>`, `<crm-rfm-grid>`, `<crm-kpi-tiles>`, ...). Use `crm-lens/define` to choose another
 * prefix instead.
 */
import { defineCrmLens } from './define.js';

defineCrmLens();

export { defineCrmLens, ELEMENTS, CrmFeed, CrmKpiTiles, CrmRfmGrid, CrmChurnHeatmap, CrmValueQuadrant, CrmJourneyMap, type DefineOptions } from './define.js';
export { CrmView, type AnalysisRequest, type ViewContext } from '../components/base/crm-view.js';
export type { CrmSelectDetail, CrmHoverDetail, CrmFeedErrorDetail } from '../components/base/events.js';
export type { AppendData } from './feed/load.js';
export { FeedController, type FeedHandle, type FeedOptions } from './feed/controller.js';
export { EngineClient, type EngineMode } from './feed/engine-client.js';
export type { FeedState, FeedSelection, FeedHover, FeedFailure, DatasetSummary } from './feed/types.js';
export { Translator, Formats, type LocaleId, type LabelOverrides } from './format/index.js';
export { TOKENS, themeStyles } from './theme/index.js';
