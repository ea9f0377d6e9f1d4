/**
 * The add-on options exist in four places: config.yaml's `options`/`schema` (what the Supervisor
 * enforces and shows), server/src/config (what the server reads), translations/ (the labels) and
 * DOCS.md. These tests keep them from drifting apart, bound by bound.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig, OPTION_NAMES } from '../../server/src/config.js';
import { addonConfig, parseSchemaType, readText, readYaml, ROOT, type SchemaType } from './addon-files.js';

const config = addonConfig();
const schemaKeys = Object.keys(config.schema);

interface Translations {
  configuration?: Record<string, { name?: string; description?: string }>;
}

/** The server's verdict on one option value: undefined when accepted, else its message. */
function serverVerdict(name: string, value: unknown): string | undefined {
  try {
    loadConfig({ SUPERVISOR_TOKEN: 'test' }, () => JSON.stringify({ [name]: value }), '0.0.0');
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const issue = error.issues.find((i) => i.path === `options.${name}` || i.path.startsWith(`options.${name}.`));
    assert.ok(issue, `unexpected issues: ${error.message}`);
    return issue.message;
  }
}

function accepts(name: string, value: unknown): boolean {
  return serverVerdict(name, value) === undefined;
}

/** Values on and just beyond each bound the Supervisor enforces; `ok` is the Supervisor's verdict. */
function probes(type: SchemaType): { value: unknown; ok: boolean }[] {
  switch (type.base) {
    case 'bool':
      return [{ value: true, ok: true }, { value: false, ok: true }, { value: 'yes', ok: false }];
    case 'port':
      return [{ value: 1, ok: true }, { value: 65535, ok: true }, { value: 0, ok: false }, { value: 65536, ok: false }];
    case 'int': {
      const out = [{ value: 1.5, ok: false }];
      if (type.min !== undefined) out.push({ value: type.min, ok: true }, { value: type.min - 1, ok: false });
      if (type.max !== undefined) out.push({ value: type.max, ok: true }, { value: type.max + 1, ok: false });
      return out;
    }
    case 'str':
    case 'password': {
      const out = [{ value: 'x'.repeat(Math.max(1, type.min ?? 1)), ok: true }];
      if (type.min !== undefined && type.min > 1) out.push({ value: 'x'.repeat(type.min - 1), ok: false });
      if (type.max !== undefined) out.push({ value: 'x'.repeat(type.max + 1), ok: false });
      return out;
    }
    case 'list':
      return [...type.values!.map((value) => ({ value, ok: true })), { value: 'not-a-choice', ok: false }];
    case 'match': {
      const pattern = new RegExp(type.pattern!);
      const samples = ['notify.mobile_app_pixel', 'notify.x', 'light.kitchen', 'notify.Bad', 'homeassistant', 'site/ha', 'a b', 'ha/#', '/ha', 'ha/'];
      return samples.map((value) => ({ value, ok: pattern.test(value) }));
    }
    default:
      throw new Error(`no probes for ${type.base}`);
  }
}

test('every schema option is read by the server, and the server reads no other', () => {
  assert.equal([...OPTION_NAMES].sort(), [...schemaKeys].sort());
});

test('every schema option has an English name and description', () => {
  const en = readYaml<Translations>('translations/en.yaml').configuration ?? {};
  for (const key of schemaKeys) {
    assert.ok(en[key]?.name, `translations/en.yaml: configuration.${key}.name is missing`);
    assert.ok(en[key]?.description, `translations/en.yaml: configuration.${key}.description is missing`);
  }
});

test('every translation covers exactly the schema options', () => {
  for (const file of readdirSync(join(ROOT, 'translations'))) {
    const translations = readYaml<Translations>(`translations/${file}`);
    assert.equal(Object.keys(translations).filter((k) => k !== 'configuration' && k !== 'network'), [], file);
    assert.equal(Object.keys(translations.configuration ?? {}).sort(), [...schemaKeys].sort(), file);
  }
});

test('every schema option has a DOCS.md section', () => {
  const docs = readText('DOCS.md');
  for (const key of schemaKeys) assert.ok(docs.includes(`### Option: \`${key}\``), `DOCS.md: no "### Option: \`${key}\`" section`);
});

test("config.yaml's defaults are the server's defaults", () => {
  const fromDefaults = loadConfig({ SUPERVISOR_TOKEN: 'test' }, () => '{}', '0.0.0').options;
  const fromConfigYaml = loadConfig({ SUPERVISOR_TOKEN: 'test' }, () => JSON.stringify(config.options), '0.0.0').options;
  assert.equal(fromConfigYaml, fromDefaults);
});

test('the server enforces the same bounds and choices as the Supervisor schema', () => {
  for (const [key, element] of Object.entries(config.schema)) {
    const type = parseSchemaType(element)!;
    for (const probe of probes(type)) {
      const value = type.many ? [probe.value] : probe.value;
      assert.is(accepts(key, value), probe.ok, `options.${key} = ${JSON.stringify(value)}: Supervisor says ${probe.ok ? 'valid' : 'invalid'}`);
    }
    if (type.optional) assert.ok(accepts(key, undefined), `options.${key} is optional`);
  }
});

test.run();
