import type { HealthDto } from '../../api/types.js';
import { readEnv } from '../../config/env.js';
import { JSON_OPTION, URL_OPTION, type Command } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { checkDatabase, checkHomeAssistant, checkMqtt, checkOptions, type CheckLine } from '../probes.js';
import { probe, serverTarget } from '../server.js';
import { almanacVersion } from '../version.js';

/** HA's own auth wait is 10 s; the add-on's start waits this long at most for both probes (they run at once). */
const DEFAULT_TIMEOUT_SECONDS = 10;
const MAX_TIMEOUT_SECONDS = 120;

function serverLine(health: HealthDto | null, url: string): CheckLine {
  if (!health) return { check: 'server', ok: true, detail: `not running at ${url}` };
  return { check: 'server', ok: true, detail: `running at ${url} (${health.version}, ${health.mode} mode, Home Assistant ${health.ha.state})` };
}

export const check: Command = {
  name: 'check',
  description: `
Checks what Almanac needs, one line each: the options (environment and options.json, exactly as
almanac serve reads them), the database (integrity and schema version, read-only), Home Assistant
(reachable, and the token accepted), the MQTT broker (found and reachable; none configured is
fine, MQTT is optional), and whether a server is running. Exit code 0 when everything is fine,
1 when something is not. The add-on runs it before it starts the server, so these lines open
the add-on's log.`,
  options: {
    timeout: { type: 'string', value: '<seconds>', description: `how long Home Assistant and the broker get to answer (default ${DEFAULT_TIMEOUT_SECONDS})` },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: ['almanac check', 'almanac check --json | jq ".[] | select(.ok | not)"'],
  async run(ctx) {
    const { out, values } = ctx;
    const seconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) throw new CliError(`--timeout must be 1 to ${MAX_TIMEOUT_SECONDS} seconds, got "${values.timeout}"`, EXIT.usage);
    const timeoutMs = seconds * 1000;
    const { line: options, config } = checkOptions(ctx.env, almanacVersion());
    const target = serverTarget(values, ctx.env);
    const skipped = (name: CheckLine['check']): CheckLine => ({ check: name, ok: false, detail: 'not checked: the options are invalid' });
    const [ha, mqtt, server] = await Promise.all([
      config ? checkHomeAssistant(config, timeoutMs) : skipped('home_assistant'),
      config ? checkMqtt(config, timeoutMs) : skipped('mqtt'),
      probe(target).then((health) => serverLine(health, target.url), (error: unknown) => ({ check: 'server' as const, ok: false, detail: error instanceof Error ? error.message : String(error) })),
    ]);
    const lines = [options, checkDatabase(config?.dataDir ?? readEnv(ctx.env).settings.dataDir), ha, mqtt, server];
    if (values.json) out.json(lines);
    else {
      const width = Math.max(...lines.map((l) => l.check.length));
      for (const line of lines) out.line(`${out.paint(line.ok ? 'ok' : 'bad', line.ok ? 'ok  ' : 'FAIL')} ${line.check.replace('_', ' ').padEnd(width)}  ${line.detail}`);
    }
    return lines.every((l) => l.ok) ? EXIT.ok : EXIT.failed;
  },
};
