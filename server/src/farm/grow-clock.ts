/**
 * The grows' own clock: at each local midnight a live grow's day changes, and with it maybe its
 * phase or its status (planned → active → completed). One timer on the injected Clock, armed for
 * the earliest such midnight; at start (and so after a restart) every grow is brought up to date
 * first, so a grow whose end passed while Almanac was down completes at once (as of its end), and
 * a phase change that was missed is announced once, not repeated.
 */
import type { Bus } from '../bus.js';
import type { Grow } from '../domain/grow.js';
import type { Clock } from '../engine/ports.js';
import type { AppEvents } from '../events.js';
import type { Logger } from '../log.js';
import type { Actor } from '../store/audit.js';
import { dayOf, dayStart, today } from './grow-calendar.js';
import { growPhaseAlert, type FarmAlert } from './grow-alert.js';
import type { GrowService } from './grows.js';
import type { ZoneTree } from './zone-tree.js';

/** Changes the clock makes are audited as Almanac's own. */
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface GrowClockDeps {
  clock: Clock;
  bus: Bus<AppEvents>;
  logger: Logger;
  grows: GrowService;
  tree: ZoneTree;
  notify(alert: FarmAlert): void;
}

export class GrowClock {
  private cancel: (() => void) | null = null;
  private armedAt: number | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: GrowClockDeps) {}

  start(): void {
    this.unsubscribe = this.deps.bus.on('grow.changed', () => this.arm());
    this.tick();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cancel?.();
    this.cancel = null;
    this.armedAt = null;
  }

  /** Brings every grow up to date, then waits for the next midnight that matters. */
  tick(): void {
    for (const grow of this.deps.grows.unsettled()) {
      try {
        this.advance(grow);
      } catch (error) {
        this.deps.logger.error({ err: error, grow: grow.id }, 'could not bring the grow up to date');
      }
    }
    this.arm();
  }

  private advance(grow: Grow): void {
    const { grows } = this.deps;
    const now = this.deps.clock.now();
    const view = grows.view(grow);
    const zoneName = this.deps.tree.zoneName(grow.zone_id) ?? grow.zone_id;
    if (view.status === 'completed') {
      const next: Grow = { ...grow, status: 'completed', ended_at: dayStart(dayOf(view.end_date) + 1, grow.timezone), version: grow.version + 1, updated_at: now };
      grows.save(grow, next, 'complete', SYSTEM_ACTOR);
      this.deps.notify(growPhaseAlert(grows.view(next), zoneName, 'completed'));
      return;
    }
    const index = view.phase?.index ?? -1;
    if (view.status === grow.status && index <= grow.notified_phase) {
      // A new day only: the day counters (MQTT, panel) move on.
      this.deps.bus.emit('grow.changed', { id: grow.id, zone_id: grow.zone_id });
      return;
    }
    const next: Grow = { ...grow, status: view.status, notified_phase: Math.max(index, grow.notified_phase), version: grow.version + 1, updated_at: now };
    grows.save(grow, next, view.status === grow.status ? 'phase' : 'start', SYSTEM_ACTOR);
    if (index > grow.notified_phase) this.deps.notify(growPhaseAlert(view, zoneName, index === 0 ? 'started' : 'phase'));
  }

  /** The next local midnight at which a grow starts or counts a day. */
  private nextBoundary(): number | null {
    const now = this.deps.clock.now();
    let next: number | null = null;
    for (const grow of this.deps.grows.unsettled()) {
      const at = dayStart(today(now, grow.timezone) + 1, grow.timezone);
      const view = this.deps.grows.view(grow);
      const when = view.status === 'planned' && view.next_change ? view.next_change.at : at;
      if (next === null || when < next) next = when;
    }
    return next;
  }

  private arm(): void {
    const at = this.nextBoundary();
    if (at === this.armedAt) return;
    this.cancel?.();
    this.cancel = null;
    this.armedAt = at;
    if (at === null) return;
    this.cancel = this.deps.clock.setTimer(at, () => {
      this.cancel = null;
      this.armedAt = null;
      this.tick();
    });
  }
}
