/**
 * Which MQTT broker to use, and why there is none. Sources, strongest first: the add-on options
 * (`mqtt_host` & co.), the broker the Supervisor's services API names (the Mosquitto add-on, with
 * `services: [mqtt:want]` in config.yaml), then `MQTT_URL` in standalone mode. MQTT is optional:
 * without a broker Almanac runs and the panel says why MQTT is off.
 */

/** Where and how to connect. `url` is `mqtt://host:port` or `mqtts://host:port` (or ws/wss). */
export interface BrokerSettings {
  url: string;
  username?: string;
  password?: string;
}

/** The MQTT add-on options (config.yaml); the validated options object fits this shape. */
export interface BrokerOptions {
  mqtt_enabled: boolean;
  mqtt_host?: string;
  mqtt_port?: number;
  mqtt_username?: string;
  mqtt_password?: string;
  mqtt_tls?: boolean;
}

export interface ResolveBrokerInput {
  options: BrokerOptions;
  /** `MQTT_URL`, `MQTT_USERNAME`, `MQTT_PASSWORD`, read by main.ts. */
  env: { url?: string; username?: string; password?: string };
  /** The Supervisor API in Supervisor mode, else null. */
  supervisor: { url: string; token: string } | null;
  fetch?: typeof globalThis.fetch;
}

export interface ResolvedBroker {
  settings: BrokerSettings | null;
  /** Why MQTT is off, for the panel and the log; null when a broker was found. */
  reason: string | null;
}

/** Standard MQTT ports (IANA): plain and over TLS. */
const MQTT_PORT = 1883;
const MQTTS_PORT = 8883;
/** The Supervisor answers from memory; a longer wait means it is not ready, and MQTT stays off. */
const SUPERVISOR_TIMEOUT_MS = 10_000;

export const REASON_DISABLED = 'MQTT is turned off in the add-on options';
export const REASON_NO_BROKER = 'No MQTT broker: install the Mosquitto add-on or set mqtt_host';
export const REASON_NO_BROKER_STANDALONE = 'No MQTT broker: set MQTT_URL to use one';

/** Resolves the broker. Never throws: a failure becomes `settings: null` with a reason. */
export async function resolveBroker(input: ResolveBrokerInput): Promise<ResolvedBroker> {
  const { options, env, supervisor } = input;
  if (!options.mqtt_enabled) return off(REASON_DISABLED);
  if (options.mqtt_host) {
    const tls = options.mqtt_tls === true;
    const url = brokerUrl(options.mqtt_host, options.mqtt_port ?? (tls ? MQTTS_PORT : MQTT_PORT), tls);
    // A broker the user named gets only the user's credentials, never the Mosquitto add-on's.
    return found({ url, username: options.mqtt_username, password: options.mqtt_password });
  }
  let supervisorProblem: string | null = null;
  if (supervisor) {
    const service = await fetchMqttService(supervisor, input.fetch ?? globalThis.fetch);
    if (service.ok) {
      return found({
        url: brokerUrl(service.host, service.port, service.ssl),
        username: options.mqtt_username ?? service.username,
        password: options.mqtt_password ?? service.password,
      });
    }
    supervisorProblem = service.problem;
  }
  if (env.url) {
    return found({ url: env.url, username: options.mqtt_username ?? env.username, password: options.mqtt_password ?? env.password });
  }
  if (supervisor) return off(supervisorProblem ? `${REASON_NO_BROKER} (${supervisorProblem})` : REASON_NO_BROKER);
  return off(REASON_NO_BROKER_STANDALONE);
}

type MqttService =
  | { ok: true; host: string; port: number; ssl: boolean; username?: string; password?: string }
  | { ok: false; problem: string };

/** `GET /services/mqtt`: `{result:'ok', data:{host, port, ssl, protocol, username, password}}`. */
async function fetchMqttService(supervisor: { url: string; token: string }, fetch: typeof globalThis.fetch): Promise<MqttService> {
  let status: number;
  let body: unknown;
  try {
    const response = await fetch(`${supervisor.url.replace(/\/+$/, '')}/services/mqtt`, {
      headers: { Authorization: `Bearer ${supervisor.token}` },
      signal: AbortSignal.timeout(SUPERVISOR_TIMEOUT_MS),
    });
    status = response.status;
    body = await response.json().catch(() => null);
  } catch (error) {
    return { ok: false, problem: `the Supervisor did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
  const envelope = (body ?? {}) as { result?: unknown; message?: unknown; data?: Record<string, unknown> };
  if (status !== 200 || envelope.result !== 'ok' || !envelope.data) {
    const message = typeof envelope.message === 'string' ? envelope.message : `HTTP ${status}`;
    return { ok: false, problem: `the Supervisor says: ${message}` };
  }
  return parseService(envelope.data);
}

function parseService(data: Record<string, unknown>): MqttService {
  const host = typeof data.host === 'string' ? data.host : '';
  // The docs say string, the Supervisor sends an int: accept both.
  const port = Number(data.port ?? MQTT_PORT);
  if (!host || !Number.isInteger(port) || port < 1) {
    return { ok: false, problem: `the Supervisor named no usable broker (host "${host}", port "${String(data.port)}")` };
  }
  return {
    ok: true,
    host,
    port,
    ssl: data.ssl === true,
    username: typeof data.username === 'string' && data.username ? data.username : undefined,
    password: typeof data.password === 'string' && data.password ? data.password : undefined,
  };
}

function brokerUrl(host: string, port: number, tls: boolean): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${tls ? 'mqtts' : 'mqtt'}://${bracketed}:${port}`;
}

function found(settings: BrokerSettings): ResolvedBroker {
  const clean: BrokerSettings = { url: settings.url };
  if (settings.username !== undefined) clean.username = settings.username;
  if (settings.password !== undefined) clean.password = settings.password;
  return { settings: clean, reason: null };
}

function off(reason: string): ResolvedBroker {
  return { settings: null, reason };
}
