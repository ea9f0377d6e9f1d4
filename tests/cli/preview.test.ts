/**
 * `almanac preview` end to end: through a running server (which knows HA's location for sun
 * events) and without one (the time module in the CLI itself); the DST rules marked; field errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { almanac, ensureBundle } from '../helpers/cli.js';

const test = suite<{ a: TestAlmanac; env: Record<string, string> }>('almanac preview');

interface Preview {
  timezone: string;
  occurrences: { local: string; offset: string; note?: string; detail?: string }[];
}

test.before(async (ctx) => {
  ensureBundle();
  ctx.a = await startAlmanac();
  await waitFor(() => ctx.a.almanac.ha.config() !== null, 'HA config');
  ctx.env = { PORT: String(ctx.a.port), DATA_DIR: ctx.a.dataDir };
});

test.after(async (ctx) => {
  await ctx.a.close();
});

test('a daily 02:30 in Berlin around spring-forward: the gap day runs at 03:00, marked [DST]', async ({ env }) => {
  const r = await almanac(['preview', '30 2 * * *', '--tz', 'Europe/Berlin', '--from', '2026-03-27T12:00', '--count', '4'], env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^WHEN \(Europe\/Berlin\) +NOTE$/m);
  assert.match(r.stdout, /^Sat 2026-03-28 02:30 \+01:00$/m);
  assert.match(r.stdout, /^Sun 2026-03-29 03:00 \+02:00 {2}\[DST\] 02:30 does not exist on 2026-03-29 \(clocks go forward\); runs at 03:00$/m);
  assert.match(r.stdout, /^Mon 2026-03-30 02:30 \+02:00$/m);
});

test('an hourly cron on fall-back day runs in both passes of the repeated hour (--json)', async ({ env }) => {
  const r = await almanac(['preview', '0 * * * *', '--tz', 'Europe/Berlin', '--from', '2026-10-25T01:30', '--count', '3', '--json'], env);
  const json = r.json() as Preview;
  assert.equal(json.occurrences.map((o) => `${o.local.slice(11, 16)}${o.offset}`), ['02:00+02:00', '02:00+01:00', '03:00+01:00']);
  assert.is(json.occurrences[0]!.note, 'dst_repeat_both');
});

test('a calendar spec and a sun event (HA\'s location, from the server)', async ({ env }) => {
  const weekdays = (await almanac(['preview', '07:15 mon-fri', '--from', '2026-06-05T12:00', '--count', '2', '--json'], env)).json() as Preview;
  assert.is(weekdays.timezone, 'Europe/Berlin', "HA's zone by default");
  assert.equal(weekdays.occurrences.map((o) => o.local), ['2026-06-08T07:15:00', '2026-06-09T07:15:00']);
  const sunset = (await almanac(['preview', 'sunset-30m', '--from', '2026-06-21T00:00', '--count', '1', '--json'], env)).json() as Preview;
  // Berlin's sunset on 21 June is about 21:33 CEST; half an hour earlier is about 21:03.
  assert.match(sunset.occurrences[0]!.local, /^2026-06-21T21:0\d/);
});

test('a trigger that is well-formed but wrong: exit 1 with the field path; a bad zone names --tz', async ({ env }) => {
  const r = await almanac(['preview', '0 25 * * *'], env);
  assert.is(r.code, 1);
  assert.match(r.stderr, /trigger\.expression: .*hour/i);
  const zone = await almanac(['preview', '07:00', '--tz', 'Mars/Olympus'], env);
  assert.is(zone.code, 1);
  assert.match(zone.stderr, 'timezone');
});

test('without a server, the CLI computes it itself, with the same answers', async ({ env }) => {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-nodb-'));
  try {
    const offline = { PORT: '9', DATA_DIR: dir };
    const online = (await almanac(['preview', '30 2 * * *', '--tz', 'Europe/Berlin', '--from', '2026-03-27T12:00', '--count', '4', '--json'], env)).json();
    const local = await almanac(['preview', '30 2 * * *', '--tz', 'Europe/Berlin', '--from', '2026-03-27T12:00', '--count', '4', '--json'], offline);
    assert.is(local.code, 0, local.stderr);
    assert.equal(local.json(), online);
    const sun = await almanac(['preview', 'sunrise'], offline);
    assert.is(sun.code, 1, 'no database, so no location for the sun');
    assert.match(sun.stderr, "needs Home Assistant's latitude and longitude");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
