/** Locales and Intl formatting for the widgets. */
export { Translator, supportedLocale, slug, segmentName, MESSAGE_KEYS, type LocaleId, type LabelOverrides, type MessageParams } from './i18n.js';
export { en, type MessageKey, type Messages } from './locales/en.js';
export { zhCN } from './locales/zh-CN.js';
export { Formats } from './numbers.js';
