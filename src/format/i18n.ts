/**
 * Locales for Node (the CLI, reports): the widgets' {@link BaseTranslator} with every dictionary
 * loaded up front, so any locale translates at once. Widgets use `translator.ts`, which loads a
 * dictionary only when a page needs it.
 */
import { Translator as BaseTranslator, type LabelOverrides } from './translator.js';
import { en } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';

const EVERY_DICTIONARY = { en, 'zh-CN': zhCN } as const;

/** A {@link BaseTranslator} with every dictionary at hand: nothing to load first. */
export class Translator extends BaseTranslator {
  constructor(tag: string, overrides: LabelOverrides = {}) {
    super(tag, overrides, EVERY_DICTIONARY);
  }
}

export { supportedLocale, slug, segmentName, MESSAGE_KEYS, en, type LocaleId, type LabelOverrides, type MessageParams, type MessageKey, type Messages } from './translator.js';
export { zhCN };
