/**
 * Runs prepared ahead of their instant wait here, grouped by instant: one precise timer per
 * instant, not one per run. At the instant every run of the group starts its calls inside one
 * `ha.batch`, so that they leave back to back, in one WebSocket frame where HA takes it; only then
 * does what waited for them run (the fire's bookkeeping: next fires written, events announced).
 *
 * A group whose instant has already passed when its first run joins (the preparation took longer
 * than the lead, or the fire was late anyway) leaves at the end of the current turn, still as one.
 */
import type { EngineCore } from './core.js';
import type { HaGateway } from './ports.js';

/** Runs `fn`, sending the calls it starts in one go where the gateway can. */
export function together(ha: HaGateway, fn: () => void): void {
  if (ha.batch) ha.batch(fn);
  else fn();
}

interface Group {
  launches: (() => void)[];
  after: (() => void)[];
  cancel: () => void;
}

export class LaunchGroups {
  private readonly groups = new Map<number, Group>();

  constructor(private readonly core: Pick<EngineCore, 'clock' | 'ha' | 'logger'>) {}

  /** `launch` starts a run's calls at `at`, together with the others of that instant. */
  add(at: number, launch: () => void): void {
    this.group(at).launches.push(launch);
  }

  /** Runs `fn` once the runs of the instant `at` have started their calls; at once when none wait for it. */
  after(at: number, fn: () => void): void {
    const group = this.groups.get(at);
    if (group) group.after.push(fn);
    else this.guard(fn);
  }

  /** The earliest instant runs wait for, or null. */
  nextInstant(): number | null {
    let next: number | null = null;
    for (const at of this.groups.keys()) if (next === null || at < next) next = at;
    return next;
  }

  /** On stop: what waits leaves now rather than be left half-started. */
  flush(): void {
    for (const [at, group] of [...this.groups]) {
      group.cancel();
      this.release(at);
    }
  }

  private group(at: number): Group {
    let group = this.groups.get(at);
    if (group) return group;
    group = { launches: [], after: [], cancel: () => {} };
    this.groups.set(at, group);
    if (at <= this.core.clock.now()) queueMicrotask(() => this.release(at));
    // Registered before the timer exists: a clock may call back at once if `at` has just passed.
    else group.cancel = this.core.clock.setTimer(at, () => this.release(at), true);
    return group;
  }

  private release(at: number): void {
    const group = this.groups.get(at);
    if (!group) return;
    this.groups.delete(at);
    together(this.core.ha, () => group.launches.forEach((launch) => this.guard(launch)));
    group.after.forEach((fn) => this.guard(fn));
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.core.logger.error({ err: error }, 'an engine effect failed');
    }
  }
}
