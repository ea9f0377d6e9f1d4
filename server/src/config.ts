/**
 * The configuration, read once at start by main.ts (the composition root, STYLE §2) and passed
 * down as a typed `Config`. Two sources: the environment (mode, port, data folder, HA access) and
 * the add-on options in `${DATA_DIR}/options.json`, which the Supervisor writes from config.yaml's
 * `options`/`schema`. Every problem is reported at once, each named by its path, and stops the
 * server (STYLE §14).
 */
import { join } from 'node:path';
import { ConfigError, type ConfigIssue } from './config/config-error.js';
import { readEnv, type Env, type EnvSettings, type Mode } from './config/env.js';
import { defaultOptions, parseOptions, type AddonOptions } from './config/options.js';
import type { LogLevel } from './log.js';

export { ConfigError, type ConfigIssue } from './config/config-error.js';
export { DEFAULT_PORT, DEFAULT_TRUSTED_PROXIES, type Mode } from './config/env.js';
export { NOTIFY_KINDS, OPTION_NAMES, type AddonOptions, type NotifyKind } from './config/options.js';

export interface Config {
  mode: Mode;
  /** Almanac's version (package.json), passed in by main.ts. */
  version: string;
  port: number;
  dataDir: string;
  /** `LOG_LEVEL` if set, else the `log_level` option. */
  logLevel: LogLevel;
  /** How to reach HA: the Supervisor's Core proxy, `HA_URL`, or null in demo mode (embedded simulator). */
  ha: { hassUrl: string; token: string } | null;
  /** The Supervisor API, in Supervisor mode only (MQTT credentials come from its services API). */
  supervisor: { url: string; token: string } | null;
  /** Peers whose Ingress headers are trusted (`ALMANAC_TRUSTED_PROXIES`, default the Supervisor's 172.30.32.2). */
  trustedProxies: string[];
  /** Lets other clients call the API with a bearer token: the `api_token` option, else `ALMANAC_API_TOKEN`. */
  apiToken: string | null;
  /**
   * `MQTT_URL`/`MQTT_USERNAME`/`MQTT_PASSWORD` as set (standalone and development). The `mqtt_*`
   * options stay in `options`: mqtt/broker-settings.ts weighs them against these and the
   * Supervisor's services API.
   */
  mqtt: { url?: string; username?: string; password?: string };
  options: AddonOptions;
  /** Things worth a log line that do not stop the server (unknown options, ignored variables). */
  warnings: string[];
}

/**
 * Reads the configuration. `env` is a plain record (main passes process.env); `readFile` returns a
 * file's text, or undefined when it does not exist. Throws `ConfigError` listing every problem.
 */
export function loadConfig(env: Env, readFile: (path: string) => string | undefined, version: string): Config {
  const { settings, issues, warnings } = readEnv(env);
  const options = readOptions(settings, readFile, issues, warnings);
  if (issues.length > 0 || !options) throw new ConfigError(issues);
  warnUnusedBrokerOptions(options, warnings);
  return {
    mode: settings.mode,
    version,
    port: settings.port,
    dataDir: settings.dataDir,
    logLevel: settings.logLevel ?? options.log_level,
    ha: settings.ha,
    supervisor: settings.supervisor,
    trustedProxies: settings.trustedProxies,
    apiToken: options.api_token ?? settings.apiToken,
    mqtt: settings.mqtt,
    options,
    warnings,
  };
}

function readOptions(settings: EnvSettings, readFile: (path: string) => string | undefined, issues: ConfigIssue[], warnings: string[]): AddonOptions | undefined {
  const file = join(settings.dataDir, 'options.json');
  const text = readFile(file);
  if (text === undefined) {
    if (settings.mode === 'supervisor') warnings.push(`${file} does not exist: using the default options`);
    return defaultOptions();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    issues.push({ path: 'options', message: `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
  const result = parseOptions(raw);
  if (!result.ok) {
    issues.push(...result.issues);
    return undefined;
  }
  warnings.push(...result.warnings);
  return result.options;
}

/** Broker options that mean nothing without `mqtt_host`: said once at start rather than silently dropped. */
function warnUnusedBrokerOptions(options: AddonOptions, warnings: string[]): void {
  if (options.mqtt_host) return;
  if (options.mqtt_port !== undefined) warnings.push('options.mqtt_port: ignored without mqtt_host');
  if (options.mqtt_tls !== undefined) warnings.push('options.mqtt_tls: ignored without mqtt_host');
}
