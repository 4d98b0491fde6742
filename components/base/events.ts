/**
 * The DOM events of crm-lens elements, typed in `HTMLElementEventMap`. Widgets fire `crm-select` and
 * `crm-hover` (bubbling, composed); the feed fires `crm-feed-load`, `crm-feed-error`, `crm-feed-append`,
 * `crm-feed-state` and `crm-selection-change` and answers `crm-feed-request`.
 */
import type { FeedHandle } from '../../src/feed/controller.js';
import type { DatasetSummary, FeedFailure, FeedHover, FeedSelection, FeedState } from '../../src/feed/types.js';
import type { IngestReport } from '../../src/engine/ingest/types.js';

/** Detail of `crm-select`: the selected customers (ids), the view and the item; null clears. */
export type CrmSelectDetail = FeedSelection | null;

/** Detail of `crm-hover`: the hovered item, null when the pointer leaves. */
export type CrmHoverDetail = FeedHover;

/** Detail of `crm-feed-error`: what failed, the ingest report when rows were read, and whether the last good data is kept. */
export interface CrmFeedErrorDetail {
  readonly failure: FeedFailure;
  readonly report?: IngestReport;
  readonly stale: boolean;
}

/** Detail of `crm-feed-request`: the feed that answers fills in `feed`. */
export interface CrmFeedRequestDetail {
  feed?: FeedHandle;
}

/** Name of the event a widget dispatches to find its nearest ancestor feed. */
export const FEED_REQUEST = 'crm-feed-request';
/** Name of the event a feed dispatches when it connects (unresolved widgets retry then). */
export const FEED_CONNECTED = 'crm-feed-connected';

declare global {
  interface HTMLElementEventMap {
    'crm-select': CustomEvent<CrmSelectDetail>;
    'crm-hover': CustomEvent<CrmHoverDetail>;
    'crm-feed-request': CustomEvent<CrmFeedRequestDetail>;
    'crm-feed-connected': CustomEvent<void>;
    'crm-feed-state': CustomEvent<FeedState>;
    'crm-feed-load': CustomEvent<DatasetSummary>;
    'crm-feed-error': CustomEvent<CrmFeedErrorDetail>;
    'crm-feed-append': CustomEvent<IngestReport>;
    'crm-selection-change': CustomEvent<FeedSelection | null>;
  }
  interface DocumentEventMap {
    'crm-feed-connected': CustomEvent<void>;
  }
}
