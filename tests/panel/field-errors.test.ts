/**
 * Field errors in the panel's language: every code the server may send has a text in every
 * bundle; German shows German built from the code and its params, English the server's own
 * message; and in the real editor (Chromium, German browser) a save without a name or target
 * marks both fields in German.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldErrorText } from '../../panel/src/error-message.js';
import { setLocale } from '../../panel/src/i18n/localize.js';
import { PROBLEM_CODES } from '../../server/src/domain/problem-codes.js';
import { startSchedulesUi } from '../helpers/schedules-ui.js';

const bundle = (file: string): Record<string, string> => JSON.parse(readFileSync(new URL(`../../panel/src/i18n/${file}`, import.meta.url), 'utf8'));

test('every code the server sends has a text (but "invalid", which shows the server\'s message)', () => {
  const en = bundle('en.json');
  const missing = PROBLEM_CODES.filter((code) => code !== 'invalid' && !(`field_error.${code}` in en));
  assert.equal(missing, []);
  const stale = Object.keys(en).filter((k) => k.startsWith('field_error.') && !(PROBLEM_CODES as readonly string[]).includes(k.slice('field_error.'.length)));
  assert.equal(stale, [], 'texts for codes the server no longer has');
});

test('German from the code and params; English keeps the server\'s specific message; unknown codes fall back', () => {
  const error = { path: 'action.percent', message: 'must be at most 100 %', code: 'too_large' as const, params: { max: 100 } };
  setLocale('de-DE');
  assert.is(fieldErrorText(error), 'Darf höchstens 100 sein');
  assert.is(fieldErrorText({ path: 'target.entity_id.0', message: 'Home Assistant has no entity light.x', code: 'unknown_entity', params: { entity_id: 'light.x' } }), 'Home Assistant hat keine Entität light.x');
  assert.is(fieldErrorText({ path: 'x', message: 'something new', code: 'invalid' }), 'something new');
  assert.is(fieldErrorText({ path: 'x', message: 'from a newer server' }), 'from a newer server');
  setLocale('en-US');
  assert.is(fieldErrorText(error), 'must be at most 100 %');
});

test('the editor in a German browser marks a missing name and target in German', async () => {
  const ui = await startSchedulesUi();
  try {
    const page = await ui.open('#/schedules/new?template=blank', { locale: 'de-DE' });
    await page.locator('alm-schedule-form #name').waitFor();
    await page.locator('alm-schedule-editor-page alm-button.save').click();
    await page.locator('alm-schedule-form .error', { hasText: 'Dieses Feld ist erforderlich' }).waitFor();
    await page.locator('alm-target-picker .error', { hasText: 'Wähle, worauf dies wirkt' }).waitFor();
    assert.is(await page.locator('alm-schedule-form .error', { hasText: 'give the schedule a name' }).count(), 0, 'no English left');
    await ui.browser.screenshot(page, 'editor-errors-de');
    await page.context().close();
  } finally {
    await ui.close();
  }
});

test.run();
