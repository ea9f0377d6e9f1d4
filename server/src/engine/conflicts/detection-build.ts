/**
 * A detection from scratch into a fresh detector, a piece at a time: schedules are read from the
 * store a batch at a time and planned (each record dropped once planned: only the compact plans
 * stay), then every lock and entity is checked. The service runs it in slices of a few
 * milliseconds and yields to the event loop between them, so fires and HTTP requests go on while
 * 10,000 schedules are detected (about a second of work), and the live detector answers meanwhile.
 */
import type { ScheduleRecord } from '../../store/schedules.js';
import type { EngineCore } from '../core.js';
import type { ScheduleCache } from '../schedule-cache.js';
import type { ConflictDetector, Evaluation } from './detector.js';

/** Schedules read from the store per batch: a few milliseconds of planning. */
export const BUILD_BATCH = 50;

export class DetectionBuild {
  /** Schedules changed while the build ran: checked again on the finished detector. */
  readonly changed = new Set<string>();
  private readonly evaluation: Evaluation;
  private readonly batches: Generator<ScheduleRecord[], void, undefined>;
  private planning = true;

  /**
   * @param blocking Reads wait for it (finish it at once) rather than use the live detector: the
   *   first detection, and one that takes in a bulk of changed schedules.
   */
  constructor(
    readonly detector: ConflictDetector,
    cache: ScheduleCache,
    readonly blocking: boolean,
  ) {
    this.evaluation = detector.begin();
    this.batches = cache.batches(BUILD_BATCH);
  }

  /** Works while `more()` says so (checked between batches and between subjects); true when done. */
  run(more: () => boolean = () => true): boolean {
    while (this.planning) {
      if (!more()) return false;
      const next = this.batches.next();
      if (next.done) {
        this.planning = false;
        break;
      }
      for (const s of next.value) this.detector.add(this.evaluation, s.id, s);
    }
    return this.detector.advance(this.evaluation, more);
  }

  /** Keeps what was found in the detector (call once `run` returned true). */
  commit(): void {
    this.detector.commit(this.evaluation.delta);
  }

  /** Runs it to the end and keeps what was found. */
  runNow(): void {
    this.run();
    this.commit();
  }
}

/**
 * Re-checks changed schedules on a live detector in one evaluation: their records are read (the
 * cached one where there is one; nothing is added to the cache). Returns the ids of the conflicts
 * that appeared, changed or went, and of the schedules that no longer exist.
 */
export function recheck(detector: ConflictDetector, ids: readonly string[], core: Pick<EngineCore, 'cache' | 'schedules'>): { touched: Set<string>; gone: string[] } {
  const read = new Map(core.schedules.getMany(ids.filter((id) => !core.cache.peek(id))).map((s) => [s.id, s]));
  const e = detector.begin();
  const gone: string[] = [];
  for (const id of ids) {
    const s = core.cache.peek(id) ?? read.get(id);
    if (!s) gone.push(id);
    detector.add(e, id, s);
  }
  read.clear();
  detector.advance(e);
  return { touched: detector.commit(e.delta), gone };
}
