/**
 * Intl formatters, one per locale and set of options. Building one costs tens of microseconds
 * (a list of 100 schedules formats a few hundred instants, numbers and relative times per render);
 * formatting with a built one costs about one.
 */
/** Distinct (kind, locale, options) in use are few: zones × a handful of styles. The cap only bounds odd input. */
const MAX_ENTRIES = 256;
const cache = new Map<string, unknown>();

function cached<T>(kind: string, locale: string, options: object | undefined, make: (locale: string) => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options ?? {})}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    value = make(locale);
    cache.set(key, value);
  }
  return value;
}

export const dateTimeFormat = (locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('dt', locale, options, (l) => new Intl.DateTimeFormat(l, options));

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('num', locale, options, (l) => new Intl.NumberFormat(l, options));

export const relativeTimeFormat = (locale: string, options?: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat =>
  cached('rel', locale, options, (l) => new Intl.RelativeTimeFormat(l, options));

export const pluralRules = (locale: string): Intl.PluralRules => cached('plural', locale, undefined, (l) => new Intl.PluralRules(l));
