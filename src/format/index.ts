/** Locales and Intl formatting for the widgets. */
export { Translator, loadLocale, supportedLocale, slug, segmentName, MESSAGE_KEYS, type LocaleId, type LabelOverrides, type MessageParams, type Dictionaries } from './translator.js';
export { en, type MessageKey, type Messages } from './locales/en.js';
export { Formats } from './numbers.js';
