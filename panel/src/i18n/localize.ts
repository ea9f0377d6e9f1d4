/**
 * Panel strings: keyed bundles (`en.json`, `de.json`) with English as the fallback for a missing
 * key or language. The language follows HA's UI language when the panel runs in a same-origin
 * HA frame, else the browser's.
 */
import en from './en.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };
import { haLanguage } from '../host.js';
import { numberFormat, pluralRules } from './intl-cache.js';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
/** Keys with plural forms, named without the `_one`/`_other` suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
export type Params = Record<string, string | number>;

/** English is complete by definition; every other bundle is checked against it by a test. */
export const FALLBACK_LANGUAGE = 'en';
export const BUNDLES: Readonly<Record<string, Partial<Messages>>> = { en, de };

let locale = FALLBACK_LANGUAGE;
let messages: Partial<Messages> = en;

/** The bundle language for a BCP 47 tag: `de-AT` → `de`; anything unknown → English. */
export function resolveLanguage(tag: string): string {
  const lower = tag.toLowerCase();
  if (BUNDLES[lower]) return lower;
  const base = lower.split(/[-_]/)[0] ?? '';
  return BUNDLES[base] ? base : FALLBACK_LANGUAGE;
}

/** HA's language when readable, else the browser's. */
export function detectLocale(win: Window = window): string {
  return haLanguage(win) ?? win.navigator.language ?? FALLBACK_LANGUAGE;
}

/** Switches strings and Intl formatting to `tag`; returns the bundle language used. */
export function setLocale(tag: string): string {
  const language = resolveLanguage(tag);
  try {
    locale = Intl.getCanonicalLocales(tag)[0] ?? language;
  } catch {
    locale = language; // not a valid tag: format in the bundle's language
  }
  messages = BUNDLES[language] ?? en;
  return language;
}

/** The BCP 47 tag used for dates and numbers. */
export function currentLocale(): string {
  return locale;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible, to be noticed. */
export function formatMessage(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The message for `key` in the current language, falling back to English. */
export function t(key: MessageKey, params?: Params): string {
  return formatMessage(messages[key] ?? en[key], params);
}

/** The plural form of `key` for `count` (Intl plural rules); `{count}` is filled in. */
export function tn(key: PluralKey, count: number, params: Params = {}): string {
  const rule = pluralRules(locale).select(count);
  const form = `${key}_${rule}`;
  const chosen = (isMessageKey(form) ? form : `${key}_other`) as MessageKey;
  const formatted = numberFormat(locale).format(count);
  return t(chosen, { ...params, count: formatted });
}

/** Whether a key built at runtime (e.g. `domain.${domain}`) exists. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
