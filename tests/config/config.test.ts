import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig, OPTION_NAMES, type Config } from '../../server/src/config.js';

const VERSION = '9.9.9';

/** loadConfig with an in-memory file system: `files` maps a path to its text. */
function load(env: Record<string, string | undefined>, files: Record<string, string> = {}): Config {
  return loadConfig(env, (path) => files[path], VERSION);
}

function options(values: Record<string, unknown>, dir = '/data'): Record<string, string> {
  return { [`${dir}/options.json`]: JSON.stringify(values) };
}

/** The ConfigError loadConfig throws, for asserting on its issues. */
function configError(env: Record<string, string | undefined>, files: Record<string, string> = {}): ConfigError {
  try {
    load(env, files);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const SUPERVISOR = { SUPERVISOR_TOKEN: 'sv-token' };

test('SUPERVISOR_TOKEN selects Supervisor mode and reaches HA through the Supervisor proxy', () => {
  const config = load(SUPERVISOR, options({}));
  assert.is(config.mode, 'supervisor');
  assert.equal(config.ha, { hassUrl: 'http://supervisor/core', token: 'sv-token' });
  assert.equal(config.supervisor, { url: 'http://supervisor', token: 'sv-token' });
  assert.is(config.dataDir, '/data');
  assert.is(config.version, VERSION);
});

test('SUPERVISOR_URL moves the Supervisor (a simulator in tests), trailing slash stripped', () => {
  const config = load({ ...SUPERVISOR, SUPERVISOR_URL: 'http://127.0.0.1:4010/' }, options({}));
  assert.equal(config.ha, { hassUrl: 'http://127.0.0.1:4010/core', token: 'sv-token' });
  assert.is(config.supervisor?.url, 'http://127.0.0.1:4010');
});

test('HA_URL and HA_TOKEN select standalone mode with the URL as given, minus a trailing slash', () => {
  const config = load({ HA_URL: 'http://homeassistant.local:8123/', HA_TOKEN: 'llat' });
  assert.is(config.mode, 'standalone');
  assert.equal(config.ha, { hassUrl: 'http://homeassistant.local:8123', token: 'llat' });
  assert.is(config.supervisor, null);
  assert.is(config.dataDir, './data');
});

test('neither selects demo mode without HA access', () => {
  const config = load({});
  assert.is(config.mode, 'demo');
  assert.is(config.ha, null);
  assert.is(config.supervisor, null);
});

test('SUPERVISOR_TOKEN wins over HA_URL, with a warning', () => {
  const config = load({ ...SUPERVISOR, HA_URL: 'http://ha:8123', HA_TOKEN: 'x' }, options({}));
  assert.is(config.mode, 'supervisor');
  assert.ok(config.warnings.some((w) => w.includes('HA_URL')));
});

test('defaults: port 8099, the Ingress gateway as trusted proxy, info logs, no API token', () => {
  const config = load({});
  assert.is(config.port, 8099);
  assert.equal(config.trustedProxies, ['172.30.32.2']);
  assert.is(config.logLevel, 'info');
  assert.is(config.apiToken, null);
  assert.equal(config.mqtt, {});
  assert.equal(config.warnings, []);
});

test('default options when options.json is absent outside Supervisor mode', () => {
  const config = load({});
  assert.equal(config.options, {
    log_level: 'info',
    dry_run: false,
    history_days: 30,
    notify_kinds: ['run_failed', 'run_missed', 'schedule_paused', 'conflict', 'lock_wait', 'override_ended', 'grow_phase', 'ha_disconnected'],
    notify_rate_limit_minutes: 60,
    manual_changes: 'hold_until_next_change',
    manual_hold_minutes: 60,
    mqtt_enabled: true,
    mqtt_discovery_prefix: 'homeassistant',
  });
});

test('a missing options.json in Supervisor mode gives defaults and a warning naming the file', () => {
  const config = load(SUPERVISOR);
  assert.is(config.options.history_days, 30);
  assert.ok(config.warnings.some((w) => w.includes('/data/options.json')));
});

test('options are read from DATA_DIR/options.json', () => {
  const config = load({ DATA_DIR: '/tmp/alm', ...SUPERVISOR }, options({ history_days: 90, dry_run: true }, '/tmp/alm'));
  assert.is(config.dataDir, '/tmp/alm');
  assert.is(config.options.history_days, 90);
  assert.is(config.options.dry_run, true);
});

test('LOG_LEVEL overrides the log_level option', () => {
  assert.is(load(SUPERVISOR, options({ log_level: 'debug' })).logLevel, 'debug');
  assert.is(load({ ...SUPERVISOR, LOG_LEVEL: 'warning' }, options({ log_level: 'debug' })).logLevel, 'warning');
});

test('an out-of-range option stops the start with a message naming the option', () => {
  const error = configError(SUPERVISOR, options({ history_days: 5000 }));
  assert.equal(error.issues, [{ path: 'options.history_days', message: 'must be at most 3650' }]);
  assert.is(error.message, 'options.history_days: must be at most 3650');
});

test('every invalid option is reported at once, each by name', () => {
  const error = configError(SUPERVISOR, options({ log_level: 'loud', notify_kinds: ['failed', 'sometimes'], history_days: 1.5, dry_run: 'yes' }));
  const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
  assert.is(byPath['options.log_level'], 'must be one of trace, debug, info, warning, error');
  assert.is(byPath['options.notify_kinds.1'], 'must be one of run_failed, run_missed, schedule_paused, conflict, lock_wait, override_ended, grow_phase, ha_disconnected, schedule_changed, failed, missed, paused, interrupted');
  assert.is(byPath['options.history_days'], 'must be a whole number');
  assert.is(byPath['options.dry_run'], 'must be true or false');
});

test('notify_service must name a notify.* service', () => {
  const error = configError(SUPERVISOR, options({ notify_service: 'light.kitchen' }));
  assert.is(error.issues[0]?.path, 'options.notify_service');
  assert.match(error.issues[0]!.message, 'notify.mobile_app_pixel');
  assert.is(load(SUPERVISOR, options({ notify_service: 'notify.mobile_app_pixel' })).options.notify_service, 'notify.mobile_app_pixel');
});

test('manual_changes is one of its modes, and manual_hold_minutes a whole number of minutes up to a week', () => {
  const error = configError(SUPERVISOR, options({ manual_changes: 'always', manual_hold_minutes: 10_081 }));
  const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
  assert.is(byPath['options.manual_changes'], 'must be one of ignore, hold_until_next_change, hold_for_minutes');
  assert.is(byPath['options.manual_hold_minutes'], 'must be at most 10080');
  assert.is(load(SUPERVISOR, options({ manual_changes: 'hold_for_minutes', manual_hold_minutes: 30 })).options.manual_hold_minutes, 30);
});

test('a too-short api_token is rejected by name', () => {
  const error = configError(SUPERVISOR, options({ api_token: 'short' }));
  assert.equal(error.issues, [{ path: 'options.api_token', message: 'must be at least 16 characters' }]);
});

test('unknown options are ignored with a warning (the Supervisor may add keys)', () => {
  const config = load(SUPERVISOR, options({ future_thing: 1 }));
  assert.ok(config.warnings.includes('options.future_thing: unknown option, ignored'));
  assert.not.ok('future_thing' in config.options);
});

test('blank optional text options count as unset', () => {
  const config = load(SUPERVISOR, options({ notify_service: '', mqtt_host: null }));
  assert.is(config.options.notify_service, undefined);
  assert.is(config.options.mqtt_host, undefined);
});

test('invalid JSON in options.json names the file', () => {
  const error = configError(SUPERVISOR, { '/data/options.json': '{ "history_days": ' });
  assert.is(error.issues[0]?.path, 'options');
  assert.match(error.message, '/data/options.json is not valid JSON');
});

test('options.json that is not an object is rejected', () => {
  const error = configError(SUPERVISOR, { '/data/options.json': '[1, 2]' });
  assert.is(error.issues[0]?.path, 'options');
});

test('PORT must be a whole number from 1 to 65535', () => {
  assert.is(load({ PORT: '8123' }).port, 8123);
  for (const bad of ['0', '65536', 'http', '80.5', '-1']) {
    assert.is(configError({ PORT: bad }).issues[0]?.path, 'env.PORT', bad);
  }
});

test('HA_URL must be an http(s) URL', () => {
  const error = configError({ HA_URL: 'homeassistant.local:8123', HA_TOKEN: 'x' });
  assert.equal(error.issues.map((i) => i.path), ['env.HA_URL']);
});

test('HA_URL without HA_TOKEN, or the reverse, is an error naming both', () => {
  for (const env of [{ HA_URL: 'http://ha:8123' }, { HA_TOKEN: 'x' }]) {
    const error = configError(env);
    assert.match(error.message, 'HA_URL and HA_TOKEN must be set together');
  }
});

test('LOG_LEVEL must be a known level', () => {
  assert.is(configError({ LOG_LEVEL: 'verbose' }).issues[0]?.path, 'env.LOG_LEVEL');
});

test('ALMANAC_TRUSTED_PROXIES replaces the trusted peers; entries must be IP addresses', () => {
  assert.equal(load({ ALMANAC_TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies, ['127.0.0.1', '::1']);
  assert.is(configError({ ALMANAC_TRUSTED_PROXIES: '127.0.0.1,supervisor' }).issues[0]?.path, 'env.ALMANAC_TRUSTED_PROXIES');
});

test('the api_token option wins over ALMANAC_API_TOKEN', () => {
  assert.is(load({ ALMANAC_API_TOKEN: 'from-env' }).apiToken, 'from-env');
  const config = load({ ...SUPERVISOR, ALMANAC_API_TOKEN: 'from-env' }, options({ api_token: 'from-options-0123456789' }));
  assert.is(config.apiToken, 'from-options-0123456789');
});

test('MQTT_URL and credentials from the environment name a broker', () => {
  const config = load({ MQTT_URL: 'mqtt://127.0.0.1:1883', MQTT_USERNAME: 'u', MQTT_PASSWORD: ' p ' });
  assert.equal(config.mqtt, { url: 'mqtt://127.0.0.1:1883', username: 'u', password: ' p ' });
  assert.is(configError({ MQTT_URL: 'tcp://broker' }).issues[0]?.path, 'env.MQTT_URL');
});

test('mqtt_* options stay in options; the environment alone names the MQTT broker', () => {
  const config = load({ ...SUPERVISOR, MQTT_URL: 'mqtt://env:1883' }, options({ mqtt_host: 'broker.lan', mqtt_tls: true, mqtt_password: 'secret' }));
  assert.equal(config.mqtt, { url: 'mqtt://env:1883' });
  assert.is(config.options.mqtt_host, 'broker.lan');
  assert.is(config.options.mqtt_tls, true);
  assert.equal(config.warnings, []);
});

test('mqtt_port or mqtt_tls without mqtt_host is ignored with a warning', () => {
  const config = load(SUPERVISOR, options({ mqtt_port: 1884, mqtt_tls: false }));
  assert.ok(config.warnings.includes('options.mqtt_port: ignored without mqtt_host'));
  assert.ok(config.warnings.includes('options.mqtt_tls: ignored without mqtt_host'));
});

test('environment and option problems are reported together', () => {
  const error = configError({ ...SUPERVISOR, PORT: 'x' }, options({ history_days: 0 }));
  assert.equal(error.issues.map((i) => i.path).sort(), ['env.PORT', 'options.history_days']);
});

test('OPTION_NAMES lists every option of the Config', () => {
  const config = load(SUPERVISOR, options({}));
  for (const key of Object.keys(config.options)) assert.ok((OPTION_NAMES as readonly string[]).includes(key), key);
  assert.is(new Set(OPTION_NAMES).size, OPTION_NAMES.length);
});

test.run();
