/**
 * `ha_disconnected`: Home Assistant unavailable for longer than the threshold.
 *
 * What can be delivered while HA is down: nothing through HA. Persistent notifications and
 * `notify.*` services are HA services, and a phone's push goes out through HA's mobile_app
 * integration, so with HA down (or its WebSocket refusing Almanac's token) no channel Almanac has
 * can reach anyone. The alert is therefore raised when the threshold passes (it waits in the
 * outbox and shows in the panel's history as queued, and Almanac's log says so), and when HA is
 * back it is replaced by the report of the whole outage — from when to when, and the last error —
 * raised as soon as the connection is back and delivered first, before the catch-up's own notifications (those fold into one message
 * "… while Home Assistant was unavailable" when there are many).
 */
import type { HaConnectionStatus } from '../domain/ha.js';
import type { Clock, HaGateway } from '../engine/ports.js';
import type { Logger } from '../log.js';
import { MINUTE_MS } from './context.js';
import type { Alert, Subject } from './kinds.js';
import { localTime } from './messages.js';

const SUBJECT: Subject = { type: 'system', id: 'home_assistant', name: 'Home Assistant' };
const LINK = '#/health';
/** A burst of notifications this soon after an outage ended is blamed on it in the fold text. */
const AFTER_OUTAGE_MS = 10 * MINUTE_MS;

export interface HaWatchDeps {
  ha: HaGateway;
  clock: Clock;
  logger: Logger;
  thresholdMinutes(): number;
  zone(): string;
  raise(alert: Alert): void;
}

/** "1 h 28 min", "12 min". */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  const h = Math.floor(minutes / 60);
  if (h === 0) return `${minutes} min`;
  return minutes % 60 === 0 ? `${h} h` : `${h} h ${minutes % 60} min`;
}

export class HaWatch {
  private downSince: number | null = null;
  private lastError: string | null = null;
  private raised = false;
  private cancel: (() => void) | null = null;
  private outageEnded: number | null = null;
  private offs: (() => void)[] = [];

  constructor(private readonly deps: HaWatchDeps) {}

  start(): void {
    this.offs.push(this.deps.ha.on('connection', (s) => this.onStatus(s)));
    this.onStatus(this.deps.ha.status());
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.cancel?.();
    this.cancel = null;
  }

  /** Whether an outage ended a short while ago (a burst now is its aftermath). */
  recentlyDown(): boolean {
    return this.outageEnded !== null && this.deps.clock.now() - this.outageEnded < AFTER_OUTAGE_MS;
  }

  private onStatus(status: HaConnectionStatus): void {
    if (status.state === 'connected') {
      const from = this.downSince;
      this.downSince = null;
      this.cancel?.();
      this.cancel = null;
      if (from === null) return;
      this.outageEnded = this.deps.clock.now();
      // HA is back (the catch-up follows on `ready`): the report replaces the alert that waited.
      if (this.raised) this.deps.raise(this.backAlert(from, this.outageEnded));
      this.raised = false;
      return;
    }
    this.lastError = status.error ?? this.lastError;
    if (this.downSince !== null) return;
    this.downSince = Math.min(status.since, this.deps.clock.now());
    const at = this.downSince + this.deps.thresholdMinutes() * MINUTE_MS;
    this.cancel = this.deps.clock.setTimer(at, () => {
      this.cancel = null;
      if (this.downSince === null) return;
      this.raised = true;
      this.deps.logger.warn({ since: new Date(this.downSince).toISOString() }, 'Home Assistant has been unavailable for longer than the threshold');
      this.deps.raise(this.downAlert(this.downSince));
    });
  }

  private downAlert(since: number): Alert {
    const error = this.lastError ? ` (last error: ${this.lastError})` : '';
    return {
      kind: 'ha_disconnected', subject: SUBJECT, link: LINK,
      title: 'Almanac: Home Assistant is unavailable',
      message: `Almanac has not reached Home Assistant since ${localTime(since, this.deps.zone())}${error}. Due runs wait for it and are caught up by each schedule's catch-up policy.`,
    };
  }

  private backAlert(from: number, to: number): Alert {
    const error = this.lastError ? ` Last error: ${this.lastError}.` : '';
    const zone = this.deps.zone();
    return {
      kind: 'ha_disconnected', subject: SUBJECT, link: LINK,
      title: `Almanac: Home Assistant was unavailable for ${duration(to - from)}`,
      message:
        `From ${localTime(from, zone)} to ${localTime(to, zone)} Almanac could not reach Home Assistant, so nothing could be switched or notified.${error} ` +
        "Runs due meanwhile were caught up or recorded as missed, as each schedule's catch-up policy says; the history shows which.",
    };
  }
}
