import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, formatRelativeTime } from '../../panel/src/i18n/format.js';
import { FALLBACK_LANGUAGE, formatMessage, resolveLanguage, setLocale, t, tn } from '../../panel/src/i18n/localize.js';

const DIR = new URL('../../panel/src/i18n/', import.meta.url);
const bundle = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
const en = bundle('en.json');
const locales = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

test('there is at least one translation besides English', () => {
  assert.ok(locales.includes('de.json'));
});

for (const file of locales) {
  test(`${file} has exactly the keys of en.json`, () => {
    const keys = Object.keys(bundle(file));
    const missing = Object.keys(en).filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !(k in en));
    assert.equal({ missing, extra }, { missing: [], extra: [] });
  });

  test(`${file} keeps every {placeholder} of the English text`, () => {
    const other = bundle(file);
    const names = (text: unknown): string[] => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    const differing = Object.keys(en).filter((k) => k in other && names(en[k]).join() !== names(other[k]).join());
    assert.equal(differing, []);
  });

  test(`${file} has only non-empty strings`, () => {
    assert.equal(Object.entries(bundle(file)).filter(([, v]) => typeof v !== 'string' || v.trim() === ''), []);
  });
}

test('a regional tag picks its language bundle and unknown languages fall back to English', () => {
  assert.is(resolveLanguage('de-AT'), 'de');
  assert.is(resolveLanguage('DE'), 'de');
  assert.is(resolveLanguage('pt-BR'), FALLBACK_LANGUAGE);
  assert.is(resolveLanguage('not a tag'), FALLBACK_LANGUAGE);
});

test('t translates, fills placeholders and follows the chosen locale', () => {
  setLocale('de-DE');
  assert.is(t('nav.schedules'), 'Zeitpläne');
  assert.is(t('entities.no_match', { query: 'pump' }), 'Keine Entität passt zu „pump“.');
  setLocale('en-GB');
  assert.is(t('nav.schedules'), 'Schedules');
});

test('plural forms follow Intl plural rules and format the count', () => {
  setLocale('en-US');
  assert.is(tn('entities.count', 1), '1 entity');
  assert.is(tn('entities.count', 1200), '1,200 entities');
  setLocale('de');
  assert.is(tn('entities.count', 0), '0 Entitäten');
  setLocale('en-US');
});

test('an unknown placeholder stays visible instead of vanishing', () => {
  assert.is(formatMessage('Hello {name} {missing}', { name: 'reef' }), 'Hello reef {missing}');
});

test('durations show the largest unit and the next one when non-zero', () => {
  setLocale('en-US');
  assert.is(formatDuration(2 * 86_400 + 3 * 3_600 + 59), '2d 3h');
  assert.is(formatDuration(3 * 3_600), '3h');
  assert.is(formatDuration(42), '42s');
  assert.is(formatDuration(0), '0s');
});

test('relative times count in the largest whole unit', () => {
  setLocale('en-US');
  const now = Date.parse('2026-03-29T12:00:00Z');
  assert.is(formatRelativeTime('2026-03-29T11:57:00Z', now), '3 minutes ago');
  assert.is(formatRelativeTime('2026-03-29T12:00:00Z', now), 'now');
  assert.is(formatRelativeTime('2026-03-30T12:00:00Z', now), 'tomorrow');
});

test.run();
