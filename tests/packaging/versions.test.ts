/**
 * One version everywhere: config.yaml (what the Supervisor offers as an update), package.json
 * (what the server reports), the top released CHANGELOG.md heading (what the update dialog shows)
 * and the Dockerfile's default image label.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addonConfig, readText, ROOT } from './addon-files.js';

const configVersion = addonConfig().version;

test('config.yaml version is a quoted x.y.z string', () => {
  assert.type(configVersion, 'string');
  assert.match(configVersion, /^\d+\.\d+\.\d+$/);
});

test('config.yaml version equals package.json version', () => {
  const pkg = JSON.parse(readText('package.json')) as { version: string };
  assert.is(configVersion, pkg.version);
});

test('config.yaml version equals the top released CHANGELOG.md entry', () => {
  assert.ok(existsSync(join(ROOT, 'CHANGELOG.md')), 'CHANGELOG.md is missing (Keep a Changelog format, with a "## [x.y.z] - YYYY-MM-DD" section per release)');
  const headings = [...readText('CHANGELOG.md').matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => ({ name: m[1]!, rest: m[2]! }));
  const released = headings.filter((h) => h.name.toLowerCase() !== 'unreleased');
  assert.ok(released.length > 0, 'CHANGELOG.md has no "## [x.y.z] - YYYY-MM-DD" heading');
  assert.is(released[0]!.name, configVersion, 'the top released CHANGELOG.md heading must be the config.yaml version');
  assert.match(released[0]!.rest, /^ - \d{4}-\d{2}-\d{2}$/, 'a released heading carries its date: "## [x.y.z] - YYYY-MM-DD"');
});

test("the Dockerfile's default BUILD_VERSION equals config.yaml version", () => {
  const arg = /^ARG BUILD_VERSION=(\S+)$/m.exec(readText('Dockerfile'));
  assert.ok(arg, 'Dockerfile: ARG BUILD_VERSION=<version> is missing');
  assert.is(arg[1], configVersion);
});

test.run();
