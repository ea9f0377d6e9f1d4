import { readEnv } from '../../config/env.js';
import type { Location, Trigger } from '../../domain/trigger.js';
import type { Occurrence, PreviewDto } from '../../api/types.js';
import { isValidZone, parseInstant, preview as previewTrigger, validateTrigger } from '../../time/index.js';
import { JSON_OPTION, URL_OPTION, type Command, type CommandContext } from '../command.js';
import { ReadOnlyDatabase } from '../database.js';
import { CliError, EXIT } from '../exit.js';
import { noteMark, previewTime } from '../format.js';
import { ApiClient, probe, serverTarget } from '../server.js';
import { parseTriggerSpec } from '../trigger-spec.js';
import { countOption } from './next.js';

const DEFAULT_COUNT = 10;
const MAX_COUNT = 366;

interface Place {
  zone: string;
  location: Location | null;
}

/** HA's zone and home as the database last saw them; none when there is no database yet. */
function rememberedPlace(ctx: CommandContext): Place | null {
  try {
    const db = ReadOnlyDatabase.open(readEnv(ctx.env).settings.dataDir);
    const place = { zone: db.zone(), location: db.location() };
    db.close();
    return place;
  } catch {
    return null;
  }
}

/** Computed here, with the time module's own validation (paths relative to the trigger, as the API names them). */
function previewLocally(trigger: Trigger, zone: string, from: number, count: number, location: Location | null): Occurrence[] {
  const problems = validateTrigger(trigger, zone, location);
  if (problems.length > 0) {
    throw new CliError('the trigger is not valid', EXIT.failed, problems.map((p) => `${p.path === 'timezone' ? 'timezone' : p.path ? `trigger.${p.path}` : 'trigger'}: ${p.message}`));
  }
  return previewTrigger(trigger, from, count, { zone, location, createdAt: from });
}

export const preview: Command = {
  name: 'preview',
  description: `
When a trigger would run: its next occurrences, each with its local time and UTC offset, and what
a clock change does to it, marked [DST]. Nothing is saved. With a running server, the server
computes it (and knows Home Assistant's location for sun events); without one, this command does,
with the time zone and location the database remembers.

Specs: a cron expression ("15 7 * * 1-5", 6 fields with seconds first), times with days
("07:15 mon-fri", "08:30 days 1,15,-1", "06:00,18:00 months 4-9", "09:00 every 3 days from
2026-05-01"), an interval ("every 6h", "every 15m from 2026-01-01T06:00"), a sun event
("sunset-30m", "dawn+1h", "solar_noon"), one instant ("once 2026-03-29T02:30"), or any trigger
as JSON ('{"type":"calendar","times":["02:30"]}').`,
  positionals: [{ name: 'spec', description: 'the trigger, quoted' }],
  options: {
    tz: { type: 'string', value: '<zone>', description: "IANA time zone, e.g. Europe/Berlin (default: Home Assistant's)" },
    count: { type: 'string', value: '<n>', description: `how many occurrences (default ${DEFAULT_COUNT}, at most ${MAX_COUNT})` },
    from: { type: 'string', value: '<time>', description: 'start after this instant or local time (default: now)' },
    ...JSON_OPTION,
    ...URL_OPTION,
  },
  examples: [
    'almanac preview "30 2 * * *" --tz Europe/Berlin --from 2026-03-27T00:00',
    'almanac preview "07:15 mon-fri"',
    'almanac preview "sunset-30m" --count 5 --json',
  ],
  async run(ctx) {
    const { out, values } = ctx;
    const trigger = parseTriggerSpec(ctx.positionals[0]!);
    const count = countOption(values.count, DEFAULT_COUNT, MAX_COUNT);
    const target = serverTarget(values, ctx.env);
    const health = await probe(target);
    let items: Occurrence[];
    let zone: string;
    if (health) {
      zone = typeof values.tz === 'string' ? values.tz : (health.ha.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
      const body = { trigger, timezone: zone, count, ...(typeof values.from === 'string' ? { from: values.from } : {}) };
      items = (await new ApiClient(target).post<PreviewDto>('/api/preview', body)).occurrences;
    } else {
      if (target.explicit) throw new CliError(`no Almanac server answers at ${target.url}`, EXIT.noServer);
      const place = rememberedPlace(ctx);
      zone = typeof values.tz === 'string' ? values.tz : (place?.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
      if (!isValidZone(zone)) throw new CliError(`--tz: "${zone}" is not an IANA time zone (e.g. Europe/Berlin)`, EXIT.usage);
      let from = Date.now();
      if (typeof values.from === 'string') {
        const resolved = parseInstant(values.from, zone);
        if (!resolved) throw new CliError(`--from: "${values.from}" is not a date and time`, EXIT.usage);
        from = resolved.at;
      }
      items = previewLocally(trigger, zone, from, count, place?.location ?? null);
    }
    if (values.json) {
      out.json({ trigger, timezone: zone, occurrences: items });
      return EXIT.ok;
    }
    if (items.length === 0) {
      out.line('It never runs after that.');
      return EXIT.ok;
    }
    out.table([`WHEN (${zone})`, 'NOTE'], items.map((item) => [previewTime(item), noteMark(out, item)]));
    return EXIT.ok;
  },
};
