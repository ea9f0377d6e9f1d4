/**
 * The database read-only, for the CLI while no server runs: the same repositories, state rules,
 * DTO mapping and time code as the server, so `almanac list` shows the same thing either way.
 * Never writes: a database that needs a migration is reported, not migrated.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toRunDto, toScheduleDto } from '../api/dto.js';
import { exportYaml } from '../api/export-file.js';
import type { RunDto, ScheduleDto } from '../api/types.js';
import type { RunStatus } from '../domain/schedule.js';
import type { Location } from '../domain/trigger.js';
import { HaPlace } from '../engine/ha-place.js';
import { timeContext } from '../engine/planner.js';
import { scheduleState } from '../engine/state.js';
import { openDatabaseReadOnly, type Db } from '../store/db.js';
import { latestSchemaVersion, schemaVersion } from '../store/migrate.js';
import { RunRepository } from '../store/runs.js';
import { ScheduleRepository, toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { SettingsStore } from '../store/settings.js';
import { describeTrigger, preview, type PreviewItem } from '../time/index.js';
import { CliError, EXIT } from './exit.js';

export const DATABASE_FILE = 'almanac.db';

export class ReadOnlyDatabase {
  private readonly schedulesRepo: ScheduleRepository;
  private readonly runsRepo: RunRepository;
  private readonly place: HaPlace;

  private constructor(
    readonly path: string,
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.schedulesRepo = new ScheduleRepository(db);
    this.runsRepo = new RunRepository(db);
    // No HA here: the zone and location are the ones the server last remembered.
    this.place = new HaPlace(new SettingsStore(db), { config: () => null });
    this.place.load();
  }

  /** Opens `<dataDir>/almanac.db`; a missing file or an unknown schema is a CliError. */
  static open(dataDir: string, now: () => number = Date.now): ReadOnlyDatabase {
    const path = join(dataDir, DATABASE_FILE);
    if (!existsSync(path)) throw new CliError(`no database at ${path} (Almanac has not run with DATA_DIR=${dataDir} yet)`, EXIT.noServer);
    const db = openDatabaseReadOnly(path);
    const version = schemaVersion(db);
    const latest = latestSchemaVersion();
    if (version !== latest) {
      db.close();
      const why = version > latest ? 'newer than this almanac knows; update it' : 'older; start the server once to migrate it';
      throw new CliError(`${path} is at schema version ${version}, this almanac reads ${latest} (${why})`, EXIT.failed);
    }
    return new ReadOnlyDatabase(path, db, now);
  }

  private dto(s: ScheduleRecord): ScheduleDto {
    const view = { schedule: toSchedule(s), state: scheduleState(s, this.now()), running: this.runsRepo.openFor(s.id).length > 0, conflict_ids: [] };
    return toScheduleDto(view, describeTrigger(s.trigger, 'en'));
  }

  private records(): ScheduleRecord[] {
    return this.schedulesRepo.all().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Every schedule as the API shows it, sorted by name then id (as `GET /api/schedules`). */
  schedules(): ScheduleDto[] {
    return this.records().map((s) => this.dto(s));
  }

  /** The next `count` occurrences of a schedule from `from`, as `GET /api/schedules/:id/preview`. */
  preview(id: string, from: number, count: number): PreviewItem[] {
    const s = this.schedulesRepo.get(id);
    if (!s) throw new CliError(`no schedule ${id}`, EXIT.notFound);
    return preview(s.trigger, from, count, timeContext(s, this.location()));
  }

  /** Runs newest first, as `GET /api/runs`. */
  runs(filter: { limit: number; status?: RunStatus[]; schedule_id?: string }): RunDto[] {
    const names = new Map(this.schedulesRepo.all().map((s) => [s.id, s.name]));
    return this.runsRepo.list(filter).items.map((r) => toRunDto(r, r.schedule_id !== null ? names.get(r.schedule_id) ?? null : null));
  }

  exportYaml(): Promise<string> {
    return exportYaml(this.records().map(toSchedule), this.now());
  }

  location(): Location | null {
    return this.place.location();
  }

  zone(): string {
    return this.place.zone();
  }

  close(): void {
    this.db.close();
  }
}
