/**
 * config.yaml as the add-on linter and the Supervisor read it (addon-conventions.md §1, §6.1):
 * the linter's JSON Schema with ajv, the linter's extra rules, and the Supervisor rules the
 * schema does not cover. A config.yaml the Supervisor rejects makes the add-on vanish from the
 * store with no message in the UI, so every rule here is one that would otherwise fail silently.
 */
import { Ajv } from 'ajv';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PORT } from '../../server/src/config.js';
import { addonConfig, parseSchemaType, readText, repositoryFiles } from './addon-files.js';

const config = addonConfig();
const linterSchema = JSON.parse(readText('tests/fixtures/addon-config.schema.json')) as {
  properties: Record<string, { default?: unknown }>;
};

/** The Supervisor's port when `ingress_port` is left out (supervisor/apps/const.py). */
const SUPERVISOR_DEFAULT_INGRESS_PORT = 8099;
/** supervisor/apps/validate.py: the Docker stop timeout must be within 10–300 s. */
const TIMEOUT_RANGE = [10, 300] as const;

test('config.yaml is valid against the add-on linter schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The linter validates these formats with python's jsonschema; these are equivalent checks.
  ajv.addFormat('uri-reference', { validate: (value: string) => URL.canParse(value) });
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  const validate = ajv.compile(linterSchema);
  const valid = validate(config);
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  assert.ok(valid, errors.join('\n'));
});

test('no key repeats a default value (the linter rejects that)', () => {
  const redundant = Object.entries(config).filter(([key, value]) => {
    const property = linterSchema.properties[key];
    return property && 'default' in property && isDeepStrictEqual(property.default, value);
  });
  assert.equal(redundant.map(([key]) => key), []);
});

test("the linter's extra rules hold", () => {
  assert.not.ok('watchdog' in config, 'watchdog is obsolete: the Dockerfile HEALTHCHECK replaces it');
  assert.not.ok('webui' in config && config.ingress, 'webui must not be combined with ingress');
  assert.not.ok(config.backup === 'cold' && ('backup_pre' in config || 'backup_post' in config), 'backup_pre/post are ignored with backup: cold');
  assert.not.ok('codenotary' in config, 'codenotary is dead');
  assert.not.ok('advanced' in config, 'advanced is ignored since Supervisor 2026.03');
});

test('the Supervisor accepts name, slug, arch, url, timeout and image', () => {
  for (const key of ['name', 'version', 'slug', 'description', 'arch']) assert.ok(config[key], `${key} is required`);
  assert.match(config.slug, /^[-_.A-Za-z0-9]+$/);
  assert.equal([...config.arch].sort(), ['aarch64', 'amd64'], 'only aarch64 and amd64 are supported since HA 2025.12');
  assert.ok(config.url && URL.canParse(config.url), 'url must be a valid URL');
  if (config.timeout !== undefined) assert.ok(config.timeout >= TIMEOUT_RANGE[0] && config.timeout <= TIMEOUT_RANGE[1]);
  if (config.image !== undefined) assert.not.match(config.image, /:/, 'image must not carry a tag');
  assert.type(config.version, 'string');
});

test('Ingress reaches the port the server listens on by default', () => {
  assert.is(config.ingress, true);
  assert.is(config.ingress_port ?? SUPERVISOR_DEFAULT_INGRESS_PORT, DEFAULT_PORT);
  assert.not.ok(config.ingress_entry?.startsWith('/'), 'a leading slash in ingress_entry yields // and 404s');
});

test('the add-on asks for what it uses: HA API, MQTT service, s6 as PID 1', () => {
  assert.is(config.homeassistant_api, true);
  assert.equal(config.services, ['mqtt:want']);
  assert.is(config.init, false);
  assert.not.ok(config.hassio_api, '/services/mqtt and /addons/self/info need no hassio_api');
  for (const risky of ['host_network', 'privileged', 'full_access', 'docker_api', 'ports']) assert.not.ok(risky in config, risky);
});

test('backups keep the SQLite database consistent and leave out the code cache', () => {
  assert.is(config.backup, 'cold');
  const excluded = (config.backup_exclude as string[] | undefined) ?? [];
  // Patterns match the whole path, `*` across folders (fnmatch, as the Supervisor uses).
  const matches = (glob: string, path: string): boolean =>
    new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(path);
  for (const file of ['/data/almanac.db', '/data/almanac.db-wal', '/data/options.json']) {
    assert.equal(excluded.filter((glob) => matches(glob, file)), [], `${file} must be in the backup`);
  }
  assert.ok(excluded.some((glob) => matches(glob, '/data/almanac.db-shm')));
  // The code cache (server/src/launch.ts) is rebuilt by the next start.
  assert.ok(excluded.some((glob) => matches(glob, '/data/.cache/code/serve-0123456789abcdef-v24.1.0-arm64.bin')));
});

test('every schema element follows the Supervisor type grammar', () => {
  for (const [key, element] of Object.entries(config.schema)) {
    assert.ok(parseSchemaType(element), `schema.${key}: ${JSON.stringify(element)} is not a Supervisor type`);
  }
});

test('options hold defaults only for required schema keys', () => {
  for (const key of Object.keys(config.options)) assert.ok(key in config.schema, `options.${key} is not in schema`);
  for (const [key, element] of Object.entries(config.schema)) {
    const type = parseSchemaType(element)!;
    if (type.optional) assert.not.ok(key in config.options, `schema.${key} is optional: a default would make it required`);
    else assert.ok(key in config.options, `schema.${key} is required: it needs a default in options`);
  }
});

test('no other file in the repository is named config.json, config.yaml or config.yml', () => {
  const others = repositoryFiles().filter((path) => {
    const parts = path.split('/');
    const name = parts.at(-1)!;
    const ignored = parts[0] === 'rootfs' || parts.slice(0, -1).some((part) => part.startsWith('.'));
    return /^config\.(json|ya?ml)$/.test(name) && path !== 'config.yaml' && !ignored;
  });
  assert.equal(others, [], 'the Supervisor would read each of these as another add-on');
});

test.run();
