/**
 * Commands from Home Assistant's MQTT entities (the schedule switch, "Run now", the dry-run
 * switch), handed to the engine's commands with the user `mqtt`, so they are validated and
 * audited exactly like the panel's.
 */
import type { Logger } from '../log.js';
import { MQTT_USER, type AlmanacCommands } from './ports.js';
import type { InboundTopic } from './topics.js';

/** HA's switch and button payloads, as our discovery configs declare them. */
const ON = 'ON';
const OFF = 'OFF';
const PRESS = 'PRESS';

export interface CommandContext {
  commands: AlmanacCommands;
  /** Schedule ids by topic id. */
  idsByTid: ReadonlyMap<string, string>;
  logger: Logger;
}

type CommandTopic = Extract<InboundTopic, { kind: 'enabled' | 'run' | 'dry_run' }>;

/**
 * Runs one command. A stored (retained) command is ignored: it would replay on every reconnect,
 * and "Run now" must happen once, when pressed. Failures are logged; HA's switch shows the real
 * state again because it follows our state topic, not its own command.
 */
export function handleCommand(topic: CommandTopic, payload: string, retained: boolean, ctx: CommandContext): void {
  const { commands, logger } = ctx;
  if (retained) {
    logger.warn({ command: topic.kind, payload }, 'ignored a retained MQTT command (commands must not be retained)');
    return;
  }
  if (topic.kind === 'dry_run') {
    const on = switchValue(payload);
    if (on === null) return rejectPayload(logger, topic.kind, payload);
    return settle(logger, commands.setDryRun(on, MQTT_USER), { command: 'dry_run', on });
  }
  const id = ctx.idsByTid.get(topic.tid);
  if (id === undefined) {
    logger.warn({ command: topic.kind, tid: topic.tid }, 'MQTT command for an unknown schedule');
    return;
  }
  if (topic.kind === 'enabled') {
    const on = switchValue(payload);
    if (on === null) return rejectPayload(logger, topic.kind, payload);
    return settle(logger, commands.setEnabled(id, on, MQTT_USER), { command: 'enabled', schedule_id: id, on });
  }
  if (payload !== PRESS) return rejectPayload(logger, topic.kind, payload);
  settle(logger, commands.runNow(id, MQTT_USER), { command: 'run_now', schedule_id: id });
}

/**
 * A feature device's switch (a zone's "Hold"): handed to `featureCommand` with the device's key.
 * Retained and malformed commands are ignored, as for the schedules' switches.
 */
export function handleFeatureCommand(key: string, entity: string, payload: string, retained: boolean, ctx: Pick<CommandContext, 'commands' | 'logger'>): void {
  const { commands, logger } = ctx;
  if (retained) {
    logger.warn({ command: entity, device: key, payload }, 'ignored a retained MQTT command (commands must not be retained)');
    return;
  }
  const on = switchValue(payload);
  if (on === null) return rejectPayload(logger, entity, payload);
  if (!commands.featureCommand) {
    logger.warn({ command: entity, device: key }, 'MQTT command for a device that takes none');
    return;
  }
  settle(logger, commands.featureCommand(key, entity, on, MQTT_USER), { command: entity, device: key, on });
}

function switchValue(payload: string): boolean | null {
  if (payload === ON) return true;
  if (payload === OFF) return false;
  return null;
}

function rejectPayload(logger: Logger, command: string, payload: string): void {
  logger.warn({ command, payload }, 'ignored an MQTT command with an unexpected payload');
}

function settle(logger: Logger, promise: Promise<void>, details: Record<string, unknown>): void {
  promise.then(
    () => logger.info(details, 'command from Home Assistant (MQTT) done'),
    (error: unknown) => logger.warn({ ...details, err: error }, 'command from Home Assistant (MQTT) failed'),
  );
}
