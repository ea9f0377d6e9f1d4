/**
 * Every field error the API answers carries a stable code from domain/problem-codes.ts (and its
 * params), next to the English message, so a client can say it in its own language. Checked over
 * the kinds of mistakes users make, from the request schema, the time module and the engine.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PROBLEM_CODES } from '../../server/src/domain/problem-codes.js';
import { startAlmanac, waitFor, type TestAlmanac } from '../helpers/almanac.js';
import { api } from '../helpers/http.js';

const test = suite<{ a: TestAlmanac }>('field error codes');

interface Coded {
  path: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}

const BASE = { name: 'Test', trigger: { type: 'calendar', times: ['06:00'] }, target: { entity_id: ['light.grow_shelf_1'] }, action: { type: 'on' } };

async function errors(a: TestAlmanac, body: unknown, path = '/api/schedules'): Promise<Coded[]> {
  const res = await api(a.url).post(path, body);
  assert.is(res.status, 400, res.text);
  const list = res.json.errors as Coded[];
  for (const e of list) assert.ok((PROBLEM_CODES as readonly string[]).includes(e.code), `${e.path}: unknown code ${e.code}`);
  return list;
}

function at(list: Coded[], path: string): Coded {
  const found = list.find((e) => e.path === path);
  assert.ok(found, `no error at ${path}: ${JSON.stringify(list)}`);
  return found;
}

test.before(async (ctx) => {
  ctx.a = await startAlmanac();
  await waitFor(() => ctx.a.almanac.ha.entities().length > 0 && ctx.a.almanac.ha.config() !== null, 'HA ready');
});
test.after(async (ctx) => ctx.a.close());

test('request shape: required, ranges, formats, choices, unknown fields', async ({ a }) => {
  const list = await errors(a, {
    ...BASE,
    name: '',
    trigger: { type: 'calendar', times: ['25:00'], weekdays: [8] },
    target: { entity_id: ['Not an id'] },
    action: { type: 'set_level', percent: 140 },
    start_at: 'tomorrow',
    policy: { catch_up: 'never' },
    colour: 'green',
  });
  assert.equal(at(list, 'name'), { path: 'name', message: 'give the schedule a name', code: 'required' });
  assert.is(at(list, 'trigger.times.0').code, 'invalid_time');
  assert.equal(at(list, 'trigger.weekdays.0').params, { max: 7 });
  assert.is(at(list, 'target.entity_id.0').code, 'invalid_entity_id');
  assert.equal([at(list, 'action.percent').code, at(list, 'action.percent').params], ['too_large', { max: 100 }]);
  assert.is(at(list, 'start_at').code, 'invalid_date_time');
  assert.equal(at(list, 'policy.catch_up').params, { values: 'skip, latest, all' });
  assert.equal(at(list, '').params, { fields: 'colour' });
});

test('time rules: cron, never-running calendars, zones, order of start and end', async ({ a }) => {
  const cron = await errors(a, { ...BASE, trigger: { type: 'cron', expression: '61 * * * *' } });
  assert.equal(at(cron, 'trigger.expression'), { path: 'trigger.expression', message: 'Invalid value for minute: 61', code: 'invalid_cron', params: { detail: 'Invalid value for minute: 61' } });
  const never = await errors(a, { ...BASE, trigger: { type: 'calendar', times: ['06:00'], days: [31], months: [4, 6] } });
  assert.equal([at(never, 'trigger.days').code, at(never, 'trigger.days').params], ['no_such_day', { days: '31' }]);
  const zone = await errors(a, { ...BASE, timezone: 'Mars/Olympus' });
  assert.is(at(zone, 'timezone').code, 'invalid_zone');
  const order = await errors(a, { ...BASE, start_at: '2030-01-02T00:00', end_at: '2030-01-01T00:00' });
  assert.equal([at(order, 'end_at').code, at(order, 'end_at').params], ['must_be_after', { other: 'start_at' }]);
  const past = await errors(a, { ...BASE, trigger: { type: 'once', at: '2020-01-01T06:00' } });
  assert.is(at(past, 'trigger.at').code, 'in_past');
});

test('what Home Assistant has: unknown entities and areas, actions a domain cannot do, windows', async ({ a }) => {
  const ghost = await errors(a, { ...BASE, target: { entity_id: ['light.nowhere'], area_id: ['attic'] } });
  assert.equal([at(ghost, 'target.entity_id.0').code, at(ghost, 'target.entity_id.0').params], ['unknown_entity', { entity_id: 'light.nowhere' }]);
  assert.equal([at(ghost, 'target.area_id.0').code, at(ghost, 'target.area_id.0').params], ['unknown_area', { id: 'attic' }]);
  const domain = await errors(a, { ...BASE, target: { entity_id: ['sensor.grow_tent_temperature'] } });
  assert.equal(at(domain, 'target.entity_id.0').params, { entity_id: 'sensor.grow_tent_temperature', action: 'on' });
  const window = await errors(a, { ...BASE, action: { type: 'ramp', from: 0, to: 80, duration_seconds: 3600 }, duration_seconds: 600 });
  assert.is(at(window, 'duration_seconds').code, 'window_shorter_than_ramp');
  const noTarget = await errors(a, { ...BASE, target: {} });
  assert.is(at(noTarget, 'target').code, 'needs_target');
});

test('other routes: preview, runs filters, pause', async ({ a }) => {
  const preview = await errors(a, { trigger: { type: 'cron', expression: '* * *' }, from: 'soon' }, '/api/preview');
  assert.is(at(preview, 'from').code, 'invalid_date_time');
  const runs = await api(a.url).get('/api/runs?status=exploded');
  assert.is(runs.status, 400);
  assert.equal([runs.json.errors[0].code, runs.json.errors[0].params.values.split(', ').length], ['one_of', 8]);
});

test.run();
