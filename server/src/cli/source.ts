/**
 * Where the CLI reads schedules and runs from: the running server's API when one answers, else
 * the database read-only. Both answer with the API's objects, so commands do not care which.
 */
import type { HealthDto, ListResponse, PreviewDto, RunDto, ScheduleDto } from '../api/types.js';
import { readEnv } from '../config/env.js';
import type { RunStatus, ScheduleState } from '../domain/schedule.js';
import type { Occurrence } from '../api/types.js';
import type { CommandContext } from './command.js';
import { ReadOnlyDatabase } from './database.js';
import { CliError, EXIT } from './exit.js';
import { ApiClient, probe, serverTarget } from './server.js';

export interface ScheduleQuery {
  state?: ScheduleState;
  tag?: string;
}

export interface RunQuery {
  limit: number;
  status?: RunStatus[];
  schedule_id?: string;
}

export interface Reader {
  /** Where the answers come from, for the user. */
  where: string;
  schedules(query?: ScheduleQuery): Promise<ScheduleDto[]>;
  preview(id: string, from: number, count: number): Promise<Occurrence[]>;
  runs(query: RunQuery): Promise<RunDto[]>;
  exportYaml(): Promise<string>;
  /** HA's time zone (the server's, or the one the database remembers): where run times are shown. */
  zone(): string;
  close(): void;
}

/** The zone of this machine, when HA's is not known. */
function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every schedule the server lists, following its pages (it answers next_cursor: null at the end). */
export async function allSchedules(api: ApiClient, query: ScheduleQuery = {}): Promise<ScheduleDto[]> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]);
  const items: ScheduleDto[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    if (cursor) params.set('cursor', cursor);
    const page: ListResponse<ScheduleDto> = await api.get(`/api/schedules?${params}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  }
  return items;
}

function serverReader(api: ApiClient, health: HealthDto): Reader {
  return {
    where: `the server at ${api.target.url}`,
    schedules: (query = {}) => allSchedules(api, query),
    async preview(id, from, count) {
      const answer = await api.get<PreviewDto>(`/api/schedules/${encodeURIComponent(id)}/preview?count=${count}&from=${encodeURIComponent(new Date(from).toISOString())}`);
      return answer.occurrences;
    },
    async runs(query) {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.status) params.set('status', query.status.join(','));
      if (query.schedule_id) params.set('schedule_id', query.schedule_id);
      return (await api.get<ListResponse<RunDto>>(`/api/runs?${params}`)).items;
    },
    async exportYaml() {
      return (await api.call('GET', '/api/export')).text;
    },
    zone: () => health.ha.time_zone ?? systemZone(),
    close() {},
  };
}

function databaseReader(db: ReadOnlyDatabase): Reader {
  return {
    where: `${db.path} (read-only: no server is running)`,
    async schedules(query = {}) {
      return db.schedules().filter((s) => (query.state === undefined || s.state === query.state) && (query.tag === undefined || s.tags.includes(query.tag)));
    },
    async preview(id, from, count) {
      return db.preview(id, from, count);
    },
    async runs(query) {
      return db.runs(query);
    },
    async exportYaml() {
      return db.exportYaml();
    },
    zone: () => db.zone(),
    close: () => db.close(),
  };
}

/** The running server when it answers; otherwise (unless --url named one) the database read-only. */
export async function openReader(ctx: CommandContext): Promise<Reader> {
  const target = serverTarget(ctx.values, ctx.env);
  const health = await probe(target);
  if (health) return serverReader(new ApiClient(target), health);
  if (target.explicit) throw new CliError(`no Almanac server answers at ${target.url}`, EXIT.noServer);
  const reader = databaseReader(ReadOnlyDatabase.open(readEnv(ctx.env).settings.dataDir));
  ctx.out.note(ctx.out.paint('dim', `No server at ${target.url}; reading ${reader.where.replace(/ \(.*$/, '')} read-only.`));
  return reader;
}

/** The running server, for commands that change something (they never write the database themselves). */
export async function requireServer(ctx: CommandContext, what: string): Promise<ApiClient> {
  const target = serverTarget(ctx.values, ctx.env);
  if (await probe(target)) return new ApiClient(target);
  throw new CliError(`${what} needs the running server, and none answers at ${target.url} (start it with almanac serve, or point --url at it)`, EXIT.noServer);
}
