/**
 * The environment variables Almanac reads (README lists them), checked one by one. Pure: it takes
 * the environment as a plain record and returns values plus issues, so tests need no process.env.
 */
import { isIP } from 'node:net';
import { normalizeHassUrl, supervisorHassUrl } from '../ha/hass-url.js';
import { LOG_LEVELS, type LogLevel } from '../log.js';
import type { ConfigIssue } from './config-error.js';
import { dataDirOf } from './data-dir.js';

export type Env = Record<string, string | undefined>;
export type Mode = 'supervisor' | 'standalone' | 'demo';

/** The Ingress port in config.yaml's `ingress_port` (the Supervisor's default). */
export const DEFAULT_PORT = 8099;
/** The Supervisor's hostname on the hassio network (addon-conventions §3.1). */
export const DEFAULT_SUPERVISOR_URL = 'http://supervisor';
/** The Supervisor's address on the hassio network: every Ingress request comes from it (§3.6). */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ['172.30.32.2'];
/** TCP ports are 16-bit; 0 would make the OS pick one, which Ingress could not find. */
const MAX_PORT = 65535;

export interface EnvSettings {
  mode: Mode;
  port: number;
  dataDir: string;
  logLevel: LogLevel | undefined;
  ha: { hassUrl: string; token: string } | null;
  supervisor: { url: string; token: string } | null;
  trustedProxies: string[];
  apiToken: string | null;
  mqtt: { url?: string; username?: string; password?: string };
}

/** A variable that is unset, empty or only blanks counts as unset. */
function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** Secrets are taken as written: a password may start or end with a blank. */
function secret(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw ? raw : undefined;
}

/** Reads and checks every variable; `issues` is empty when all of them are usable. */
export function readEnv(env: Env): { settings: EnvSettings; issues: ConfigIssue[]; warnings: string[] } {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const { mode, ha, supervisor } = readMode(env, issues, warnings);
  const settings: EnvSettings = {
    mode,
    port: readPort(env, issues),
    dataDir: dataDirOf(env),
    logLevel: readLogLevel(env, issues),
    ha,
    supervisor,
    trustedProxies: readTrustedProxies(env, issues),
    apiToken: value(env, 'ALMANAC_API_TOKEN') ?? null,
    mqtt: readMqtt(env, issues),
  };
  return { settings, issues, warnings };
}

/** `SUPERVISOR_TOKEN` wins; then `HA_URL` + `HA_TOKEN`; otherwise demo mode with the embedded simulator. */
function readMode(env: Env, issues: ConfigIssue[], warnings: string[]): Pick<EnvSettings, 'mode' | 'ha' | 'supervisor'> {
  const haUrl = value(env, 'HA_URL');
  const haToken = value(env, 'HA_TOKEN');
  if (haUrl && !/^https?:\/\/[^/]/i.test(haUrl)) {
    issues.push({ path: 'env.HA_URL', message: `must be an http:// or https:// URL such as http://homeassistant.local:8123, got "${haUrl}"` });
  }
  if ((haUrl === undefined) !== (haToken === undefined)) {
    const missing = haUrl ? 'HA_TOKEN' : 'HA_URL';
    issues.push({ path: `env.${missing}`, message: `HA_URL and HA_TOKEN must be set together (standalone mode); ${missing} is missing` });
  }
  const supervisorToken = value(env, 'SUPERVISOR_TOKEN');
  if (supervisorToken) {
    const url = readSupervisorUrl(env, issues);
    if (haUrl) warnings.push('env.HA_URL: ignored, SUPERVISOR_TOKEN is set (Supervisor mode)');
    return { mode: 'supervisor', ha: { hassUrl: supervisorHassUrl(url), token: supervisorToken }, supervisor: { url, token: supervisorToken } };
  }
  if (haUrl && haToken) return { mode: 'standalone', ha: { hassUrl: normalizeHassUrl(haUrl), token: haToken }, supervisor: null };
  return { mode: 'demo', ha: null, supervisor: null };
}

function readSupervisorUrl(env: Env, issues: ConfigIssue[]): string {
  const raw = value(env, 'SUPERVISOR_URL');
  if (raw === undefined) return DEFAULT_SUPERVISOR_URL;
  if (!/^https?:\/\/[^/]/i.test(raw)) issues.push({ path: 'env.SUPERVISOR_URL', message: `must be an http:// or https:// URL, got "${raw}"` });
  return normalizeHassUrl(raw);
}

function readPort(env: Env, issues: ConfigIssue[]): number {
  const raw = value(env, 'PORT');
  if (raw === undefined) return DEFAULT_PORT;
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 1 && port <= MAX_PORT)) {
    issues.push({ path: 'env.PORT', message: `must be a whole number from 1 to ${MAX_PORT}, got "${raw}"` });
    return DEFAULT_PORT;
  }
  return port;
}

function readLogLevel(env: Env, issues: ConfigIssue[]): LogLevel | undefined {
  const raw = value(env, 'LOG_LEVEL')?.toLowerCase();
  if (raw === undefined) return undefined;
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  issues.push({ path: 'env.LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"` });
  return undefined;
}

function readTrustedProxies(env: Env, issues: ConfigIssue[]): string[] {
  const raw = value(env, 'ALMANAC_TRUSTED_PROXIES');
  if (raw === undefined) return [...DEFAULT_TRUSTED_PROXIES];
  const addresses = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const bad = addresses.filter((address) => isIP(address) === 0);
  if (bad.length > 0 || addresses.length === 0) {
    issues.push({ path: 'env.ALMANAC_TRUSTED_PROXIES', message: `must be a comma-separated list of IP addresses, got "${raw}"` });
  }
  return addresses;
}

/** A broker given by URL, for standalone and development use (the add-on asks the Supervisor). */
function readMqtt(env: Env, issues: ConfigIssue[]): EnvSettings['mqtt'] {
  const url = value(env, 'MQTT_URL');
  if (url !== undefined && !/^(mqtts?|wss?):\/\/[^/]/i.test(url)) {
    issues.push({ path: 'env.MQTT_URL', message: `must be an mqtt://, mqtts://, ws:// or wss:// URL, got "${url}"` });
  }
  const username = value(env, 'MQTT_USERNAME');
  const password = secret(env, 'MQTT_PASSWORD');
  return {
    ...(url !== undefined ? { url } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}
