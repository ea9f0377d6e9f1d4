/**
 * The checks of `almanac check`, one function each, each answering one line: is it fine, and what
 * was found. They reuse the server's own parts (config loader, store, HA socket, broker
 * resolution), so a check passes exactly when the server would get on with that part.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Env } from '../config/env.js';
import { openHaSocket } from '../ha/create-socket.js';
import { websocketUrl } from '../ha/hass-url.js';
import { silentLogger } from '../log.js';
import { brokerLabel, describeError } from '../mqtt/client.js';
import { resolveBroker } from '../mqtt/broker-settings.js';
import { openDatabaseReadOnly } from '../store/db.js';
import { latestSchemaVersion, schemaVersion } from '../store/migrate.js';
import { DATABASE_FILE } from './database.js';
import { readOptionalFile } from './files.js';

export interface CheckLine {
  check: 'options' | 'database' | 'home_assistant' | 'mqtt' | 'server';
  ok: boolean;
  detail: string;
}

const BYTES_PER_MB = 1024 * 1024;

/** The environment and options.json, as `almanac serve` would read them. */
export function checkOptions(env: Env, version: string): { line: CheckLine; config: Config | null } {
  try {
    const config = loadConfig(env, readOptionalFile, version);
    const file = join(config.dataDir, 'options.json');
    const source = existsSync(file) ? file : 'defaults, no options.json';
    const warnings = config.warnings.length > 0 ? `; ${config.warnings.join('; ')}` : '';
    return { line: { check: 'options', ok: true, detail: `${config.mode} mode, ${source}${warnings}` }, config };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { line: { check: 'options', ok: false, detail: error.message }, config: null };
  }
}

/** SQLite's quick_check and the schema version, read-only; a database not created yet is fine. */
export function checkDatabase(dataDir: string): CheckLine {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) return { check: 'database', ok: true, detail: `not created yet at ${path} (the first start creates it)` };
  try {
    const db = openDatabaseReadOnly(path);
    try {
      const integrity = db.pragma('quick_check', { simple: true }) as string;
      if (integrity !== 'ok') return { check: 'database', ok: false, detail: `${path} is damaged: ${integrity}` };
      const version = schemaVersion(db);
      const latest = latestSchemaVersion();
      if (version > latest) return { check: 'database', ok: false, detail: `${path} is at schema version ${version}, newer than this Almanac (${latest}): update Almanac or restore a backup` };
      const schedules = db.prepare('SELECT COUNT(*) AS n FROM schedules').get() as { n: number } | undefined;
      const size = (statSync(path).size / BYTES_PER_MB).toFixed(1);
      const migrate = version < latest ? `, migrates to ${latest} on start` : ' (current)';
      return { check: 'database', ok: true, detail: `${path}, schema ${version}${migrate}, ${size} MB, ${schedules?.n ?? 0} schedules` };
    } finally {
      db.close();
    }
  } catch (error) {
    return { check: 'database', ok: false, detail: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Opens HA's WebSocket and authenticates with the token, as the HA client does. */
export async function checkHomeAssistant(config: Config, timeoutMs: number): Promise<CheckLine> {
  if (!config.ha) return { check: 'home_assistant', ok: true, detail: 'demo mode: the embedded simulator (nothing to reach)' };
  const url = websocketUrl(config.ha.hassUrl);
  try {
    const socket = await openHaSocket({ url, token: config.ha.token, logger: silentLogger(), handshakeTimeoutMs: timeoutMs });
    socket.close();
    return { check: 'home_assistant', ok: true, detail: `Home Assistant ${socket.haVersion} at ${url}, token accepted` };
  } catch (error) {
    return { check: 'home_assistant', ok: false, detail: `${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Finds the broker as the MQTT service does and connects once; no broker is fine (MQTT is optional). */
export async function checkMqtt(config: Config, timeoutMs: number): Promise<CheckLine> {
  const { settings, reason } = await resolveBroker({ options: config.options, env: config.mqtt, supervisor: config.supervisor });
  if (!settings) return { check: 'mqtt', ok: true, detail: `off: ${reason ?? 'no broker'}` };
  try {
    const client = await connectAsync(settings.url, {
      ...(settings.username !== undefined ? { username: settings.username } : {}),
      ...(settings.password !== undefined ? { password: settings.password } : {}),
      connectTimeout: timeoutMs,
      reconnectPeriod: 0,
      clean: true,
    });
    await client.endAsync();
    return { check: 'mqtt', ok: true, detail: `connected to ${brokerLabel(settings.url)}${settings.username ? ` as ${settings.username}` : ''}` };
  } catch (error) {
    return { check: 'mqtt', ok: false, detail: describeError(error as Error & { code?: unknown }, settings.url) };
  }
}
