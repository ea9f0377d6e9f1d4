import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HA_THEME_VARIABLES, luminance, themeCss } from '../../panel/src/theme.js';

const css = themeCss();
const [light = '', dark = ''] = css.split('@media (prefers-color-scheme: dark)');

test("every token falls back to HA's own variable, then to HA's default value", () => {
  assert.ok(light.includes('--alm-primary-color: var(--primary-color, #009ac7);'));
  assert.ok(light.includes('--alm-card-border-color: var(--ha-card-border-color, var(--divider-color, var(--alm-divider-color)));'));
  assert.ok(light.includes('--alm-font-size-m: var(--ha-font-size-m, 14px);'));
});

test("dark tokens carry HA's dark theme values and can be forced by data-scheme", () => {
  assert.ok(dark.includes('--alm-primary-background-color: var(--primary-background-color, #111111);'));
  assert.ok(dark.includes('--alm-card-background-color: var(--card-background-color, #1c1c1c);'));
  assert.ok(css.includes(":root[data-scheme='dark']"));
  assert.ok(css.includes(":root:not([data-scheme='light'])"));
});

test('the variables copied from a parent HA frame are exactly those the tokens read', () => {
  const read = new Set([...css.matchAll(/var\(--(?!alm-)([\w-]+)/g)].map((m) => m[1]));
  assert.equal([...HA_THEME_VARIABLES].sort(), [...read].sort());
});

test("luminance tells HA's dark background from its light one", () => {
  assert.ok(luminance('#111111')! < 0.05);
  assert.ok(luminance('rgb(250, 250, 250)')! > 0.9);
  assert.is(luminance('var(--x)'), null);
});

test.run();
