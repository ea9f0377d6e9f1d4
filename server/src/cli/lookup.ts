/** `<id|name>` arguments: a schedule's id, else its name (any case); two of one name is an error. */
import type { ScheduleDto } from '../api/types.js';
import { CliError, EXIT } from './exit.js';

export function findSchedule(schedules: readonly ScheduleDto[], idOrName: string): ScheduleDto {
  const byId = schedules.find((s) => s.id === idOrName);
  if (byId) return byId;
  const wanted = idOrName.trim().toLowerCase();
  const named = schedules.filter((s) => s.name.toLowerCase() === wanted);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new CliError(`${named.length} schedules are named "${idOrName}"; give the id`, EXIT.usage, named.map((s) => `${s.id}  ${s.name}`));
  }
  const near = schedules.filter((s) => s.name.toLowerCase().includes(wanted)).slice(0, 5);
  throw new CliError(`no schedule with the id or name "${idOrName}"`, EXIT.notFound, near.map((s) => `did you mean "${s.name}" (${s.id})?`));
}
