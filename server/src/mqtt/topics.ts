/**
 * Every MQTT topic Almanac uses, built and parsed in one place. Discovery configs live under HA's
 * discovery prefix; states, commands and availability under the node id (`almanac/...`).
 */
import { createHash } from 'node:crypto';

/** The node id: base of our own topics, of unique_ids, and the Almanac device's identifier. */
export const NODE_ID = 'almanac';

/** HA's default discovery prefix (configurable in its MQTT integration and in our options). */
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';

/** HA's discovery accepts only these characters in a topic's object id. */
const TOPIC_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Hex digits of the hash added to a rewritten id: 2^48 ids before a collision is even likely. */
const HASH_DIGITS = 12;

/**
 * A schedule id as it may appear in a discovery topic and a unique_id. Ids made of
 * `[A-Za-z0-9_-]` (uuids, nanoids) are used as they are; others get their bad characters replaced
 * and a hash of the original appended, so the result is stable and still unique.
 */
export function topicId(scheduleId: string): string {
  if (TOPIC_ID_PATTERN.test(scheduleId)) return scheduleId;
  const hash = createHash('sha256').update(scheduleId).digest('hex').slice(0, HASH_DIGITS);
  return `${scheduleId.replace(/[^A-Za-z0-9_-]/g, '_')}_${hash}`;
}

/** Topics of one Almanac instance. */
export interface Topics {
  /** Retained `online`/`offline`; `offline` is the connection's last will. */
  availability: string;
  /** HA's birth/last-will topic: `online` when HA's MQTT client (re)connects. */
  haStatus: string;
  almanacConfig: string;
  almanacState: string;
  dryRunSet: string;
  scheduleConfig(tid: string): string;
  scheduleState(tid: string): string;
  enabledSet(tid: string): string;
  runSet(tid: string): string;
  /** The command topic of a feature device's switch. */
  featureSet(tid: string, entity: string): string;
  /** What the bridge stays subscribed to: HA's status and our commands. */
  subscriptions: { topic: string; qos: 0 | 1 }[];
  /** The device discovery configs, read once per connect to find ghosts (then unsubscribed). */
  deviceConfigs: string;
}

/** Builds the topics for a discovery prefix (and node id). */
export function topicsFor(prefix: string, nodeId: string = NODE_ID): Topics {
  return {
    availability: `${nodeId}/availability`,
    haStatus: `${prefix}/status`,
    almanacConfig: `${prefix}/device/${nodeId}/config`,
    almanacState: `${nodeId}/state`,
    dryRunSet: `${nodeId}/dry_run/set`,
    scheduleConfig: (tid) => `${prefix}/device/${nodeId}_${tid}/config`,
    scheduleState: (tid) => `${nodeId}/schedule/${tid}/state`,
    enabledSet: (tid) => `${nodeId}/schedule/${tid}/enabled/set`,
    runSet: (tid) => `${nodeId}/schedule/${tid}/run/set`,
    featureSet: (tid, entity) => `${nodeId}/schedule/${tid}/${entity}/set`,
    subscriptions: [
      { topic: `${prefix}/status`, qos: 1 },
      { topic: `${nodeId}/schedule/+/+/set`, qos: 1 },
      { topic: `${nodeId}/dry_run/set`, qos: 1 },
    ],
    deviceConfigs: `${prefix}/device/+/config`,
  };
}

/** A message on one of our topics, decoded. */
export type InboundTopic =
  | { kind: 'ha_status' }
  | { kind: 'enabled'; tid: string }
  | { kind: 'run'; tid: string }
  | { kind: 'dry_run' }
  /** A feature device's switch (any other entity id under a device's topic). */
  | { kind: 'feature'; tid: string; entity: string }
  /** A schedule's discovery config (ours by its name; a ghost if the schedule is gone). */
  | { kind: 'schedule_config'; tid: string }
  | { kind: 'other' };

/** Decodes an inbound topic. Pure. */
export function parseTopic(topic: string, prefix: string, nodeId: string = NODE_ID): InboundTopic {
  if (topic === `${prefix}/status`) return { kind: 'ha_status' };
  if (topic === `${nodeId}/dry_run/set`) return { kind: 'dry_run' };
  const schedulePrefix = `${nodeId}/schedule/`;
  if (topic.startsWith(schedulePrefix)) {
    const [tid, what, set, ...rest] = topic.slice(schedulePrefix.length).split('/');
    if (tid && set === 'set' && rest.length === 0 && TOPIC_ID_PATTERN.test(tid)) {
      if (what === 'enabled') return { kind: 'enabled', tid };
      if (what === 'run') return { kind: 'run', tid };
      if (what && TOPIC_ID_PATTERN.test(what)) return { kind: 'feature', tid, entity: what };
    }
    return { kind: 'other' };
  }
  const configPrefix = `${prefix}/device/${nodeId}_`;
  if (topic.startsWith(configPrefix) && topic.endsWith('/config')) {
    const tid = topic.slice(configPrefix.length, -'/config'.length);
    if (TOPIC_ID_PATTERN.test(tid)) return { kind: 'schedule_config', tid };
  }
  return { kind: 'other' };
}
