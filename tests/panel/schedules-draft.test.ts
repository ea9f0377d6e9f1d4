/**
 * The editor's working copy without a browser: what the templates and defaults produce is what
 * the server accepts, and field errors are routed to the part of the form that shows them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scheduleInputSchema } from '../../server/src/api/schemas/schedule.js';
import { triggerSchema } from '../../server/src/api/schemas/trigger.js';
import { actionSchema } from '../../server/src/api/schemas/action.js';
import { DEFAULT_POLICY as SERVER_POLICY } from '../../server/src/domain/schedule.js';
import {
  DEFAULT_POLICY,
  defaultAction,
  defaultTrigger,
  emptyDraft,
  errorsUnder,
  fieldErrors,
  toInput,
  withoutSection,
} from '../../panel/src/schedule-draft.js';
import { ACTION_TYPES, TRIGGER_TYPES } from '../../panel/src/schedule-types.js';
import { TEMPLATES } from '../../panel/src/templates.js';

const TARGET = { entity_id: ['light.grow_shelf_1'] };

test('the panel shows the same policy defaults the server applies', () => {
  assert.equal(DEFAULT_POLICY, SERVER_POLICY);
});

test('every template, once its device is picked, is a schedule the server accepts', () => {
  for (const template of TEMPLATES) {
    const input = { ...toInput(template.draft()), target: template.id === 'reminder' ? {} : TARGET };
    const result = scheduleInputSchema.safeParse(input);
    assert.ok(result.success, `${template.id}: ${JSON.stringify(result.error?.issues)}`);
  }
});

test('the dosing template can never run a dose twice', () => {
  const dosing = TEMPLATES.find((t) => t.id === 'dosing')!.draft();
  assert.is(dosing.policy.catch_up, 'skip');
  assert.is(dosing.policy.retries, 0);
  assert.is(dosing.policy.restore, 'leave');
});

test('each trigger type and action type starts from a value the server accepts', () => {
  for (const type of TRIGGER_TYPES) assert.ok(triggerSchema.safeParse(defaultTrigger(type)).success, type);
  for (const type of ACTION_TYPES) {
    const action = defaultAction(type);
    const filled = action.type === 'service' ? { ...action, service: 'light.turn_on' } : action.type === 'notify' ? { ...action, message: 'hi' } : action.type === 'mqtt_publish' ? { ...action, topic: 'a/b' } : action;
    assert.ok(actionSchema.safeParse(filled).success, type);
  }
});

test('a blank draft lacks only a name and a target', () => {
  const result = scheduleInputSchema.safeParse(toInput(emptyDraft()));
  assert.not.ok(result.success);
  assert.equal(result.error?.issues.map((i) => i.path.join('.')).sort(), ['name', 'target']);
});

test('field errors are routed by path, and editing a part clears only that part', () => {
  const errors = fieldErrors({
    type: 'about:blank',
    title: 'Invalid',
    status: 400,
    errors: [
      { path: 'trigger.expression', message: 'bad minute' },
      { path: 'action.steps.1.seconds', message: 'too long' },
      { path: 'name', message: 'give it a name' },
    ],
  });
  assert.equal(errorsUnder(errors, 'trigger'), { expression: 'bad minute' });
  assert.equal(errorsUnder(errorsUnder(errors, 'action'), 'steps'), { '1.seconds': 'too long' });
  assert.equal(Object.keys(withoutSection(errors, 'trigger')).sort(), ['action.steps.1.seconds', 'name']);
  assert.equal(Object.keys(withoutSection(errors, 'name')).sort(), ['action.steps.1.seconds', 'trigger.expression']);
});

test.run();
