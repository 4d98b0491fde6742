/**
 * Wording of the value quadrant's zoom and pan controls in each supported locale. Looked up through the
 * element's Translator, so a host's `labels` can override any of these keys like any other label.
 */
import { Translator, type LocaleId, type MessageParams } from '../../src/format/i18n.js';

const EN = {
  'quadrant.zoomControls': 'Zoom and pan',
  'quadrant.zoomIn': 'Zoom in',
  'quadrant.zoomOut': 'Zoom out',
  'quadrant.zoomReset': 'Reset zoom',
  'quadrant.pan': 'Pan (drag moves the view)',
  'quadrant.zoomLevel': 'Zoom {factor}×: current {x0}–{x1}, potential {y0}–{y1}',
  'quadrant.zoomHelp': 'Wheel, + and − zoom, 0 resets; Shift+drag or the pan button and drag, or Shift+arrows, move the view.',
} as const;

/** A key of the zoom wording. */
export type ZoomLabelKey = keyof typeof EN;

const ZOOM_LABELS: Readonly<Record<LocaleId, Readonly<Record<ZoomLabelKey, string>>>> = {
  en: EN,
  'zh-CN': {
    'quadrant.zoomControls': '缩放与平移',
    'quadrant.zoomIn': '放大',
    'quadrant.zoomOut': '缩小',
    'quadrant.zoomReset': '重置缩放',
    'quadrant.pan': '平移（拖动移动视图）',
    'quadrant.zoomLevel': '缩放 {factor}×：当前价值 {x0}–{x1}，潜在价值 {y0}–{y1}',
    'quadrant.zoomHelp': '滚轮、+ 和 − 缩放，0 重置；按住 Shift 拖动、或按平移按钮后拖动、或 Shift+方向键移动视图。',
  },
};

const builtIn = new Map<LocaleId, Translator>();

/** The zoom wording for `key` in the translator's locale (host labels win). */
export function zoomLabel(t: Translator, key: ZoomLabelKey, params?: MessageParams): string {
  let own = builtIn.get(t.locale);
  if (!own) builtIn.set(t.locale, (own = new Translator(t.locale, ZOOM_LABELS[t.locale])));
  return t.maybe(key, own.maybe(key, key, params), params);
}
