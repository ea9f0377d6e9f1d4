import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_POLICY } from '../../server/src/domain/schedule.js';
import { watersOrDoses, type DrivenSchedule } from '../../server/src/notify/criticality.js';

const base: DrivenSchedule = { tags: [], target: { entity_id: ['switch.heater'] }, action: { type: 'on' }, policy: DEFAULT_POLICY };
const labels: Record<string, string[]> = { 'switch.reef_dosing_pump': ['reef', 'dosing'], 'switch.return_pump': ['reef', 'pumps'] };
const labelsOf = (id: string) => labels[id] ?? [];

test('a heater schedule is not watering or dosing', () => {
  assert.not.ok(watersOrDoses(base, labelsOf));
});

test('tags watering, dosing or critical make it critical, in any case', () => {
  for (const tag of ['watering', 'Dosing', 'critical', 'water', 'dose']) assert.ok(watersOrDoses({ ...base, tags: [tag] }, labelsOf), tag);
});

test("an entity with HA's dosing label, a label target, a valve: critical; a return pump is not", () => {
  assert.ok(watersOrDoses({ ...base, target: { entity_id: ['switch.reef_dosing_pump'] } }, labelsOf));
  assert.ok(watersOrDoses({ ...base, target: { label_id: ['watering'] } }, labelsOf));
  assert.ok(watersOrDoses({ ...base, target: { entity_id: ['valve.zone1'] } }, labelsOf));
  assert.not.ok(watersOrDoses({ ...base, target: { entity_id: ['switch.return_pump'] } }, labelsOf));
});

test("a sequence step on a valve, a zone's pump role, a shared water lock: critical", () => {
  const sequence: DrivenSchedule['action'] = { type: 'sequence', steps: [{ type: 'wait', seconds: 5 }, { type: 'on', target: { entity_id: ['valve.zone2'] } }] };
  assert.ok(watersOrDoses({ ...base, action: sequence }, labelsOf));
  assert.ok(watersOrDoses({ ...base, target: { zone_id: 'shelf-1', role: 'pump' } as never }, labelsOf));
  assert.ok(watersOrDoses({ ...base, policy: { ...DEFAULT_POLICY, lock: 'water-main' } as never }, labelsOf));
});

test.run();
