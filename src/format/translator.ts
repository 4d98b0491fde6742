/**
 * Locale resolution and message lookup. Widgets resolve their locale from their own `lang`, the
 * nearest ancestor with `lang` (crossing shadow roots), then the document; a host's `labels` map is
 * merged over the locale's dictionary (whitelabel wording, custom segment names).
 *
 * English is always here; other dictionaries are modules of their own, loaded by {@link loadLocale}
 * when a widget first needs one, so an English page never downloads them. (`i18n.ts` has every
 * dictionary loaded up front, for Node.)
 */
import { en, type MessageKey, type Messages } from './locales/en.js';

/** Locales with a complete dictionary. */
export type LocaleId = 'en' | 'zh-CN';

/** Dictionaries by locale; a missing one translates to English. */
export type Dictionaries = Readonly<Partial<Record<LocaleId, Messages>>>;

/** The dictionaries loaded so far. */
const loaded: Partial<Record<LocaleId, Messages>> = { en };

/** How to fetch each dictionary but English. */
const LOADERS: Readonly<Record<Exclude<LocaleId, 'en'>, () => Promise<Messages>>> = {
  'zh-CN': () => import('./locales/zh-CN.js').then((m) => m.zhCN),
};

const loading = new Map<LocaleId, Promise<void>>();

/**
 * Loads the dictionary of the locale `tag` resolves to. Undefined when it is already loaded (so a
 * caller can render at once); else a promise that settles once a {@link Translator} for the tag
 * translates, or, if the dictionary could not be fetched, rejects with why (Translators then stay
 * English). Each dictionary is fetched once.
 */
export function loadLocale(tag: string): Promise<void> | undefined {
  const locale = supportedLocale(tag);
  if (locale === 'en' || loaded[locale]) return undefined;
  let pending = loading.get(locale);
  if (!pending) {
    pending = LOADERS[locale]().then((messages) => {
      loaded[locale] = messages;
    });
    loading.set(locale, pending);
  }
  return pending;
}

/** The supported locale that best matches a BCP 47 tag (`zh`, `zh-Hans-CN`, `zh-CN` -> zh-CN; else en). */
export function supportedLocale(tag: string | null | undefined): LocaleId {
  return tag && /^zh\b/i.test(tag) && !/^zh-(hant|tw|hk|mo)\b/i.test(tag) ? 'zh-CN' : 'en';
}

/** Host-given label overrides: any dictionary key, or a free key such as a custom segment name. */
export type LabelOverrides = Readonly<Record<string, string>>;

/** Message parameters, interpolated as text. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up messages of one locale, host overrides first. */
export class Translator {
  /** The locale's dictionary (English when it has none) and the overrides, looked up in that order. */
  private readonly dictionary: Readonly<Record<string, string>>;
  private readonly overrides: LabelOverrides;

  constructor(
    /** The BCP 47 tag the element resolved (used for Intl formatting). */
    readonly tag: string,
    overrides: LabelOverrides = {},
    /** Where to find the locale's dictionary (default: those {@link loadLocale} has loaded). */
    dictionaries: Dictionaries = loaded,
  ) {
    this.locale = supportedLocale(tag);
    // Kept apart, not merged: views make a Translator per render, and a merge copies every message.
    this.dictionary = dictionaries[this.locale] ?? en;
    this.overrides = overrides;
  }

  /** The supported locale whose dictionary is used. */
  readonly locale: LocaleId;

  /** The message for a key with `{param}` placeholders filled in. */
  t(key: MessageKey, params?: MessageParams): string {
    return interpolate(this.message(key) ?? en[key] ?? key, params);
  }

  /** The message for a dynamic key (segment, tier, KPI ids), or `fallback` when there is none. */
  maybe(key: string, fallback: string, params?: MessageParams): string {
    const message = this.message(key);
    return message === undefined ? fallback : interpolate(message, params);
  }

  /** The override for `key`, else the dictionary's message (undefined when neither has one). */
  private message(key: string): string | undefined {
    return this.overrides[key] ?? this.dictionary[key];
  }
}

function interpolate(message: string, params?: MessageParams): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Stable key slug of a display name: "Can't Lose Them" -> "cant-lose-them". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The localised name of a segment given by its rule-set name (English) or slug. */
export function segmentName(t: Translator, name: string): string {
  return t.maybe(`segment.${slug(name)}`, name);
}

/** Every key of the English dictionary, for completeness checks. */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

export { en, type MessageKey, type Messages };
