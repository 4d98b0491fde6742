/**
 * How a widget finds its feed: `feed="id"` names one (looked up in the widget's tree, then the
 * document), else the nearest ancestor feed answers a composed, bubbling `crm-feed-request` event
 * (the context-protocol pattern, without a dependency). A feed that connects later announces itself
 * with `crm-feed-connected`, and unresolved widgets ask again.
 */
import type { FeedHandle } from '../../src/feed/controller.js';
import { FEED_REQUEST, type CrmFeedRequestDetail } from './events.js';

/** An element that provides a feed (`<crm-feed>` under any prefix). */
export interface FeedProvider extends HTMLElement {
  readonly feedHandle: FeedHandle;
}

function isProvider(el: Element | null): el is FeedProvider {
  return !!el && 'feedHandle' in el;
}

/** The feed of `widget`: the one named by `id`, or the nearest ancestor's; undefined if none yet. */
export function findFeed(widget: HTMLElement, id: string | undefined): FeedHandle | undefined {
  if (id) {
    const root = widget.getRootNode() as Document | ShadowRoot;
    const named = root.getElementById?.(id) ?? document.getElementById(id);
    return isProvider(named) ? named.feedHandle : undefined;
  }
  const detail: CrmFeedRequestDetail = {};
  widget.dispatchEvent(new CustomEvent(FEED_REQUEST, { bubbles: true, composed: true, detail }));
  return detail.feed;
}
