/**
 * Runs detections from scratch (detection-build.ts) for the conflict service: at once when asked
 * to, or in slices of a few milliseconds with the event loop free between them (10,000 schedules
 * are about a second of work, which used to block fires and HTTP requests for as long). At most
 * one is in progress: starting another drops it (the new one reads every schedule afresh).
 */
import type { Logger } from '../../log.js';
import type { DetectionBuild } from './detection-build.js';

/**
 * Work per turn of the event loop: a fire due meanwhile waits at most about this long (its calls
 * are prepared ahead by the dispatcher's lead anyway), and an HTTP request as long.
 */
const SLICE_MS = 8;
/** Up to this many schedules, a build is done in one go (a few milliseconds). */
const SLICED_FROM = 250;

export interface BuildRunnerDeps {
  /** A fresh build over a horizon starting now; `blocking`: reads wait for it. */
  make(blocking: boolean): DetectionBuild;
  /** A build finished: it becomes the live detection. */
  done(build: DetectionBuild): void;
  /** How many schedules there are (a build of a few is not sliced). */
  schedules(): number;
  logger: Logger;
}

export class BuildRunner {
  private current: DetectionBuild | null = null;
  private turn: NodeJS.Immediate | null = null;

  constructor(private readonly deps: BuildRunnerDeps) {}

  /** The build in progress, if any. */
  get build(): DetectionBuild | null {
    return this.current;
  }

  /** Starts a build, dropping the one in progress. */
  start(blocking: boolean): DetectionBuild {
    this.drop();
    this.current = this.deps.make(blocking);
    return this.current;
  }

  /** Starts a build and runs it in slices (at once when there are only a few schedules). */
  soon(blocking = false): void {
    const build = this.start(blocking);
    if (this.deps.schedules() <= SLICED_FROM) this.finish();
    else this.slice(build);
  }

  /** Finishes the build in progress now (starting a blocking one when none is). */
  finish(): void {
    const build = this.current ?? this.start(true);
    try {
      build.run();
    } catch (error) {
      this.drop();
      throw error;
    }
    this.drop();
    this.deps.done(build);
  }

  /** Drops the build in progress (on stop, or for a newer one). */
  drop(): void {
    if (this.turn) clearImmediate(this.turn);
    this.turn = null;
    this.current = null;
  }

  /** One slice of `build`, then the next on a later turn of the event loop. */
  private slice(build: DetectionBuild): void {
    this.turn = null;
    if (this.current !== build) return;
    const deadline = performance.now() + SLICE_MS;
    let done: boolean;
    try {
      done = build.run(() => performance.now() < deadline);
    } catch (error) {
      this.drop();
      this.deps.logger.error({ err: error }, 'conflict detection failed');
      return;
    }
    if (!done) {
      this.turn = setImmediate(() => this.slice(build));
      return;
    }
    this.drop();
    try {
      this.deps.done(build);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'conflict detection failed');
    }
  }
}
