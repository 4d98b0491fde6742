/**
 * Locale resolution and message lookup. Widgets resolve their locale from their own `lang`, the
 * nearest ancestor with `lang` (crossing shadow roots), then the document; a host's `labels` map is
 * merged over the locale's dictionary (whitelabel wording, custom segment names).
 */
import { en, type MessageKey, type Messages } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';

/** Locales with a complete dictionary. */
export type LocaleId = 'en' | 'zh-CN';

const DICTIONARIES: Readonly<Record<LocaleId, Messages>> = { en, 'zh-CN': zhCN };

/** The supported locale that best matches a BCP 47 tag (`zh`, `zh-Hans-CN`, `zh-CN` -> zh-CN; else en). */
export function supportedLocale(tag: string | null | undefined): LocaleId {
  return tag && /^zh\b/i.test(tag) && !/^zh-(hant|tw|hk|mo)\b/i.test(tag) ? 'zh-CN' : 'en';
}

/** Host-given label overrides: any dictionary key, or a free key such as a custom segment name. */
export type LabelOverrides = Readonly<Record<string, string>>;

/** Message parameters, interpolated as text. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up messages of one locale with host overrides merged over it. */
export class Translator {
  /** The locale's dictionary plus overrides. */
  private readonly messages: Readonly<Record<string, string>>;

  constructor(
    /** The BCP 47 tag the element resolved (used for Intl formatting). */
    readonly tag: string,
    overrides: LabelOverrides = {},
  ) {
    this.locale = supportedLocale(tag);
    this.messages = { ...DICTIONARIES[this.locale], ...overrides };
  }

  /** The supported locale whose dictionary is used. */
  readonly locale: LocaleId;

  /** The message for a key with `{param}` placeholders filled in. */
  t(key: MessageKey, params?: MessageParams): string {
    return interpolate(this.messages[key] ?? en[key] ?? key, params);
  }

  /** The message for a dynamic key (segment, tier, KPI ids), or `fallback` when there is none. */
  maybe(key: string, fallback: string, params?: MessageParams): string {
    const message = this.messages[key];
    return message === undefined ? fallback : interpolate(message, params);
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

export { en, zhCN, type MessageKey, type Messages };
