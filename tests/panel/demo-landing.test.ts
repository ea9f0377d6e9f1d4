/**
 * What `npm start` shows first: the landing page on demo mode's seeded setup, in real Chromium,
 * with every demo schedule listed by name, target and next run, and nothing failing. The README's
 * screenshot is this page (scripts/screenshot.ts); the artifact here is the same picture.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { demoSchedules } from '../../server/src/demo/schedules.js';
import { shownText, shownTextMatching } from '../helpers/browser.js';
import { openDemoLanding } from '../helpers/demo-landing.js';
import { assertClean, scheduleRow, startSchedulesUi } from '../helpers/schedules-ui.js';

test('the landing page of a fresh demo lists the seeded schedules on the demo devices', async () => {
  const ui = await startSchedulesUi({ demoSeed: true });
  try {
    const page = await openDemoLanding(ui);
    await ui.browser.screenshot(page, 'demo-landing');
    for (const { name } of demoSchedules()) {
      const text = await shownText(scheduleRow(page, name));
      assert.match(text, /Enabled|Running/, `${name}: ${text}`);
      assert.match(text, /Next /, name);
    }
    assert.match(await shownText(scheduleRow(page, 'Reef daylight')), /every day at 10:00/);
    await shownTextMatching(scheduleRow(page, 'Shelf 1 watering'), /Shelf 1 · Pump/, 'a zone target names its zone and role');
    await shownTextMatching(scheduleRow(page, 'Weekday morning routine'), /Morning routine/);
    assertClean(ui.browser.activity(page));
  } finally {
    await ui.close();
  }
});

test.run();
