import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NOTIFY_KINDS } from '../../server/src/notify/kinds.js';
import { completeSettings, settingsFromOptions } from '../../server/src/notify/settings.js';

const on = (s: ReturnType<typeof settingsFromOptions>) => NOTIFY_KINDS.filter((k) => s.kinds[k].persistent);

test('a new install starts from the add-on options: the listed kinds, the notify service on each, the repeat window', () => {
  const s = settingsFromOptions({ notify_kinds: ['run_failed', 'ha_disconnected'], notify_service: 'notify.mobile_app_pixel', notify_rate_limit_minutes: 60 });
  assert.equal(on(s), ['run_failed', 'ha_disconnected']);
  assert.equal(s.kinds.run_failed, { persistent: true, notify: ['notify.mobile_app_pixel'], severity: 'warning' });
  assert.equal(s.kinds.run_missed, { persistent: false, notify: [], severity: 'warning' });
  assert.is(s.repeat_minutes, 60);
  assert.is(s.quiet_hours, null);
});

test('an install upgrading with the old option names keeps its choices; kinds it could not name start at their defaults', () => {
  const s = settingsFromOptions({ notify_kinds: ['failed', 'paused', 'interrupted'], notify_rate_limit_minutes: 15 });
  assert.equal(on(s), ['run_failed', 'schedule_paused', 'lock_wait', 'override_ended', 'grow_phase', 'ha_disconnected']);
  assert.not.ok(s.kinds.run_missed.persistent, 'missed was not listed');
  assert.not.ok(s.kinds.conflict.persistent, 'conflict could be listed before, and was not');
  assert.not.ok(s.kinds.schedule_changed.persistent, 'off by default');
  assert.is(s.repeat_minutes, 15);
});

test('an empty option list switches every kind off, new ones included', () => {
  assert.equal(on(settingsFromOptions({ notify_kinds: [], notify_rate_limit_minutes: 60 })), []);
});

test('settings saved by an older Almanac get the kinds added since, at their defaults', () => {
  const defaults = settingsFromOptions({ notify_kinds: ['run_failed'], notify_rate_limit_minutes: 60 });
  const saved = { kinds: { run_failed: { persistent: false, notify: ['notify.x'], severity: 'critical' as const } }, max_per_hour: 3 };
  const s = completeSettings(saved as never, defaults);
  assert.equal(s.kinds.run_failed, { persistent: false, notify: ['notify.x'], severity: 'critical' });
  assert.equal(s.kinds.grow_phase, defaults.kinds.grow_phase);
  assert.is(s.max_per_hour, 3);
  assert.is(s.ha_disconnected_minutes, defaults.ha_disconnected_minutes);
});

test.run();
